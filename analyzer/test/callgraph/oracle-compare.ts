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
  const theirs = new Set(gcc.direct.map((e) => `${e.from} -> ${e.to}`));
  const ours = new Set<string>();
  const pointerSites = new Set<string>();
  for (const fn of functions) {
    for (const c of fn.calls) {
      if (c.via === 'pointer') pointerSites.add(`${fn.name} @ ${fn.file}:${c.line}`);
      else if (c.to !== null && !(c.via === 'macro' && c.macroChain?.length === 0) && gcc.defined.has(fn.name)) {
        ours.add(`${fn.name} -> ${c.to}`);
      }
    }
  }
  const missed = [...theirs].filter((e) => !ours.has(e)).sort();
  const extra = [...ours].filter((e) => !theirs.has(e)).sort();
  const sites = new Set(gcc.indirect.map((s) => `${s.from} @ ${fileMap(s.file)}:${s.line}`));
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
