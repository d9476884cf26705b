/**
 * The rules of issue 3 stated as assertions on the fixtures, so a regression names the rule it breaks: no invented
 * edges (same field name in another struct, NULL stores, unknown types), evidence at every resolved pointer edge,
 * guards, the callers index and the library graph.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Call, FunctionEntity } from '../../../model/schema.ts';
import { buildCallGraph } from '../../callgraph/build-call-graph.ts';
import { buildLibraryGraph } from '../../callgraph/library-graph.ts';
import { fixtureInput, inputFromTexts } from './fixture-model.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const graphOf = (dir: string) => buildCallGraph(fixtureInput(join(FIXTURES, dir)));
const callsOf = (fns: FunctionEntity[], name: string): Call[] => fns.find((f) => f.name === name)?.calls ?? [];

describe('pointer calls never guess', () => {
  const { functions } = graphOf('callgraph-initializer');

  it('does not cross to a struct that merely has a field of the same name', () => {
    const spin = callsOf(functions, 'uk_spin_lock').filter((c) => c.via === 'pointer');
    expect(spin.map((c) => c.to)).toEqual(['spin_acquire']);
    const mutex = callsOf(functions, 'uk_mutex_lock').filter((c) => c.via === 'pointer');
    expect(mutex.map((c) => c.to).sort()).toEqual(['fair_lock', 'plain_lock']);
  });

  it('keeps a slot that only ever holds NULL as one unresolved edge', () => {
    const t = callsOf(functions, 'uk_mutex_trylock').filter((c) => c.via === 'pointer');
    expect(t).toEqual([expect.objectContaining({ to: null, unresolved: true, through: 'uk_mutex_ops.trylock' })]);
  });

  it('keeps a call through an object of unknown type unresolved, not matched on the field name', () => {
    const any = callsOf(functions, 'uk_lock_any').filter((c) => c.via === 'pointer');
    expect(any).toEqual([expect.objectContaining({ to: null, unresolved: true, through: '?.lock' })]);
  });

  it('puts evidence on every resolved pointer edge', () => {
    for (const fn of functions)
      for (const c of fn.calls) if (c.via === 'pointer' && c.to) expect(c.evidence?.length).toBeGreaterThan(0);
  });
});

describe('macro edges', () => {
  const { functions } = graphOf('callgraph-macro');

  it('records the use and the calls with the chain down to the macro that calls', () => {
    const at9 = callsOf(functions, 'checks_run').filter((c) => c.line === 9);
    expect(at9).toContainEqual(expect.objectContaining({ to: 'UK_ASSERT', via: 'macro', macroChain: [] }));
    expect(at9).toContainEqual(
      expect.objectContaining({ to: '_uk_printk', macroChain: ['UK_ASSERT', 'uk_pr_crit', 'uk_printk'] }),
    );
  });

  it('counts a call written in a macro argument as a direct call, once', () => {
    const limit = callsOf(functions, 'checks_run').filter((c) => c.to === 'check_limit');
    expect(limit).toEqual([expect.objectContaining({ via: 'direct', line: 10 })]);
  });

  it('binds a macro that calls its parameter to the function passed at the use', () => {
    expect(callsOf(functions, 'checks_run')).toContainEqual(
      expect.objectContaining({ to: 'note_hook', via: 'macro', macroChain: ['UK_RUN_HOOK'] }),
    );
  });
});

describe('macro arguments are expanded before a deeper macro pastes them, as cpp does', () => {
  it('names the registration table variable cpp declares', () => {
    const { functions } = graphOf('callgraph-registration');
    const declared = functions
      .flatMap((f) => f.calls.flatMap((c) => c.evidence ?? []))
      .filter((e) => e.file === 'exit_init.c')
      .map((e) => e.detail);
    expect(declared.sort()).toEqual([
      'UK_THREAD_INIT(…) declares __uk_thread_inittab9_exit_thread_init_0x0 with .init = `(exit_thread_init)`',
      'UK_THREAD_INIT_PRIO(…) declares __uk_thread_inittab0_0x0_exit_thread_term with .term = `(exit_thread_term)`',
    ]);
  });

  it('calls the function whose name is pasted from the expanded argument', () => {
    const text = [
      '#define PRIO_FIRST 0',
      '#define __RUN_HOOK(p, x) hook_ ## p(x)',
      '#define _RUN_HOOK(p, x) __RUN_HOOK(p, x)',
      '#define RUN_HOOK(p, x) _RUN_HOOK(p, x)',
      '#define RUN_FIRST(x) _RUN_HOOK(PRIO_FIRST, x)',
      'void hook_0(int);',
      'void run(void) { RUN_HOOK(PRIO_FIRST, 1); }',
      'void run_first(void) { RUN_FIRST(1); }',
    ].join('\n');
    const { functions } = buildCallGraph(inputFromTexts([{ path: 'hooks.c', text }], 'hooks'));
    for (const [fn, chain] of [
      ['run', ['RUN_HOOK', '_RUN_HOOK', '__RUN_HOOK']],
      ['run_first', ['RUN_FIRST', '_RUN_HOOK', '__RUN_HOOK']],
    ] as const) {
      const made = callsOf(functions, fn).filter((c) => c.macroChain?.length);
      expect(made).toEqual([expect.objectContaining({ to: 'hook_0', via: 'macro', macroChain: chain })]);
    }
  });
});

describe('guards, callers and libraries', () => {
  it('puts the #if conditions of the call site on the edge', () => {
    const { functions } = graphOf('callgraph-direct');
    const logs = callsOf(functions, 'uk_ring_push').filter((c) => c.to === 'uk_ring_log' && c.line > 20);
    expect(logs.map((c) => c.guard.length)).toEqual([1, 1]);
    expect(logs[0]?.guard[0]).not.toBe(logs[1]?.guard[0]);
  });

  it('indexes callers by callee with the kind of edge', () => {
    const { callers } = graphOf('callgraph-macro-assign');
    const entry = callers.find((c) => c.name === 'coop_schedule');
    expect(entry?.callers).toEqual([
      expect.objectContaining({ from: 'uk_sched_yield', via: 'pointer', through: 'uk_sched.yield' }),
    ]);
  });

  it('counts calls and includes that cross libraries, not those inside one', () => {
    const fn = (name: string, library: string, file: string, calls: Partial<Call>[] = []): FunctionEntity => ({
      name,
      kind: 'function',
      library,
      file,
      line: 1,
      endLine: 2,
      documented: true,
      guard: [],
      definition: true,
      static: false,
      inline: false,
      exported: false,
      returnType: 'void',
      params: [],
      variadic: false,
      attributes: [],
      signature: name,
      syscallMacro: null,
      doc: null,
      calls: calls.map((c) => ({ to: null, line: 1, via: 'direct', guard: [], ...c })),
      sizes: [],
      writes: [],
      stores: [],
    });
    const functions = [
      fn('a', 'liba', 'lib/a/a.c', [{ to: 'b' }, { to: 'a2' }, { to: 'B_MACRO', via: 'macro', macroChain: [] }]),
      fn('a2', 'liba', 'lib/a/a.c', [{ to: 'b', via: 'pointer', through: 's.f' }]),
      fn('b', 'libb', 'lib/b/b.c'),
      // A call to a syscall's generated symbol reaches the syscall (`uk_syscall_r_gettid` → gettid of libc).
      fn('c', 'liba', 'lib/a/a.c', [{ to: 'uk_syscall_r_gettid' }]),
      { ...fn('gettid', 'libc', 'lib/c/c.c'), kind: 'syscall' as const },
    ];
    const files = [
      {
        path: 'lib/a/a.c',
        library: 'liba',
        documented: true,
        lines: 1,
        includes: [{ name: 'b.h', line: 1, resolved: 'lib/b/b.h' }],
      },
      { path: 'lib/b/b.h', library: 'libb', documented: true, lines: 1, includes: [] },
    ];
    expect(buildLibraryGraph(functions, files)).toEqual([
      { from: 'liba', to: 'libb', calls: 2, includes: 1 },
      { from: 'liba', to: 'libc', calls: 1, includes: 0 },
    ]);
  });
});
