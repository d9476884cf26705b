/**
 * Finds the Unikraft tree to analyze, in the order DEVELOPERS.md gives: `--src`, `UNIKRAFT_DIR`, the cached clone,
 * a fresh clone only when `--fetch` was passed, else the bundled sample tree. Nothing is downloaded unasked.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Source } from '../../model/schema.ts';
import { AnalyzerError, ExitCodes } from '../errors.ts';
import { PINNED_TAG, UPSTREAM_URL } from './pinned-release.ts';
import type { Runner } from './run-command.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** The bundled Unikraft-shaped tree written for this project. */
export const SAMPLE_TREE = join(REPO_ROOT, 'analyzer', 'fixtures', 'sample-tree');

/** Inputs of the resolution; only `run` and `env` have no default. */
export interface ResolveSourceOptions {
  /** `--src DIR`, relative to `cwd`. */
  src?: string;
  /** Environment to read `UNIKRAFT_DIR` from. */
  env: Record<string, string | undefined>;
  /** `--fetch`: clone the pinned release into the cache when there is none. */
  fetch?: boolean;
  /** Runs git for `--fetch`. */
  run: Runner;
  /** Directory relative paths are taken from (default: the process's). */
  cwd?: string;
  /** Where the clone lives (default `.cache/unikraft` in this repository). */
  cacheDir?: string;
  /** Fallback tree (default the bundled sample tree). */
  sampleDir?: string;
  /** Repository to clone (default upstream on GitHub; tests pass a `file://` URL). */
  cloneUrl?: string;
  /** Tag to clone (default the pinned release). */
  tag?: string;
}

/** The tree to analyze and how it was found. */
export interface ResolvedSource {
  root: string;
  origin: Source['origin'];
  /** Repository the origin implies (cache and clone come from upstream), or null to ask git. */
  repository: string | null;
}

/** Resolves the source tree or throws an `AnalyzerError` (InputError) that says which path is wrong and why. */
export async function resolveSource(options: ResolveSourceOptions): Promise<ResolvedSource> {
  const cwd = options.cwd ?? process.cwd();
  const cacheDir = options.cacheDir ?? join(REPO_ROOT, '.cache', 'unikraft');
  if (options.src !== undefined) {
    return { root: await checkTree(resolve(cwd, options.src), '`--src`'), origin: 'explicit', repository: null };
  }
  const envDir = options.env.UNIKRAFT_DIR;
  if (envDir) {
    return { root: await checkTree(resolve(cwd, envDir), '`UNIKRAFT_DIR`'), origin: 'explicit', repository: null };
  }
  if (await isTree(cacheDir)) return { root: cacheDir, origin: 'cache', repository: UPSTREAM_URL };
  if (options.fetch) {
    await cloneRelease(cacheDir, options.cloneUrl ?? UPSTREAM_URL, options.tag ?? PINNED_TAG, options.run);
    return { root: await checkTree(cacheDir, 'the fresh clone'), origin: 'clone', repository: UPSTREAM_URL };
  }
  const sample = options.sampleDir ?? SAMPLE_TREE;
  return { root: await checkTree(sample, 'the bundled sample tree'), origin: 'sample', repository: null };
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function isTree(path: string): Promise<boolean> {
  return (await isDir(path)) && (await isDir(join(path, 'lib')));
}

async function checkTree(path: string, what: string): Promise<string> {
  if (!(await isDir(path))) {
    throw new AnalyzerError(
      `${what} points to \`${path}\`, which does not exist or is not a directory.`,
      ExitCodes.InputError,
      'Pass the root of a Unikraft checkout (the directory that holds `lib/`), or leave `--src` out to use the sample tree.',
    );
  }
  if (!(await isDir(join(path, 'lib')))) {
    throw new AnalyzerError(
      `${what} points to \`${path}\`, which is not a Unikraft tree: it has no \`lib/\` directory.`,
      ExitCodes.InputError,
      'Pass the root of a Unikraft checkout, not one of its subdirectories.',
    );
  }
  return path;
}

async function cloneRelease(cacheDir: string, url: string, tag: string, run: Runner): Promise<void> {
  await mkdir(dirname(cacheDir), { recursive: true });
  const r = await run('git', ['clone', '--quiet', '--depth', '1', '--branch', tag, url, cacheDir]);
  if (r.code !== 0) {
    throw new AnalyzerError(
      `Cloning \`${url}\` at \`${tag}\` failed: ${r.stderr.trim().split('\n').pop() ?? 'git gave no reason'}`,
      ExitCodes.InputError,
      'Check the network, or clone it yourself and pass `--src DIR` (or set `UNIKRAFT_DIR`).',
    );
  }
}
