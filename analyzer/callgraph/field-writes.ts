/**
 * The fields of structs and unions one function body writes (model `functions[].writes`): `p->f = …`, `p->f |= …`,
 * `v.f = …`, `p->f++`, with `p` a `struct X *` or `v` a `struct X` (local, parameter or global) and `f` a field of
 * `X`. Only writes written in the body itself are read (not those inside a macro's expansion); `p->a.b = …` counts
 * as a write of `a`.
 */
import type { FieldWrite } from '../../model/schema.ts';
import { lineOfOffset } from '../c/line-offsets.ts';
import type { TypeIndex } from './c-type.ts';
import type { FunctionBody } from './function-body.ts';

// base ->/. field, then any further members or subscripts, then an assignment operator (not `==`) or ++/--.
const WRITE =
  /\b([A-Za-z_]\w*)\s*(->|\.)\s*([A-Za-z_]\w*)((?:\s*(?:->|\.)\s*[A-Za-z_]\w*|\s*\[[^\]\n]*\])*)\s*(=(?!=)|[-+*/%&|^]=|<<=|>>=|\+\+|--)/g;

/** The writes in the body, in source order; one per field and line. */
export function fieldWrites({ code, start, end, lineStarts, lookup, types }: FunctionBody): FieldWrite[] {
  const body = code.slice(start, end);
  if (!/->|\./.test(body)) return [];
  const out: FieldWrite[] = [];
  const seen = new Set<string>();
  for (const m of body.matchAll(WRITE)) {
    // `a->b` preceded by `.`/`->` is a member of something else (`x->p->f = …` is read from its own base only).
    if (/(->|\.)\s*$/.test(body.slice(Math.max(0, m.index - 3), m.index))) continue;
    const [, base, arrow, field, rest] = m as unknown as [string, string, string, string, string];
    const t = lookup(base)?.type;
    if (!t || t.fnptr || !t.struct || t.ptr !== (arrow === '->' ? 1 : 0)) continue;
    const target = writtenField(t.struct, field, rest, types);
    if (!target) continue;
    const line = lineOfOffset(lineStarts, start + m.index);
    const key = `${target.aggregate}.${target.field}:${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...target, line });
  }
  return out;
}

/**
 * The field a member chain writes: `f` of `agg`, unless the chain dereferences on (`->`), in which case the last
 * `->` names a field of the aggregate reached (`t->next->prio` writes `prio`); `.m` and `[i]` stay within the field.
 * Null when a step's type is unknown or the field does not exist.
 */
function writtenField(
  agg: string,
  field: string,
  rest: string,
  types: TypeIndex,
): { aggregate: string; field: string } | null {
  const has = (a: string, f: string) => (types.fieldOrder(a) ?? []).includes(f);
  if (!has(agg, field)) return null;
  let target = { aggregate: agg, field };
  let type = types.field(agg, field);
  for (const step of rest.matchAll(/(->|\.)\s*([A-Za-z_]\w*)|\[[^\]\n]*\]/g)) {
    const [, op, name] = step as unknown as [string, string | undefined, string | undefined];
    if (!op) {
      type = type && type.ptr > 0 ? { ...type, ptr: type.ptr - 1 } : null;
      continue;
    }
    if (!type || !type.struct || type.fnptr || type.ptr !== (op === '->' ? 1 : 0) || !has(type.struct, name!))
      return null;
    if (op === '->') target = { aggregate: type.struct, field: name! };
    type = types.field(type.struct, name!);
  }
  return target;
}
