/** Follows stores, copies and parameter passing back to the functions a slot can hold, with the evidence path. */
import type { Evidence } from '../../model/schema.ts';
import type { GraphState } from './graph-state.ts';

/**
 * Target function name → evidence, earliest store first (where the function was stored, then each copy); when several
 * paths bring the same function, the first path's evidence comes first and the others' new steps follow.
 */
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
        // Every path that brings the function here: the first path, then what the others add (a second caller
        // passing the same callback through another creator, as clone() does with both container creators).
        for (const [fn, ev] of resolve(v.slot)) {
          const list = out.get(fn);
          if (!list) out.set(fn, [...ev, v.evidence]);
          else for (const e of [...ev, v.evidence]) pushUnique(list, e);
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
