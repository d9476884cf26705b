/** Library dependency diagram, derived from which library's headers each library's files include. */
import type { SymbolIndex } from '../symbol-index.ts';
import { label, NodeIds, type Diagram } from './mermaid-text.ts';

/** Library → libraries whose files it includes (resolved includes only). */
export function libraryDependencies(index: SymbolIndex): Map<string, Set<string>> {
  const libOf = new Map(index.model.files.map((f) => [f.path, f.library]));
  const deps = new Map<string, Set<string>>();
  for (const f of index.model.files) {
    if (!f.library) continue;
    for (const inc of f.includes) {
      const target = inc.resolved ? libOf.get(inc.resolved) : null;
      if (!target || target === f.library) continue;
      if (!deps.has(f.library)) deps.set(f.library, new Set());
      deps.get(f.library)!.add(target);
    }
  }
  return deps;
}

/** Diagram centred on `lib` (its dependencies and dependents), or of all libraries when `lib` is null. */
export function libraryGraph(index: SymbolIndex, lib: string | null): Diagram {
  const ids = new NodeIds();
  const lines = ['flowchart LR'];
  const node = (n: string) => {
    if (!ids.has(n)) lines.push(`  ${ids.id(n)}[${label(n)}]`);
    return ids.id(n);
  };
  if (lib) lines.push(`  style ${node(lib)} stroke-width:3px`);
  for (const [from, tos] of libraryDependencies(index)) {
    for (const to of tos) if (!lib || from === lib || to === lib) lines.push(`  ${node(from)} --> ${node(to)}`);
  }
  return { source: lines.join('\n'), cut: [], nodes: ids.size };
}
