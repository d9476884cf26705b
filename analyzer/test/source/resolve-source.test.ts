// Resolution order of the source tree, on real directories and a real local git repository (file:// clone).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalyzerError, ExitCodes } from '../../errors.ts';
import { resolveSource, SAMPLE_TREE } from '../../source/resolve-source.ts';
import { execRunner, type Runner } from '../../source/run-command.ts';
import { gitCopy, makeTree, tmpDir } from './git-fixtures.ts';

/** A runner that fails the test if anything is run (nothing may be fetched unasked). */
const noRun: Runner = async (cmd, args) => {
  throw new Error(`unexpected command: ${cmd} ${args.join(' ')}`);
};

describe('resolveSource', () => {
  it('takes --src first, even when UNIKRAFT_DIR and a cache exist', async () => {
    const base = await tmpDir();
    const src = await makeTree(join(base, 'src'));
    const env = await makeTree(join(base, 'env'));
    const cache = await makeTree(join(base, 'cache'));
    const r = await resolveSource({
      src: 'src',
      cwd: base,
      env: { UNIKRAFT_DIR: env },
      cacheDir: cache,
      run: noRun,
    });
    expect(r).toEqual({ root: src, origin: 'explicit', repository: null });
  });

  it('then UNIKRAFT_DIR, then the cache, then the sample tree', async () => {
    const base = await tmpDir();
    const env = await makeTree(join(base, 'env'));
    const cache = join(base, 'cache');
    expect(
      (
        await resolveSource({
          env: { UNIKRAFT_DIR: env },
          cacheDir: cache,
          run: noRun,
        })
      ).root,
    ).toBe(env);
    expect(
      await resolveSource({
        env: { UNIKRAFT_DIR: '' },
        cacheDir: cache,
        run: noRun,
      }),
    ).toMatchObject({
      root: SAMPLE_TREE,
      origin: 'sample',
    });
    await makeTree(cache);
    expect(await resolveSource({ env: {}, cacheDir: cache, run: noRun })).toMatchObject({
      root: cache,
      origin: 'cache',
    });
  });

  it('uses the bundled sample tree when nothing else is there', async () => {
    const r = await resolveSource({
      env: {},
      cacheDir: join(await tmpDir(), 'none'),
      run: noRun,
    });
    expect(r.origin).toBe('sample');
    expect(r.root).toBe(SAMPLE_TREE);
  });

  it('clones the pinned tag only with --fetch (from a local repository via file://)', async () => {
    const upstream = await gitCopy(await makeTree(await tmpDir(), ['uksched', 'uklock']), 'RELEASE-1.2.3');
    const cache = join(await tmpDir(), '.cache', 'unikraft');
    const calls: string[][] = [];
    const recording: Runner = async (cmd, args, o) => {
      calls.push([cmd, ...args]);
      return execRunner(cmd, args, o);
    };
    const r = await resolveSource({
      env: {},
      cacheDir: cache,
      fetch: true,
      run: recording,
      cloneUrl: `file://${upstream}`,
      tag: 'RELEASE-1.2.3',
    });
    expect(r).toMatchObject({ root: cache, origin: 'clone' });
    expect(calls).toEqual([
      ['git', 'clone', '--quiet', '--depth', '1', '--branch', 'RELEASE-1.2.3', `file://${upstream}`, cache],
    ]);
    // Next time the clone is the cache, and nothing runs.
    expect(
      await resolveSource({
        env: {},
        cacheDir: cache,
        fetch: true,
        run: noRun,
      }),
    ).toMatchObject({ origin: 'cache' });
  });

  it('reports a failed clone as an input error with a hint', async () => {
    const cache = join(await tmpDir(), 'c');
    const err = await resolveSource({
      env: {},
      cacheDir: cache,
      fetch: true,
      run: execRunner,
      cloneUrl: `file://${cache}-missing`,
      tag: 'X',
    }).catch((e) => e);
    expect(err).toBeInstanceOf(AnalyzerError);
    expect(err.exitCode).toBe(ExitCodes.InputError);
    expect(err.message).toMatch(/^Cloning `file:\/\/.*-missing` at `X` failed/);
    expect(err.hint).toMatch(/--src DIR/);
  });

  it('rejects a missing path and a directory without lib/', async () => {
    const base = await tmpDir();
    await mkdir(join(base, 'notree', 'src'), { recursive: true });
    await writeFile(join(base, 'file'), 'x');
    for (const [src, pattern] of [
      ['missing', /`--src` points to `.*missing`, which does not exist or is not a directory\./],
      ['file', /which does not exist or is not a directory/],
      ['notree', /`--src` points to `.*notree`, which is not a Unikraft tree: it has no `lib\/` directory\./],
    ] as const) {
      const err = await resolveSource({
        src,
        cwd: base,
        env: {},
        run: noRun,
      }).catch((e) => e);
      expect(err).toBeInstanceOf(AnalyzerError);
      expect(err.exitCode).toBe(ExitCodes.InputError);
      expect(err.message).toMatch(pattern);
    }
    const err = await resolveSource({
      env: { UNIKRAFT_DIR: join(base, 'notree') },
      run: noRun,
    }).catch((e) => e);
    expect(err.message).toMatch(/^`UNIKRAFT_DIR` points to/);
  });
});
