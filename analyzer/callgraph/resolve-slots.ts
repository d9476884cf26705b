/** Follows stores, copies and parameter passing back to the functions a slot can hold, with the evidence path. */
import type { Evidence } from '../../model/schema.ts';
import type { GraphState } from './graph-state.ts';

/** Target function name → evidence, earliest store first (where the function was stored, then each copy). */
export type Targets = Map<string, Evidence[]>;

/** Memoised resolver over one run's stores. */
export function createResolver(state: GraphState): (slot: string) => Targets {
  const memo = new Map<string, Targets>();
  const active = new Set<string>();
  function resolve(slot: string): Targets {
    const done = memo.get(slot);
    if (done) return done;
    if (active.has(slot)) return new Map();
    active.add(slot);
    const out: Targets = new Map();
    for (const v of state.slots.get(slot) ?? []) {
      if (v.fn !== undefined) {
        if (!out.has(v.fn)) out.set(v.fn, [v.evidence]);
        else pushUnique(out.get(v.fn) as Evidence[], v.evidence);
      } else if (v.slot !== undefined) {
        for (const [fn, ev] of resolve(v.slot)) {
          if (!out.has(fn)) out.set(fn, [...ev, v.evidence]);
        }
      }
    }
    active.delete(slot);
    memo.set(slot, out);
    return out;
  }
  return resolve;
}

function pushUnique(list: Evidence[], e: Evidence): void {
  if (!list.some((x) => x.file === e.file && x.line === e.line && x.detail === e.detail)) list.push(e);
}
