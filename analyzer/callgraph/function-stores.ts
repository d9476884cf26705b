/**
 * Where each function is used as a value (model `functions[].stores`): every store of a function's name the call
 * graph collected (fields and variables assigned, tables and registrations initialised, arguments passed), whether or
 * not a call through that slot was found. A static function is named only in its own file (or anywhere from a
 * header); a store naming a function several definitions share goes to the one the storing file sees.
 */
import { visibleFrom } from '../../model/c-names.ts';
import type { FunctionEntity, FunctionStore } from '../../model/schema.ts';
import type { GraphState } from './graph-state.ts';

export function attachStores(functions: FunctionEntity[], state: GraphState): FunctionEntity[] {
  const byName = new Map<string, number[]>();
  functions.forEach((f, i) => {
    if (!f.definition) return;
    const list = byName.get(f.name);
    if (list) list.push(i);
    else byName.set(f.name, [i]);
  });
  const stores = new Map<number, FunctionStore[]>();
  for (const [slot, values] of state.slots) {
    for (const v of values) {
      if (!v.fn) continue;
      const defs = byName.get(v.fn) ?? [];
      const seen = defs.filter((i) => visibleFrom(functions[i] as FunctionEntity, v.evidence.file));
      // Several definitions seen (#if twins of one function): each is the stored one under its own guard.
      for (const i of seen.length ? seen : defs.slice(0, 1)) {
        const list = stores.get(i);
        const entry = { slot, evidence: v.evidence };
        if (list) list.push(entry);
        else stores.set(i, [entry]);
      }
    }
  }
  return functions.map((f, i) => {
    const list = stores.get(i);
    if (!list) return f;
    const unique = new Map(
      list.map((s) => [`${s.slot}\0${s.evidence.file}\0${s.evidence.line}\0${s.evidence.detail}`, s]),
    );
    const sorted = [...unique.values()].sort(
      (a, b) =>
        a.evidence.file.localeCompare(b.evidence.file) ||
        a.evidence.line - b.evidence.line ||
        a.slot.localeCompare(b.slot),
    );
    return { ...f, stores: sorted };
  });
}
