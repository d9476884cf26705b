/** Inverts the call edges: for each callee (function or macro), every edge that reaches it. */
import type { CallersEntry, FunctionEntity } from '../../model/schema.ts';

/** Sorted by callee name; each callee's callers by caller, file and line. */
export function buildCallersIndex(functions: FunctionEntity[]): CallersEntry[] {
  const byName = new Map<string, CallersEntry>();
  for (const fn of functions) {
    for (const c of fn.calls) {
      if (c.to === null) continue;
      let entry = byName.get(c.to);
      if (!entry) byName.set(c.to, (entry = { name: c.to, callers: [] }));
      entry.callers.push({
        from: fn.name,
        file: fn.file,
        line: c.line,
        via: c.via,
        ...(c.macroChain ? { macroChain: c.macroChain } : {}),
        ...(c.through ? { through: c.through } : {}),
        guard: c.guard,
      });
    }
  }
  const out = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const e of out)
    e.callers.sort((a, b) => a.from.localeCompare(b.from) || a.file.localeCompare(b.file) || a.line - b.line);
  return out;
}
