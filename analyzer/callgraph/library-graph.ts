/** Library-to-library dependencies: how many call edges and `#include`s cross from one library into another. */
import { syscallOfSymbol } from '../../model/c-names.ts';
import type { FunctionEntity, LibraryEdge, SourceFile } from '../../model/schema.ts';

/**
 * Counts edges whose ends are in different libraries (null = files outside any library). A callee's library is that
 * of its definition (the caller's own file first, for `static` twins); a call to a syscall's generated symbol
 * (`uk_syscall_r_gettid`) reaches the syscall's definition; callees defined nowhere in the model are skipped.
 */
export function buildLibraryGraph(functions: FunctionEntity[], files: SourceFile[]): LibraryEdge[] {
  const defs = new Map<string, FunctionEntity[]>();
  for (const f of functions) {
    if (!f.definition) continue;
    const list = defs.get(f.name);
    if (list) list.push(f);
    else defs.set(f.name, [f]);
  }
  const edges = new Map<string, LibraryEdge>();
  const bump = (from: string | null, to: string | null, what: 'calls' | 'includes') => {
    if (from === to) return;
    const key = JSON.stringify([from, to]);
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { from, to, calls: 0, includes: 0 }));
    e[what]++;
  };
  for (const fn of functions) {
    for (const c of fn.calls) {
      if (c.to === null || (c.via === 'macro' && c.macroChain?.length === 0)) continue;
      const sys = syscallOfSymbol(c.to);
      const cands = defs.get(c.to) ?? (sys ? defs.get(sys)?.filter((d) => d.kind === 'syscall') : undefined);
      if (!cands?.length) continue;
      const callee = cands.find((d) => d.file === fn.file) ?? cands.find((d) => !d.static) ?? cands[0];
      if (callee) bump(fn.library, callee.library, 'calls');
    }
  }
  const libOf = new Map(files.map((f) => [f.path, f.library]));
  for (const f of files) {
    for (const inc of f.includes)
      if (inc.resolved && libOf.has(inc.resolved)) bump(f.library, libOf.get(inc.resolved) ?? null, 'includes');
  }
  return [...edges.values()].sort(
    (a, b) => (a.from ?? '').localeCompare(b.from ?? '') || (a.to ?? '').localeCompare(b.to ?? ''),
  );
}
