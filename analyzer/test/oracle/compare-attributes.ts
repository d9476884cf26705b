// Compares the layout attributes pahole reads back from gcc's DWARF (`aligned(N)`, `packed`) with the attributes the
// model records on structs and members, expanded through the model's own macros (`__align(64)` → `aligned(64)`).
import type { Macro, Model, Struct } from '../../../model/schema.ts';
import { guardHolds } from './evaluate-guard.ts';
import { activeStructs } from './compare-structs.ts';
import { gccAttributes, type PaholeStruct } from './parse-pahole.ts';

/** `NAME` or `NAME(args)` with one level of nested parentheses in the arguments. */
const USE = /\b([A-Za-z_]\w*)\b(?:\s*\(((?:[^()]|\([^()]*\))*)\))?/g;

/** `text` with the model's macros expanded, `depth` levels deep. */
export function expandMacros(text: string, macros: Map<string, Macro>, depth = 8): string {
  if (depth === 0) return text;
  return text.replace(USE, (all, name: string, args: string | undefined) => {
    const m = macros.get(name);
    if (!m) return all;
    if (m.params === null) return expandMacros(m.body, macros, depth - 1) + (args === undefined ? '' : `(${args})`);
    if (args === undefined) return all;
    const values = args.split(/,(?![^(]*\))/).map((v) => v.trim());
    const body = m.params.reduce((b, p, i) => b.replace(new RegExp(`\\b${p}\\b`, 'g'), values[i] ?? ''), m.body);
    return expandMacros(body, macros, depth - 1);
  });
}

/** What the comparison found, and how many compiler-reported attributes it checked. */
export interface AttributeComparison {
  mismatches: string[];
  checked: number;
}

/**
 * Every layout attribute pahole reports must be in the model: `packed` on a struct, and `aligned(N)` on a struct or a
 * member, which pahole also prints where it comes from a member or from the type of a member held by value
 * (`struct outer { struct lk l; }` with `lk` aligned). (pahole prints nothing for an alignment the layout has anyway,
 * so the other direction cannot be checked.)
 */
export function compareAttributes(
  model: Pick<Model, 'structs' | 'macros'>,
  compiled: PaholeStruct[],
  defines: Record<string, number>,
  files: Set<string>,
): AttributeComparison {
  const macros = new Map<string, Macro>();
  for (const m of model.macros) if (!macros.has(m.name)) macros.set(m.name, m);
  const gcc = (texts: string[]) => texts.flatMap((t) => gccAttributes(expandMacros(t, macros)));
  const byName = new Map<string, Struct>();
  for (const s of model.structs) for (const n of [s.name, ...s.typedefs]) if (n && !byName.has(n)) byName.set(n, s);
  const byId = new Map(model.structs.map((s) => [s.id, s]));
  const members = (s: Struct) => s.fields.filter((f) => guardHolds(f.guard, defines));
  /** The alignments a member of type `type` brings: those of the struct it names, when held by value. */
  const typeAlignments = (type: string, depth: number): string[] => {
    const m = /^(?:(?:const|volatile)\s+)*(?:(?:struct|union)\s+)?(\w+)$/.exec(type.trim());
    const t = m ? byName.get(m[1] as string) : undefined;
    return t ? layoutAlignments(t, depth + 1) : [];
  };
  /** Every aligned(N) the model gives a struct's layout: its own, its members', and their types'. */
  const layoutAlignments = (s: Struct, depth = 0): string[] => {
    if (depth > 8) return [];
    const out = gcc(s.attributes);
    for (const f of members(s)) {
      out.push(...gcc(f.attributes), ...typeAlignments(f.type, depth));
      const inner = f.aggregate ? byId.get(f.aggregate) : undefined;
      if (inner) out.push(...layoutAlignments(inner, depth + 1));
    }
    return out.filter((a) => a.startsWith('aligned('));
  };
  const mismatches: string[] = [];
  let checked = 0;
  for (const s of activeStructs(model, defines, files)) {
    const c = compiled.find((p) => p.kind === s.kind && p.name === s.name && p.file === s.file);
    if (!c) continue;
    for (const a of c.attributes.filter((x) => x === 'packed' || x.startsWith('aligned('))) {
      checked++;
      const explained = a === 'packed' ? gcc(s.attributes).includes(a) : layoutAlignments(s).includes(a);
      if (!explained)
        mismatches.push(`${s.kind} ${s.name}: gcc lays it out ${a}, the model has ${JSON.stringify(s.attributes)}`);
    }
    const fields = new Map(members(s).map((f) => [f.name, f]));
    for (const [name, attrs] of Object.entries(c.memberAttributes)) {
      const f = fields.get(name);
      for (const a of attrs.filter((x) => x === 'packed' || x.startsWith('aligned('))) {
        checked++;
        const explained = f && (gcc(f.attributes).includes(a) || typeAlignments(f.type, 0).includes(a));
        if (!explained) mismatches.push(`${s.kind} ${s.name}.${name}: gcc aligns it ${a}, the model does not say so`);
      }
    }
  }
  return { mismatches, checked };
}
