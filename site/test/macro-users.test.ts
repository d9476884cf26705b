// A macro used inside another macro's body is used by that macro's users, to any depth.
import { describe, expect, it } from 'vitest';
import { parseModel, type Model } from '../../model/index.ts';
import { buildSymbolIndex } from '../lib/symbol-index.ts';
import { tinyFunction as fn, tinyModel } from './tiny-model.ts';

const macro = (name: string, body: string): Model['macros'][number] => ({
  name,
  params: ['x'],
  variadic: false,
  body,
  library: 'lib',
  file: 'lib/a.h',
  line: 1,
  endLine: 1,
  documented: true,
  guard: [],
  doc: null,
});

describe('macro users', () => {
  it('include the users of every macro whose body uses it, followed through several macros', () => {
    const base = tinyModel([
      fn('locker', 20, [{ to: 'LOCK_IRQSAVE', line: 21, via: 'macro', macroChain: [], guard: [] }]),
      fn('direct', 30, [{ to: 'LOCK', line: 31, via: 'macro', macroChain: [], guard: [] }]),
    ]);
    const index = buildSymbolIndex(
      parseModel({
        ...base,
        macros: [
          macro('LOCK_IRQSAVE', 'do { flags = save(); LOCK(x); } while (0)'),
          macro('LOCK', 'do { SET_BUSY(x); } while (0)'),
          macro('SET_BUSY', '((x)->busy = 1)'),
          macro('UNRELATED', '(x)'),
        ],
      }),
    );
    const users = (m: string) => (index.macroUsers.get(m) ?? []).map((f) => f.name).sort();
    expect(users('LOCK_IRQSAVE')).toEqual(['locker']);
    expect(users('LOCK')).toEqual(['direct', 'locker']);
    expect(users('SET_BUSY')).toEqual(['direct', 'locker']);
    expect(users('UNRELATED')).toEqual([]);
  });
});
