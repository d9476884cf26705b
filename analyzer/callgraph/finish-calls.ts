/** Turns one function's raw calls into model `Call`s: pointer calls become one edge per target, or one unresolved edge. */
import type { Call } from '../../model/schema.ts';
import type { RawCall } from './graph-state.ts';
import type { Targets } from './resolve-slots.ts';

/** Resolves, deduplicates and sorts (by line, then callee) one function's calls. */
export function finishCalls(raw: RawCall[], resolve: (slot: string) => Targets): Call[] {
  const out: Call[] = [];
  const seen = new Set<string>();
  const push = (c: Call) => {
    const key = JSON.stringify([c.to, c.line, c.via, c.macroChain ?? null, c.through ?? null]);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const r of raw) {
    const base = {
      line: r.line,
      via: r.via,
      ...(r.macroChain ? { macroChain: r.macroChain } : {}),
      guard: r.guard,
    };
    if (r.via !== 'pointer') {
      push({ to: r.to, ...base });
      continue;
    }
    const targets = r.slot ? resolve(r.slot) : new Map();
    if (targets.size === 0) {
      push({ to: null, ...base, via: 'pointer', through: r.through ?? '?', unresolved: true });
      continue;
    }
    for (const [fn, evidence] of [...targets].sort((a, b) => a[0].localeCompare(b[0]))) {
      push({ to: fn, ...base, via: 'pointer', through: r.through ?? '?', evidence });
    }
  }
  return out.sort((a, b) => a.line - b.line || (a.to ?? '').localeCompare(b.to ?? '') || a.via.localeCompare(b.via));
}
