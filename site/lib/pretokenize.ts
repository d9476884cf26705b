/**
 * Starts tokenizing the documented source files on another core while Astro loads and bundles, so that pages find
 * their highlighting in the token cache (token-cache.ts) instead of tokenizing on the rendering thread. Best effort:
 * a page whose file is not cached yet tokenizes it itself, and the worker never keeps the build alive.
 */
import { Worker } from 'node:worker_threads';
import type { Model } from '../../model/index.ts';

/** The C files the site shows highlighted: the documented files, which are the ones with file pages. */
export function highlightedFiles(model: Pick<Model, 'files'>): string[] {
  return model.files.filter((f) => f.documented).map((f) => f.path);
}

/** True when this Node runs TypeScript files as they are (the worker is one); from Node 22.18 on. */
export const canPretokenize = Boolean((process.features as { typescript?: string | false }).typescript);

/**
 * Starts the worker; the promise settles when it is done (tests wait for it, the build does not). On a Node that cannot
 * run the worker's TypeScript it starts nothing, and pages tokenize for themselves.
 */
export function startPretokenizing(root: string, files: string[], dir: string): Promise<void> {
  if (!canPretokenize) return Promise.resolve();
  const worker = new Worker(new URL('./pretokenize-worker.ts', import.meta.url), { workerData: { root, files, dir } });
  worker.unref();
  return new Promise((done) => {
    worker.once('error', () => done());
    worker.once('exit', () => done());
  });
}
