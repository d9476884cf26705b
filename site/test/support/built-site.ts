/**
 * Builds the site from the bundled sample tree once and shares it between test files and runs: the build lands in
 * a cache directory keyed by a hash of everything that shapes it, guarded by a lock so parallel workers wait.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { astroArgs } from '../../../scripts/astro-args.ts';

/** Where a built site and the model it came from live. */
export interface BuiltSite {
  /** Astro's output directory. */
  dist: string;
  /** The model JSON the analyzer wrote for the sample tree. */
  model: string;
}

/** Result of one command: exit code and combined output (kept for error messages). */
export interface RunResult {
  code: number;
  output: string;
}

/** Runs a command in `cwd` with extra environment (`undefined` removes a variable); tests may pass a recording one. */
export type Runner = (
  cmd: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string,
) => Promise<RunResult>;

/**
 * Variables a vitest worker sets for its own `import.meta.env` (`DEV=1`, `MODE=test`, …). Astro reads unknown
 * `import.meta.env.*` from the process environment, so a build started from a test would believe it is a dev build
 * (Starlight then replaces search by "only available in production builds"). They are removed for the build.
 */
const TEST_ENV = [
  'DEV',
  'PROD',
  'MODE',
  'SSR',
  'BASE_URL',
  'VITEST',
  'VITEST_MODE',
  'VITEST_POOL_ID',
  'VITEST_WORKER_ID',
  'TEST',
];

/** Raised when the sample site cannot be built; the message names the failing step and shows its output. */
export class SiteBuildError extends Error {
  override name = 'SiteBuildError';
}

/** Options of {@link builtSampleSite}. */
export interface BuiltSiteOptions {
  runner?: Runner;
  /** Repository root (default: found from this file). */
  root?: string;
  /**
   * Parent directory for the cached build (default `.cache/test-sites/` in the repository). It must lie inside the
   * repository: Astro writes its intermediate server build into outDir only when outDir is below the working
   * directory (else into the shared `<cwd>/.astro/`, where parallel builds clobber each other), and that build must
   * resolve packages from the repository's node_modules.
   */
  cacheParent?: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LOCK_STALE_MS = 15 * 60_000;

/** The real runner: captures stdout and stderr together. */
export const captureRunner: Runner = (cmd, args, env, cwd) =>
  new Promise((done) => {
    const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
    const child = spawn(cmd, args, { cwd, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => done({ code: code ?? 1, output }));
    child.on('error', (e) => done({ code: 127, output: e.message }));
  });

/** Returns the sample-tree site, building it first unless an identical build is cached. */
export async function builtSampleSite(options: BuiltSiteOptions = {}): Promise<BuiltSite> {
  const root = options.root ?? repoRoot;
  const runner = options.runner ?? captureRunner;
  const key = await inputsHash(root);
  const dir = join(options.cacheParent ?? join(root, '.cache', 'test-sites'), `unikraftlab-sample-site-${key}`);
  const site: BuiltSite = { dist: join(dir, 'dist'), model: join(dir, 'model.json') };
  const done = join(dir, 'complete');
  const lock = `${dir}.lock`;

  await mkdir(dirname(dir), { recursive: true });
  for (;;) {
    if (existsSync(done)) return site;
    if (await tryLock(lock)) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  try {
    if (existsSync(done)) return site;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // Run the CLIs' entry files with this process's Node (22 through npm), not whatever `node` a shebang finds.
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const sample = join(root, 'analyzer', 'fixtures', 'sample-tree');
    // Without --src the analyzer falls back to the sample tree and labels it `sample` (the pages get the banner);
    // a cached clone in .cache/unikraft would win over that fallback, so then the tree is named explicitly.
    const src = existsSync(join(root, '.cache', 'unikraft', 'lib')) ? ['--src', sample] : [];
    const analyze = await runner(
      process.execPath,
      [tsx, join(root, 'analyzer', 'bin.ts'), ...src, '--out', site.model],
      { UNIKRAFT_DIR: '' },
      root,
    );
    if (analyze.code !== 0) throw stepError('the analyzer on the sample tree', analyze);
    // As `npm run build` runs it (scripts/astro-args.ts).
    const build = await runner(
      process.execPath,
      astroArgs(root, 'build'),
      {
        UNIKRAFTLAB_MODEL: site.model,
        UNIKRAFTLAB_CONTENT: join(root, 'content'),
        UNIKRAFTLAB_OUT_DIR: site.dist,
        UNIKRAFTLAB_CACHE_DIR: join(dir, 'astro-cache'),
        NODE_ENV: 'production', // vitest sets `test`
        ...Object.fromEntries(TEST_ENV.map((key) => [key, undefined])),
      },
      root,
    );
    if (build.code !== 0) throw stepError('the site build', build);
    await writeFile(done, new Date().toISOString());
    await pruneStale(dirname(dir), dir);
    return site;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function stepError(step: string, result: RunResult): SiteBuildError {
  const tail = result.output.split('\n').slice(-40).join('\n');
  return new SiteBuildError(`Building the sample site failed in ${step} (exit ${result.code}). Last output:\n${tail}`);
}

/** Removes cached builds of older inputs that nobody has built for an hour, so /tmp does not fill up. */
async function pruneStale(parent: string, keep: string): Promise<void> {
  for (const name of await readdir(parent)) {
    const path = join(parent, name);
    if (!name.startsWith('unikraftlab-sample-site-') || name.endsWith('.lock') || path === keep) continue;
    const info = await stat(join(path, 'complete')).catch(() => null);
    if (info && Date.now() - info.mtimeMs > 60 * 60_000) await rm(path, { recursive: true, force: true });
  }
}

/**
 * Takes a directory lock that records its owner's pid. A lock whose owner is gone (a run killed mid-build) is
 * broken at once; one without a pid file yet is given a minute; any lock older than `LOCK_STALE_MS` is broken.
 */
async function tryLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    await writeFile(join(lock, 'pid'), String(process.pid));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => 'NaN'));
    const ownerGone = Number.isInteger(owner) ? !isAlive(owner) : age > 60_000;
    if (ownerGone || age > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Hash of every file that shapes the built site, so a changed source never reuses a stale build. */
async function inputsHash(root: string): Promise<string> {
  const hash = createHash('sha256');
  const skip = new Set(['node_modules', '.astro', 'test', 'dist']);
  const walk = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => null);
    if (!info) return;
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((e) => !skip.has(e)).sort();
      for (const e of entries) await walk(join(path, e));
      return;
    }
    hash
      .update(relative(root, path))
      .update('\0')
      .update(await readFile(path))
      .update('\0');
  };
  for (const p of [
    'site',
    'content',
    'model',
    'analyzer',
    'site/test/support/built-site.ts', // this builder: a change to how it builds must not reuse an old build
    'astro.config.mjs',
    'scripts/astro-build.ts',
    'scripts/astro-args.ts',
    'package-lock.json',
  ]) {
    await walk(join(root, p));
  }
  return hash.digest('hex').slice(0, 16);
}
