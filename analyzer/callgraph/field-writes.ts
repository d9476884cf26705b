/**
 * The fields of structs and unions one function body writes (model `functions[].writes`): `p->f = …`, `p->f |= …`,
 * `v.f = …`, `p->f++`, `--p->f`, `(*pp)->f = …`, with `p` a `struct X *`, `v` a `struct X` and `pp` a
 * `struct X **` (local, parameter or global) and `f` a field of `X`. Only writes written in the body itself are read
 * (not those inside a macro's expansion); `p->a.b = …` counts as a write of `a` and, when `a` is an embedded
 * `struct A`, of `A.b` too.
 */
import type { FieldWrite } from '../../model/schema.ts';
import { lineOfOffset } from '../c/line-offsets.ts';
import type { TypeIndex } from './c-type.ts';
import type { FunctionBody } from './function-body.ts';

/** A member chain: its base, `(*pp)` or `p`, then ->/. field, then any further members or subscripts. */
const CHAIN = String.raw`(?:\(\s*\*\s*(?<derefed>[A-Za-z_]\w*)\s*\)|\b(?<base>[A-Za-z_]\w*))\s*(?<arrow>->|\.)\s*(?<field>[A-Za-z_]\w*)(?<rest>(?:\s*(?:->|\.)\s*[A-Za-z_]\w*|\s*\[[^\]\n]*\])*)`;

// A chain followed by an assignment operator (not `==`) or a postfix ++/--.
const WRITE = new RegExp(String.raw`${CHAIN}\s*(?:=(?!=)|[-+*/%&|^]=|<<=|>>=|\+\+|--)`, 'g');

/**
 * A whole chain (nothing member-like or a call after it) behind a prefix ++/--. The operator must be a token of
 * its own: not the tail of a longer run (`a---b` is `a-- - b`, `- -b` is no `--`) and not right after an operand
 * (`a--b`), so only a real `--s->count` (also in `x = --s->count`, `if (--s->count)`) counts.
 */
const PREFIX = new RegExp(String.raw`(?<=(?<![\w\]])(?:(?<!-)--|(?<!\+)\+\+)\s*)${CHAIN}(?!\s*(?:->|\.|\[|\())`, 'g');

/** The writes in the body, in source order; one per field and line. */
export function fieldWrites({ code, start, end, lineStarts, lookup, types }: FunctionBody): FieldWrite[] {
  const body = code.slice(start, end);
  if (!/->|\./.test(body)) return [];
  const out: FieldWrite[] = [];
  const seen = new Set<string>();
  const matches = [...body.matchAll(WRITE), ...body.matchAll(PREFIX)].sort((a, b) => a.index - b.index);
  for (const m of matches) {
    // `a->b` preceded by `.`/`->` is a member of something else (`x->p->f = …` is read from its own base only).
    if (/(->|\.)\s*$/.test(body.slice(Math.max(0, m.index - 3), m.index))) continue;
    const { derefed, base, arrow, field, rest } = m.groups as Record<string, string | undefined>;
    const t = lookup((derefed ?? base)!)?.type;
    const levels = (arrow === '->' ? 1 : 0) + (derefed ? 1 : 0);
    if (!t || t.fnptr || !t.struct || t.ptr !== levels) continue;
    const line = lineOfOffset(lineStarts, start + m.index);
    for (const target of writtenFields(t.struct, field!, rest!, types)) {
      const key = `${target.aggregate}.${target.field}:${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...target, line });
    }
  }
  return out;
}

/**
 * The fields a member chain writes: `f` of `agg`, unless the chain dereferences on (`->`), in which case the last
 * `->` names a field of the aggregate reached (`t->next->prio` writes `prio`); `[i]` stays within the field. Each
 * `.m` after that also writes `m` of the embedded aggregate it names a member of (`c->idle.sched = …` writes
 * `schedcoop.idle` and `uk_thread.sched`), so the inner aggregate's writers include this function; not for an
 * anonymous one (`t->_mem.stack` writes only `uk_thread._mem`). Empty when a step's type is unknown or the field
 * does not exist.
 */
function writtenFields(
  agg: string,
  field: string,
  rest: string,
  types: TypeIndex,
): { aggregate: string; field: string }[] {
  const has = (a: string, f: string) => (types.fieldOrder(a) ?? []).includes(f);
  if (!has(agg, field)) return [];
  let targets = [{ aggregate: agg, field }];
  let type = types.field(agg, field);
  for (const step of rest.matchAll(/(->|\.)\s*([A-Za-z_]\w*)|\[[^\]\n]*\]/g)) {
    const [, op, name] = step as unknown as [string, string | undefined, string | undefined];
    if (!op) {
      type = type && type.ptr > 0 ? { ...type, ptr: type.ptr - 1 } : null;
      continue;
    }
    if (!type || !type.struct || type.fnptr || type.ptr !== (op === '->' ? 1 : 0) || !has(type.struct, name!))
      return [];
    const target = { aggregate: type.struct, field: name! };
    if (op === '->') targets = [target];
    // An anonymous aggregate's slot name is its id: it has no page of its own, and the write is its parent's field.
    else if (isName(type.struct)) targets = [...targets, target];
    type = types.field(type.struct, name!);
  }
  return targets;
}

/** True for a tag or typedef name, false for the id an anonymous aggregate's slot is named by. */
function isName(slot: string): boolean {
  return /^[A-Za-z_]\w*$/.test(slot);
}
