/**
 * The fields of structs and unions one function body writes (model `functions[].writes`): `p->f = …`, `p->f |= …`,
 * `v.f = …`, `p->f++`, with `p` a `struct X *` or `v` a `struct X` (local, parameter or global) and `f` a field of
 * `X`. Only writes written in the body itself are read (not those inside a macro's expansion); `p->a.b = …` counts
 * as a write of `a`.
 */
import type { FieldWrite } from '../../model/schema.ts';
import { lineOfOffset } from '../c/line-offsets.ts';
import type { TypeIndex } from './c-type.ts';
import type { Env } from './expr-type.ts';

// base ->/. field, then any further members or subscripts, then an assignment operator (not `==`) or ++/--.
const WRITE =
  /\b([A-Za-z_]\w*)\s*(->|\.)\s*([A-Za-z_]\w*)((?:\s*(?:->|\.)\s*[A-Za-z_]\w*|\s*\[[^\]\n]*\])*)\s*(=(?!=)|[-+*/%&|^]=|<<=|>>=|\+\+|--)/g;

/** The writes in `text[start, end)` (comments already blanked), in source order; one per field and line. */
export function fieldWrites(
  text: string,
  start: number,
  end: number,
  lineStarts: number[],
  lookup: Env['lookup'],
  types: TypeIndex,
): FieldWrite[] {
  const body = text.slice(start, end);
  if (!/->|\./.test(body)) return [];
  const literals = literalRanges(body);
  const out: FieldWrite[] = [];
  const seen = new Set<string>();
  for (const m of body.matchAll(WRITE)) {
    if (inRanges(literals, m.index)) continue;
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

/** Offsets of string and character literals in `body`, as [start, end) pairs in order. */
function literalRanges(body: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < body.length; i++) {
    const q = body[i];
    if (q !== '"' && q !== "'") continue;
    let j = i + 1;
    while (j < body.length && body[j] !== q && body[j] !== '\n') j += body[j] === '\\' ? 2 : 1;
    out.push([i, j + 1]);
    i = j;
  }
  return out;
}

function inRanges(ranges: [number, number][], at: number): boolean {
  for (const [a, b] of ranges) {
    if (at < a) return false;
    if (at < b) return true;
  }
  return false;
}
