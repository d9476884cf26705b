/**
 * The GCC oracle over the bundled sample tree (analyzer/fixtures/sample-tree), through the whole analyzer
 * (`buildModel`): compiled with every guard off and every guard on, GCC's direct edges must be found (recall >= 0.97)
 * and each of its indirect call sites must be a pointer edge. Also pins the scheduler facts issue 3 asks for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../../model/schema.ts';
import { sampleTreeModel } from '../sample-tree-model.ts';
import { SAMPLE_TREE } from '../../source/resolve-source.ts';
import { gccCallGraph, type GccGraph } from './gcc-callgraph.ts';
import { compareWithGcc } from './oracle-compare.ts';

const CONFIG_ON = [
  'CONFIG_LIBUKSCHED_STATS',
  'CONFIG_LIBUKLOCK_MUTEX_METRICS',
  'CONFIG_LIBPOSIX_PROCESS_CLONE',
  'CONFIG_LIBPOSIX_FUTEX_BITSET',
];

function compile(model: Model): GccGraph {
  const includeDirs = new Set(['include', 'arch/x86_64/include', 'plat/common/include']);
  for (const f of model.files) {
    const m = /^(lib\/[^/]+\/include)\//.exec(f.path);
    if (m) includeDirs.add(m[1] as string);
  }
  const sources = model.files.filter((f) => f.path.endsWith('.c')).map((f) => f.path);
  const base = ['-std=gnu11', '-ffreestanding', '-w', ...[...includeDirs].map((d) => `-I${d}`)];
  const graphs = [base, [...base, ...CONFIG_ON.map((c) => `-D${c}=1`)]].map((flags) =>
    // Each unit also sees its own directory, as Unikraft's build does.
    sources.map((src) => gccCallGraph(SAMPLE_TREE, [src], [...flags, `-I${src.replace(/\/[^/]+$/, '')}`])),
  );
  const all = graphs.flat();
  return {
    direct: all.flatMap((g) => g.direct),
    indirect: all.flatMap((g) => g.indirect),
    defined: new Set(all.flatMap((g) => [...g.defined])),
  };
}

describe('GCC oracle over the sample tree', () => {
  let model: Model;
  beforeAll(async () => {
    model = await sampleTreeModel();
  });

  it('finds what gcc -fcallgraph-info finds', () => {
    const r = compareWithGcc(compile(model), model.functions);
    console.log(
      `sample tree: recall ${r.recall.toFixed(3)} (${r.gccEdges} gcc edges), precision ${r.precision.toFixed(3)} (${r.ourEdges} ours), ` +
        `indirect sites ${r.indirectSites - r.indirectMissed.length}/${r.indirectSites}` +
        (r.missed.length ? `\n  missed: ${r.missed.join(', ')}` : '') +
        (r.extra.length ? `\n  extra: ${r.extra.join(', ')}` : ''),
    );
    expect(r.recall).toBeGreaterThanOrEqual(0.97);
    expect(r.indirectMissed, 'indirect call sites with no pointer edge').toEqual([]);
  });

  it('resolves the scheduler wrappers to their schedcoop implementations, with evidence', () => {
    const expected: Record<string, string> = {
      uk_sched_yield: 'schedcoop_schedule',
      uk_sched_thread_add: 'schedcoop_thread_add',
      uk_sched_thread_remove: 'schedcoop_thread_remove',
      uk_sched_thread_blocked: 'schedcoop_thread_blocked',
      uk_sched_start: 'schedcoop_start',
    };
    for (const [wrapper, impl] of Object.entries(expected)) {
      const fn = model.functions.find((f) => f.name === wrapper && f.definition);
      const edge = fn?.calls.find((c) => c.via === 'pointer' && c.to === impl);
      expect(edge, `${wrapper} -> ${impl}`).toBeDefined();
      expect(edge?.evidence?.[0]?.kind).toBe('macro-assignment');
      expect(edge?.evidence?.[0]?.file).toBe('lib/ukschedcoop/schedcoop.c');
    }
  });

  it('lists callers and library dependencies', () => {
    const callers = model.callers?.find((c) => c.name === 'schedcoop_schedule');
    expect(callers?.callers.some((c) => c.from === 'uk_sched_yield' && c.via === 'pointer')).toBe(true);
    const edge = model.libraryGraph?.find((e) => e.from === 'uksched' && e.to === 'ukschedcoop');
    expect(edge?.calls).toBeGreaterThan(0);
  });
});
