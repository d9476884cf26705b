/**
 * The GCC oracle (issue 3): every fixture is compiled with `gcc -fcallgraph-info -fno-inline -O0`, once as is and
 * once with every `CONFIG_*` it mentions defined (both sides of its `#ifdef`s); GCC's direct edges must be found
 * (recall >= 0.97) and every indirect call site must be a pointer edge, resolved or not.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCallGraph } from '../../callgraph/build-call-graph.ts';
import { fixtureInput, listSources } from './fixture-model.ts';
import { gccCallGraph, type GccGraph } from './gcc-callgraph.ts';
import { compareWithGcc } from './oracle-compare.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const dirs = readdirSync(FIXTURES)
  .filter((d) => d.startsWith('callgraph-'))
  .sort();

/** GCC's graph over two configurations: nothing defined, and every CONFIG_ option the sources mention defined. */
function gccBothWays(root: string, sources: string[], flags: string[]): GccGraph {
  const configs = new Set<string>();
  for (const f of listSources(root))
    for (const m of readFileSync(join(root, f), 'utf8').matchAll(/\bCONFIG_\w+/g)) configs.add(m[0]);
  const a = gccCallGraph(root, sources, flags);
  const b = gccCallGraph(root, sources, [...flags, ...[...configs].map((c) => `-D${c}=1`)]);
  return {
    direct: [...a.direct, ...b.direct],
    indirect: [...a.indirect, ...b.indirect],
    defined: new Set([...a.defined, ...b.defined]),
  };
}

describe('GCC -fcallgraph-info oracle', () => {
  for (const dir of dirs) {
    it(dir, () => {
      const root = join(FIXTURES, dir);
      const graph = buildCallGraph(fixtureInput(root));
      const gcc = gccBothWays(
        root,
        listSources(root).filter((f) => f.endsWith('.c')),
        ['-Iinclude'],
      );
      const r = compareWithGcc(gcc, graph.functions);
      console.log(
        `${dir}: recall ${r.recall.toFixed(3)} (${r.gccEdges} gcc edges), precision ${r.precision.toFixed(3)} (${r.ourEdges} ours), ` +
          `indirect sites ${r.indirectSites - r.indirectMissed.length}/${r.indirectSites}`,
      );
      expect(r.missed, 'direct edges GCC has and we miss').toEqual([]);
      expect(r.recall).toBeGreaterThanOrEqual(0.97);
      expect(r.indirectMissed, 'indirect call sites we have no pointer edge for').toEqual([]);
      expect(r.extra, 'edges GCC does not have').toEqual([]);
    });
  }
});
