/** Object-like macros whose body calls (`#define NOW now_tick()`) are uses wherever their name stands as a word. */
import { describe, expect, it } from 'vitest';
import { buildCallGraph } from '../../callgraph/build-call-graph.ts';
import { inputFromTexts } from './fixture-model.ts';

describe('calling object-like macros', () => {
  it('counts each use of the name as a word, not names that merely contain it', () => {
    const text = [
      'int now_tick(void);', // 1
      '#define NOW now_tick()', // 2
      '#define NOWX 3', // 3
      'int f(void)', // 4
      '{', // 5
      '\tint NOW_2 = NOWX, xNOW = 1;', // 6
      '\tint a = NOW;', // 7
      '\treturn a + NOW_2 + xNOW + (NOW);', // 8
      '}', // 9
      '',
    ].join('\n');
    const { functions } = buildCallGraph(inputFromTexts([{ path: 'lib/t/t.c', text }], 't'));
    const calls = functions.find((fn) => fn.name === 'f')?.calls ?? [];
    const uses = calls.filter((c) => c.to === 'NOW').map((c) => c.line);
    const ticks = calls.filter((c) => c.to === 'now_tick').map((c) => [c.line, c.macroChain]);
    expect(uses).toEqual([7, 8]);
    expect(ticks).toEqual([
      [7, ['NOW']],
      [8, ['NOW']],
    ]);
  });
});
