/** The plain data the collectors fill in one pass and the resolver reads afterwards. */
import type { Evidence } from '../../model/schema.ts';

/** Something stored into a slot: a function by name, or the value of another slot (a copy or a parameter). */
export interface SlotValue {
  fn?: string;
  slot?: string;
  evidence: Evidence;
}

/** A call found in a function body, before pointer calls are resolved. */
export interface RawCall {
  to: string | null;
  line: number;
  via: 'direct' | 'macro' | 'pointer';
  macroChain?: string[];
  /** For pointer calls: the slot key (`uk_sched.yield`, `param:f:0`, …), or null when even the slot is unknown. */
  slot?: string | null;
  /** What `through` shows. */
  through?: string;
  guard: string[];
}

/** Everything collected: stores per slot and raw calls per function (by index into the model's functions). */
export interface GraphState {
  slots: Map<string, SlotValue[]>;
  calls: Map<number, RawCall[]>;
}

/** Adds a store, skipping exact duplicates (the same value from the same site). */
export function addStore(state: GraphState, slot: string, value: SlotValue): void {
  const list = state.slots.get(slot);
  if (!list) {
    state.slots.set(slot, [value]);
    return;
  }
  const dup = list.some(
    (v) =>
      v.fn === value.fn &&
      v.slot === value.slot &&
      v.evidence.file === value.evidence.file &&
      v.evidence.line === value.evidence.line,
  );
  if (!dup) list.push(value);
}
