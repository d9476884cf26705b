// Which page a call reaches when two functions share a name: C's rules for static functions, the syscall symbols a
// definition macro generates, and pointer edges, which name the stored function wherever it is defined.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../model/index.ts';
import { callersOf, callTarget } from '../lib/call-targets.ts';
import { buildSymbolIndex } from '../lib/symbol-index.ts';
import { tinyFunction as fn, tinyModel } from './tiny-model.ts';

const call = (to: string, line: number, via: 'direct' | 'macro' | 'pointer' = 'direct') =>
  ({ to, line, via, guard: [] }) as Model['functions'][number]['calls'][number];
const at = (file: string, extra: Partial<Model['functions'][number]> = {}) => ({ file, ...extra });
const syscall = { kind: 'syscall' as const };

const index = buildSymbolIndex(
  tinyModel([
    fn('futex', 10, [call('futex_wait', 12)], at('lib/futex.c', syscall)),
    fn('futex_wait', 20, [], at('lib/futex.c')),
    fn('futex', 5, [call('uk_syscall', 6)], at('lib/tests/test.c', { static: true })),
    fn('waiter', 30, [call('futex', 31)], at('lib/tests/test.c')),
    fn('other', 40, [call('futex', 41)], at('lib/other.c')),
    fn('wait4', 50, [], at('lib/wait.c', syscall)),
    fn('wait3', 60, [call('uk_syscall_e_wait4', 61)], at('lib/wait.c')),
    fn('uk_syscall_e_wait4', 3, [], at('lib/include/syscall.h', { definition: false })),
    fn('helper', 70, [], at('lib/a.c', { static: true })),
    fn('user', 80, [call('helper', 81), call('hdr_fn', 82)], at('lib/b.c')),
    fn('dispatch', 90, [call('helper', 91, 'pointer')], at('lib/b.c')),
    fn('hdr_fn', 7, [], at('lib/include/h.h', { static: true, inline: true })),
    fn('clone', 100, [call('_clone', 101)], at('lib/clone.c', syscall)),
    fn('clone', 110, [], at('lib/clone.c')),
    fn('_clone', 120, [], at('lib/clone.c', { static: true })),
    fn('spawn', 130, [call('clone', 131)], at('lib/other.c')),
  ]),
);
const names = (list: ReturnType<typeof callersOf>) => list.map((c) => `${c.from.kind}:${c.from.name}`).sort();

describe('callTarget', () => {
  it('prefers the static function the calling file defines or includes', () => {
    expect(callTarget(index, 'futex', 'lib/tests/test.c')).toEqual({ kind: 'function', name: 'futex' });
    expect(callTarget(index, 'hdr_fn', 'lib/b.c')).toEqual({ kind: 'function', name: 'hdr_fn' });
  });
  it('never reaches a static function of another C file by name, but does through a pointer', () => {
    expect(callTarget(index, 'futex', 'lib/other.c')).toEqual({ kind: 'syscall', name: 'futex' });
    expect(callTarget(index, 'helper', 'lib/b.c')).toBeNull();
    expect(callTarget(index, 'helper', 'lib/b.c', 'pointer')).toEqual({ kind: 'function', name: 'helper' });
  });
  it("takes a syscall's generated symbol for the syscall, and an external function before a syscall", () => {
    expect(callTarget(index, 'uk_syscall_e_wait4', 'lib/wait.c')).toEqual({ kind: 'syscall', name: 'wait4' });
    expect(callTarget(index, 'clone', 'lib/other.c')).toEqual({ kind: 'function', name: 'clone' });
    expect(callTarget(index, 'nowhere', 'lib/other.c')).toBeNull();
  });
});

describe('callersOf', () => {
  it('gives each definition of a shared name only the calls that reach it', () => {
    expect(names(callersOf(index, { kind: 'syscall', name: 'futex' }))).toEqual(['function:other']);
    expect(names(callersOf(index, { kind: 'function', name: 'futex' }))).toEqual(['function:waiter']);
    expect(names(callersOf(index, { kind: 'function', name: 'futex_wait' }))).toEqual(['syscall:futex']);
    expect(names(callersOf(index, { kind: 'function', name: '_clone' }))).toEqual(['syscall:clone']);
    expect(names(callersOf(index, { kind: 'syscall', name: 'clone' }))).toEqual([]);
  });
  it("counts calls through a syscall's C symbols and pointer calls to static functions", () => {
    expect(names(callersOf(index, { kind: 'syscall', name: 'wait4' }))).toEqual(['function:wait3']);
    expect(names(callersOf(index, { kind: 'function', name: 'helper' }))).toEqual(['function:dispatch']);
  });
});
