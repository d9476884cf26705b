/** Library dependency diagram: the call-graph stage's library graph when the model has it, else from includes. */
import type { SymbolIndex } from '../symbol-index.ts';
import { label, NodeIds, type Diagram } from './mermaid-text.ts';
import { t } from '../i18n.ts';
import type { Lang } from '../urls.ts';

/** One dependency between two libraries, with what backs it. */
export interface LibraryDependency {
  from: string;
  to: string;
  calls: number;
  includes: number;
}

/** Library → library dependencies; files outside any library are left out. */
export function libraryDependencies(index: SymbolIndex): LibraryDependency[] {
  const { model } = index;
  if (model.libraryGraph) {
    return model.libraryGraph
      .filter((e) => e.from && e.to && e.from !== e.to)
      .map((e) => ({ from: e.from!, to: e.to!, calls: e.calls, includes: e.includes }));
  }
  const libOf = new Map(model.files.map((f) => [f.path, f.library]));
  const deps = new Map<string, LibraryDependency>();
  for (const f of model.files) {
    if (!f.library) continue;
    for (const inc of f.includes) {
      const target = inc.resolved ? libOf.get(inc.resolved) : null;
      if (!target || target === f.library) continue;
      const key = `${f.library} ${target}`;
      const d = deps.get(key) ?? { from: f.library, to: target, calls: 0, includes: 0 };
      d.includes++;
      deps.set(key, d);
    }
  }
  return [...deps.values()];
}

/** Diagram centred on `lib` (its dependencies and dependents), or of all libraries when `lib` is null. */
export function libraryGraph(index: SymbolIndex, lib: string | null, lang: Lang = 'en'): Diagram {
  const s = t(lang);
  const ids = new NodeIds();
  const lines = ['flowchart LR'];
  const node = (n: string) => {
    if (!ids.has(n)) lines.push(`  ${ids.id(n)}[${label(n)}]`);
    return ids.id(n);
  };
  if (lib) lines.push(`  style ${node(lib)} stroke-width:3px`);
  for (const d of libraryDependencies(index)) {
    if (lib && d.from !== lib && d.to !== lib) continue;
    const what = [d.calls ? s.edgeCalls(d.calls) : '', d.includes ? s.edgeIncludes(d.includes) : '']
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${node(d.from)} -->|${label(what)}| ${node(d.to)}`);
  }
  return { source: lines.join('\n'), cut: [], nodes: ids.size };
}
