/**
 * Starts tokenizing the documented source files on another core while Astro loads and bundles, so that pages find
 * their highlighting in the token cache (token-cache.ts) instead of tokenizing on the rendering thread. Best effort:
 * a page whose file is not cached yet tokenizes it itself, and the worker never keeps the build alive.
 */
import { Worker } from 'node:worker_threads';
import type { Model } from '../../model/index.ts';

/** The C files the site shows highlighted: every `.c`/`.h` file of a documented library. */
export function highlightedFiles(model: Pick<Model, 'libraries'>): string[] {
  return model.libraries.flatMap((l) => l.files.filter((f) => /\.[ch]$/.test(f)));
}

/** Starts the worker; the promise settles when it is done (tests wait for it, the build does not). */
export function startPretokenizing(root: string, files: string[], dir: string): Promise<void> {
  const worker = new Worker(new URL('./pretokenize-worker.ts', import.meta.url), { workerData: { root, files, dir } });
  worker.unref();
  return new Promise((done) => {
    worker.once('error', () => done());
    worker.once('exit', () => done());
  });
}
