// Compares the layout attributes pahole reads back from gcc's DWARF (`aligned(N)`, `packed`) with the attributes the
// model records on structs and members, expanded through the model's own macros (`__align(64)` → `aligned(64)`).
import type { Macro, Model } from '../../../model/schema.ts';
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
 * Every layout attribute pahole reports must be in the model: `packed` on a struct, `aligned(N)` on a member, and
 * `aligned(N)` on a struct, which pahole also infers from an aligned member. (pahole prints nothing for an alignment
 * the layout has anyway, so the other direction cannot be checked.)
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
  const mismatches: string[] = [];
  let checked = 0;
  for (const s of activeStructs(model, defines, files)) {
    const c = compiled.find((p) => p.kind === s.kind && p.name === s.name && p.file === s.file);
    if (!c) continue;
    const own = gcc(s.attributes);
    const members = new Map(
      s.fields.filter((f) => guardHolds(f.guard, defines)).map((f) => [f.name, gcc(f.attributes)]),
    );
    for (const a of c.attributes.filter((x) => x === 'packed' || x.startsWith('aligned('))) {
      checked++;
      const explained = own.includes(a) || (a !== 'packed' && [...members.values()].some((m) => m.includes(a)));
      if (!explained)
        mismatches.push(`${s.kind} ${s.name}: gcc lays it out ${a}, the model has ${JSON.stringify(s.attributes)}`);
    }
    for (const [name, attrs] of Object.entries(c.memberAttributes)) {
      for (const a of attrs.filter((x) => x === 'packed' || x.startsWith('aligned('))) {
        checked++;
        if (!members.get(name)?.includes(a))
          mismatches.push(`${s.kind} ${s.name}.${name}: gcc aligns it ${a}, the model does not say so`);
      }
    }
  }
  return { mismatches, checked };
}
