// The analysis in worker threads (--jobs) writes the same model as on one thread: same facts in the same order, the
// same call graph (pointer edges resolved from stores merged in file order), the same diagnostics.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli.ts';
import { sampleTreeModel } from './sample-tree-model.ts';

const now = () => new Date('2026-01-01T00:00:00Z');
const analyze = (jobs: number) => sampleTreeModel({ now, jobs });

describe('buildModel with worker threads', () => {
  it('gives the model one thread gives, for 2 and 3 workers', async () => {
    const one = JSON.stringify(await analyze(1));
    expect(
      JSON.parse(one).functions.some((f: { calls: { via: string }[] }) => f.calls.some((c) => c.via === 'pointer')),
    ).toBe(true);
    for (const jobs of [2, 3]) expect(JSON.stringify(await analyze(jobs)), `${jobs} workers`).toBe(one);
  }, 120_000);

  it('falls back to one thread when a worker fails in either phase, with the same model and an info note', async () => {
    const one = await analyze(1);
    for (const phase of ['extract', 'scan']) {
      process.env.UNIKRAFTLAB_WORKER_FAULT = phase;
      try {
        const m = await analyze(2);
        const notes = m.diagnostics.filter((d) => d.code === 'jobs-fallback');
        expect(notes, phase).toHaveLength(1);
        expect(notes[0]!.severity).toBe('info');
        expect(notes[0]!.message).toContain(`injected ${phase} failure`);
        m.diagnostics = m.diagnostics.filter((d) => d.code !== 'jobs-fallback');
        expect(JSON.stringify(m), phase).toBe(JSON.stringify(one));
      } finally {
        delete process.env.UNIKRAFTLAB_WORKER_FAULT;
      }
    }
  }, 120_000);

  it('rejects a --jobs that is not a thread count, with a hint', async () => {
    let err = '';
    const code = await run(['--jobs', '0', '--quiet'], {
      stdout: () => {},
      stderr: (s: string) => (err += s),
      env: {},
      cwd: process.cwd(),
      isTTY: false,
    } as Parameters<typeof run>[1]);
    expect(code).toBe(1);
    expect(err).toMatch(/--jobs 0.*not a thread count/);
    expect(err).toMatch(/hint: .*--jobs auto/);
  });

  it('stops its workers when the analysis fails early, so the process exits with the error', () => {
    const repo = join(import.meta.dirname, '../..');
    const r = spawnSync(
      process.execPath,
      [
        join(repo, 'node_modules/tsx/dist/cli.mjs'),
        join(repo, 'analyzer/bin.ts'),
        '--libs',
        'no-such-lib',
        '--jobs',
        '2',
      ],
      { cwd: repo, encoding: 'utf8', timeout: 60_000, env: { ...process.env, UNIKRAFT_DIR: '' } },
    );
    expect(r.signal, 'the process hung until the timeout').toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-lib');
  }, 70_000);
});
