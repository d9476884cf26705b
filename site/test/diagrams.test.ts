// Diagrams come from the model and stay readable: node and depth limits, with a note of what was cut.
import { describe, expect, it } from 'vitest';
import { callGraph } from '../lib/diagrams/call-graph.ts';
import { structGraph } from '../lib/diagrams/struct-graph.ts';
import { label } from '../lib/diagrams/mermaid-text.ts';
import { buildSymbolIndex } from '../lib/symbol-index.ts';
import { tinyModel } from './tiny-model.ts';
import type { Model } from '../../model/index.ts';

function fanOut(n: number): Model['functions'] {
  const base = tinyModel().functions[1]!;
  const leaves = Array.from({ length: n }, (_, i) => ({
    ...base,
    name: `leaf${i}`,
    line: 1,
    calls: [{ to: `deep${i}`, line: 1, via: 'direct' as const, guard: [] }],
  }));
  const hub = {
    ...base,
    name: 'hub',
    calls: leaves.map((l, i) => ({ to: l.name, line: i + 1, via: 'direct' as const, guard: [] })),
  };
  return [hub, ...leaves];
}

describe('callGraph', () => {
  it('draws callees and callers of a small function completely', () => {
    const d = callGraph(buildSymbolIndex(tinyModel()), 'g');
    expect(d.cut).toEqual([]);
    expect(d.source).toContain('"f"');
    expect(d.source).toMatch(/n1 --> n0/);
  });

  it('stops at the node limit and says how much it left out', () => {
    const d = callGraph(buildSymbolIndex(tinyModel(fanOut(50))), 'hub', { maxNodes: 10, depth: 2 });
    expect(d.nodes).toBe(10);
    expect(d.cut.join(' ')).toMatch(/left out to stay under 10 nodes/);
  });

  it('stops at the depth limit and says so', () => {
    const d = callGraph(buildSymbolIndex(tinyModel(fanOut(3))), 'hub', { depth: 1 });
    expect(d.source).not.toContain('deep0');
    expect(d.cut.join(' ')).toMatch(/3 call\(s\) deeper than 1 level/);
  });

  it('says what it cut in the page language', () => {
    const d = callGraph(buildSymbolIndex(tinyModel(fanOut(50))), 'hub', { maxNodes: 10, depth: 1, lang: 'zh' });
    expect(d.cut.join(' ')).toMatch(/省略了 \d+ 个函数/);
    expect(d.cut.join(' ')).not.toMatch(/[A-Za-z]{4,}/);
  });
});

describe('mermaid labels', () => {
  it('escape the characters Mermaid would read as markup or syntax', () => {
    expect(label('a"<b>&#')).toBe('"a#34;#60;b#62;#38;#35;"');
  });
  it('struct graph of a struct without pointers has only itself', () => {
    expect(structGraph(buildSymbolIndex(tinyModel()), 's').nodes).toBe(1);
  });
});

describe('structGraph', () => {
  it('draws structs a struct points to (directly or through a typedef) and the ones pointing to it', () => {
    const m = tinyModel();
    const base = m.structs[0]!;
    const field = { ...base.fields[0]! };
    m.structs.push(
      {
        ...base,
        id: 'struct:t',
        name: 't',
        typedefs: ['t_t'],
        fields: [{ ...field, name: 'to_s', type: 'struct s *' }],
      },
      { ...base, id: 'struct:u', name: 'u', typedefs: [], fields: [{ ...field, name: 'to_t', type: 't_t *' }] },
    );
    const d = structGraph(buildSymbolIndex(m), 't');
    expect(d.nodes).toBe(3);
    expect(d.source).toMatch(/n0 -->\|"to_s"\| n1/);
    expect(d.source).toMatch(/n2 -->\|"to_t"\| n0/);
  });
});
