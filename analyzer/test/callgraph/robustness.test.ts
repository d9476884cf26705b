/** Bad input never makes the call-graph stage throw: it loses what it cannot read and keeps the rest. */
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../c/decode-source.ts';
import { buildCallGraph, type CallGraphInput } from '../../callgraph/build-call-graph.ts';
import { inputFromTexts } from './fixture-model.ts';

function inputOf(files: Record<string, string | Uint8Array>): CallGraphInput {
  const texts = Object.entries(files).map(([path, v]) => ({
    path,
    text: typeof v === 'string' ? v : decodeSource(path, v).text,
  }));
  return inputFromTexts(texts, 'x');
}

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

describe('call graph robustness', () => {
  it('survives self-referencing, mutually recursive and exponentially nesting macros', () => {
    const doubling = Array.from({ length: 30 }, (_, i) => `#define D${i + 1}(x) D${i}(x) D${i}(x)`).join('\n');
    const g = buildCallGraph(
      inputOf({
        'm.c':
          `#define A(x) B(x) + f(x)\n#define B(x) A(x) + g(x)\n#define SELF SELF()\n#define D0(x) h(x)\n${doubling}\n` +
          `void run(int v) { A(v); SELF; D20(v); }\n`,
      }),
    );
    const calls = g.functions.find((f) => f.name === 'run')?.calls ?? [];
    expect(calls.some((c) => c.to === 'f')).toBe(true);
    expect(calls.some((c) => c.to === 'g')).toBe(true);
    expect(calls.some((c) => c.to === 'h')).toBe(true);
  });

  it('survives unbalanced parentheses, junk bytes, empty files and a function cut in half', () => {
    const junk = new Uint8Array(4096).map(() => Math.floor(random() * 256) || 1);
    const g = buildCallGraph(
      inputOf({
        'empty.c': '',
        'junk.c': junk,
        'cut.c': '#define CALL(f, x) ((f)(x)\nint half(int x) { CALL(half, x; return s->op(x',
        'ok.c': 'int ok(int x) { return half(x); }\n',
      }),
    );
    expect(g.functions.find((f) => f.name === 'ok')?.calls).toEqual([
      expect.objectContaining({ to: 'half', via: 'direct' }),
    ]);
  });
});
