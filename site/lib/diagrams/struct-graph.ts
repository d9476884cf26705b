/** Diagram of the structs one struct points to and the structs that point to it. */
import type { Struct } from '../../../model/index.ts';
import type { SymbolIndex } from '../symbol-index.ts';
import { label, NodeIds, type Diagram } from './mermaid-text.ts';

/** Names of known structs a field type mentions (`struct uk_sched *`, or a typedef of one). */
export function referencedStructs(index: SymbolIndex, type: string): string[] {
  const out = new Set<string>();
  for (const m of type.matchAll(/\b(?:struct|union)\s+([A-Za-z_]\w*)/g)) if (index.structs.has(m[1]!)) out.add(m[1]!);
  for (const m of type.matchAll(/[A-Za-z_]\w*/g)) {
    const td = index.typedefs.get(m[0])?.[0];
    const target = td && /\b(?:struct|union)\s+([A-Za-z_]\w*)/.exec(td.type)?.[1];
    if (target && index.structs.has(target)) out.add(target);
    if (!td) for (const [name, list] of index.structs) if (list.some((s) => s.typedefs.includes(m[0]))) out.add(name);
  }
  return [...out];
}

/** Builds the diagram for struct `name`, at most `maxNodes` structs. */
export function structGraph(index: SymbolIndex, name: string, maxNodes = 20): Diagram {
  const ids = new NodeIds();
  const lines = ['flowchart LR'];
  const root = ids.id(name);
  lines.push(`  ${root}[${label(name)}]`, `  style ${root} stroke-width:3px`);
  let dropped = 0;
  const add = (from: string, to: string, via: string) => {
    for (const n of [from, to]) {
      if (!ids.has(n)) {
        if (ids.size >= maxNodes) {
          dropped++;
          return;
        }
        lines.push(`  ${ids.id(n)}[${label(n)}]`);
      }
    }
    lines.push(`  ${ids.id(from)} -->|${label(via)}| ${ids.id(to)}`);
  };
  const fieldsOf = (s: Struct[]) => s.flatMap((x) => x.fields.concat(nested(index, x)));
  for (const f of fieldsOf(index.structs.get(name) ?? [])) for (const to of referencedStructs(index, f.type)) add(name, to, f.name);
  for (const [other, list] of index.structs) {
    if (other === name) continue;
    for (const f of fieldsOf(list)) if (referencedStructs(index, f.type).includes(name)) add(other, name, f.name);
  }
  return { source: lines.join('\n'), cut: dropped ? [`${dropped} related struct(s) left out to stay under ${maxNodes} nodes`] : [], nodes: ids.size };
}

function nested(index: SymbolIndex, s: Struct): Struct['fields'] {
  return s.fields.flatMap((f) => {
    const inner = f.aggregate ? index.structById.get(f.aggregate) : undefined;
    return inner ? inner.fields.concat(nested(index, inner)) : [];
  });
}
