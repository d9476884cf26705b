// Evidence records: the English sentence (`detail`) is made from the facts (`parts`), one shape per way a store is made.
import { describe, expect, it } from 'vitest';
import { evidence } from '../../callgraph/evidence.ts';

describe('evidence', () => {
  it('says each kind of store in English and keeps its facts', () => {
    const d = (kind: string, parts: Parameters<typeof evidence>[3]) => evidence('a.c', 3, kind, parts).detail;
    expect(d('parameter-store', { shape: 'argument', in: 'f', code: 'cb', callee: 'run', argument: 2 })).toBe(
      'f passes `cb` to run() as argument 2',
    );
    expect(d('parameter-store', { shape: 'argument', code: 'cb', callee: 'run', argument: 1 })).toBe(
      'file scope passes `cb` to run() as argument 1',
    );
    expect(d('assignment', { shape: 'assignment', in: 'f', code: 's->yield = g' })).toBe('f assigns `s->yield = g`');
    expect(d('macro-assignment', { shape: 'assignment', in: 'f', macro: 'INIT', code: '(s)->yield = g' })).toBe(
      'INIT(…) in f assigns `(s)->yield = g`',
    );
    expect(
      d('registration-table', { shape: 'declaration', macro: 'REG', declares: 'entry', field: 'init', code: '(g)' }),
    ).toBe('REG(…) declares entry with .init = `(g)`');
    expect(d('initializer', { shape: 'declaration', declares: 'ops', field: 'yield', code: 'g' })).toBe(
      'ops with .yield = `g`',
    );
    expect(d('initializer', { shape: 'declaration', declares: 'table', code: 'g' })).toBe('table with `g`');
    expect(d('initializer', { shape: 'literal', in: 'f', literal: 'struct ops', field: 'yield', code: 'g' })).toBe(
      '(struct ops){…} in f with .yield = `g`',
    );
    const e = evidence('a.c', 3, 'parameter-store', {
      shape: 'argument',
      in: 'f',
      code: 'cb',
      callee: 'run',
      argument: 2,
    });
    expect(e).toMatchObject({ file: 'a.c', line: 3, kind: 'parameter-store' });
    expect(e.parts).toEqual({
      shape: 'argument',
      in: 'f',
      macro: null,
      declares: null,
      literal: null,
      field: null,
      code: 'cb',
      callee: 'run',
      argument: 2,
    });
  });
});
