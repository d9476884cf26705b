/** Compares the stage's edges with GCC's: recall and precision of direct edges, and coverage of indirect call sites. */
import type { FunctionEntity } from '../../../model/schema.ts';
import type { GccGraph } from './gcc-callgraph.ts';

/** The comparison, with the misses listed so a failing test says what to look at. */
export interface OracleReport {
  recall: number;
  precision: number;
  gccEdges: number;
  ourEdges: number;
  missed: string[];
  extra: string[];
  indirectSites: number;
  indirectMissed: string[];
}

/**
 * Direct edges are (caller, callee) pairs; ours are `direct` edges plus `macro` edges that reach a function (not the
 * macro-use edges). Only callers GCC emitted count for precision: GCC drops unused inline functions.
 * `fileMap` maps GCC's file names (as given on its command line) to the model's paths.
 */
export function compareWithGcc(
  gcc: GccGraph,
  functions: FunctionEntity[],
  fileMap: (gccFile: string) => string = (f) => f,
): OracleReport {
  // A syscall's body is `__uk_syscall_r_<name>` (or `_e_`) to GCC; the wrappers the macro generates around it
  // (`<name>`, `uk_syscall_e_<name>`, `uk_syscall_r_<name>`) are not functions of the model, so their edges are not
  // compared. Everything else compares by name.
  const alias = new Map<string, string | null>();
  for (const fn of functions) {
    if (fn.kind !== 'syscall') continue;
    for (const p of ['', 'uk_syscall_e_', 'uk_syscall_r_']) alias.set(p + fn.name, null);
    for (const p of ['__uk_syscall_r_', '__uk_syscall_e_']) alias.set(p + fn.name, fn.name);
  }
  const name = (n: string) => (alias.has(n) ? (alias.get(n) ?? null) : n);
  const defined = new Set([...gcc.defined].map(name).filter((n): n is string => n !== null));
  const theirs = new Set(
    gcc.direct.flatMap((e) => {
      const from = name(e.from);
      return from === null ? [] : [`${from} -> ${name(e.to) ?? e.to}`];
    }),
  );
  const ours = new Set<string>();
  const pointerSites = new Set<string>();
  for (const fn of functions) {
    for (const c of fn.calls) {
      if (c.via === 'pointer') pointerSites.add(`${fn.name} @ ${fn.file}:${c.line}`);
      else if (c.to !== null && !(c.via === 'macro' && c.macroChain?.length === 0) && defined.has(fn.name)) {
        ours.add(`${fn.name} -> ${c.to}`);
      }
    }
  }
  const missed = [...theirs].filter((e) => !ours.has(e)).sort();
  const extra = [...ours].filter((e) => !theirs.has(e)).sort();
  const sites = new Set(gcc.indirect.map((s) => `${name(s.from) ?? s.from} @ ${fileMap(s.file)}:${s.line}`));
  const indirectMissed = [...sites].filter((s) => !pointerSites.has(s)).sort();
  return {
    recall: theirs.size ? (theirs.size - missed.length) / theirs.size : 1,
    precision: ours.size ? (ours.size - extra.length) / ours.size : 1,
    gccEdges: theirs.size,
    ourEdges: ours.size,
    missed,
    extra,
    indirectSites: sites.size,
    indirectMissed,
  };
}
