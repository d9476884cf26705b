// The assembly stage on the sample tree: same input, same bytes out; --libs decides what is documented.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../build-model.ts';
import { SAMPLE_TREE } from '../source/resolve-source.ts';
import { execRunner } from '../source/run-command.ts';

const source = { root: SAMPLE_TREE, origin: 'sample' as const, repository: null };
const now = () => new Date('2026-01-01T00:00:00Z');

describe('buildModel', () => {
  it('is deterministic: two runs give the same JSON', async () => {
    const a = await buildModel({ source, run: execRunner, now });
    const b = await buildModel({ source, run: execRunner, now });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.generatedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('documents only the libraries asked for; their headers elsewhere are indexed', async () => {
    const m = await buildModel({ source, run: execRunner, libs: ['ukschedcoop'], now });
    expect(m.libraries.map((l) => l.name)).toEqual(['ukschedcoop']);
    const documented = m.files.filter((f) => f.documented).map((f) => f.path);
    expect(documented).toEqual(['lib/ukschedcoop/include/uk/schedcoop.h', 'lib/ukschedcoop/schedcoop.c']);
    // uksched's headers are reached through #include and indexed for lookups, not documented.
    expect(m.files.find((f) => f.path === 'lib/uksched/include/uk/sched.h')).toMatchObject({
      library: 'uksched',
      documented: false,
    });
    expect(m.structs.find((s) => s.name === 'uk_sched')?.documented).toBe(false);
    expect(m.structs.find((s) => s.name === 'schedcoop')?.documented).toBe(true);
    // Not reached by any include of ukschedcoop: not in the model at all.
    expect(m.files.some((f) => f.path.startsWith('lib/posix-futex/'))).toBe(false);
  });

  it('reports what it reads through the injected reader, and keeps going on a file it cannot read', async () => {
    const read: string[] = [];
    const m = await buildModel({
      source,
      run: execRunner,
      libs: ['uklock'],
      now,
      readBytes: async (p) => {
        read.push(p.slice(SAMPLE_TREE.length + 1));
        if (p.endsWith('rwlock.c')) throw new Error('EACCES: permission denied');
        const { readFile } = await import('node:fs/promises');
        return readFile(p);
      },
    });
    expect(read).toContain('lib/uklock/mutex.c');
    expect(read).toContain('include/uk/list.h');
    expect(m.diagnostics).toContainEqual({
      file: 'lib/uklock/rwlock.c',
      line: null,
      severity: 'error',
      code: 'unreadable-file',
      message: 'Could not read `lib/uklock/rwlock.c`: EACCES: permission denied',
    });
    expect(m.functions.some((f) => f.name === 'uk_mutex_lock')).toBe(true);
  });
});
