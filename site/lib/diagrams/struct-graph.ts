/** Diagram of the structs one struct points to and the structs that point to it. */
import type { Struct } from '../../../model/index.ts';
import type { SymbolIndex } from '../symbol-index.ts';
import { label, NodeIds, type Diagram } from './mermaid-text.ts';

/** Names of known structs a field type mentions (`struct uk_sched *`, or a typedef of one). */
export function referencedStructs(index: SymbolIndex, type: string): string[] {
  const out = new Set<string>();
  for (const m of type.matchAll(/\b(?:struct|union)\s+([A-Za-z_]\w*)/g)) if (index.structs.has(m[1]!)) out.add(m[1]!);
  for (const m of type.matchAll(/[A-Za-z_]\w*/g)) {
    const target = index.structByTypedef.get(m[0]);
    if (target) out.add(target);
  }
  return [...out];
}

/**
 * The known struct a field of type `type` holds by value (`struct uk_waitq`, `const struct x`, a typedef of one), or
 * null: a pointer, a function pointer or any other type holds none.
 */
export function heldStruct(index: SymbolIndex, type: string): string | null {
  const m = /^(?:(?:const|volatile)\s+)*(?:(struct|union)\s+)?([A-Za-z_]\w*)$/.exec(type.trim());
  if (!m) return null;
  if (m[1]) return index.structs.has(m[2]!) ? m[2]! : null;
  return index.structByTypedef.get(m[2]!) ?? null;
}

/** Every struct-to-struct reference (`from` has a field `via` whose type mentions `to`), computed once per index. */
const edgeCache = new WeakMap<SymbolIndex, { from: string; to: string; via: string }[]>();
function structEdges(index: SymbolIndex): { from: string; to: string; via: string }[] {
  let edges = edgeCache.get(index);
  if (!edges) {
    edges = [];
    for (const [from, list] of index.structs) {
      const fields = list.flatMap((x) => x.fields.concat(nested(index, x)));
      for (const f of fields) for (const to of referencedStructs(index, f.type)) edges.push({ from, to, via: f.name });
    }
    edgeCache.set(index, edges);
  }
  return edges;
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
  const edges = structEdges(index);
  for (const e of edges) if (e.from === name) add(e.from, e.to, e.via);
  for (const e of edges) if (e.to === name && e.from !== name) add(e.from, e.to, e.via);
  return {
    source: lines.join('\n'),
    cut: dropped ? [`${dropped} related struct(s) left out to stay under ${maxNodes} nodes`] : [],
    nodes: ids.size,
  };
}

function nested(index: SymbolIndex, s: Struct): Struct['fields'] {
  return s.fields.flatMap((f) => {
    const inner = f.aggregate ? index.structById.get(f.aggregate) : undefined;
    return inner ? inner.fields.concat(nested(index, inner)) : [];
  });
}
