/**
 * How much parsing throughput this machine gains from more threads: the same texts parsed by one thread, then split
 * across `threads` worker threads (each warmed up first, so start-up is not counted). The analyzer bench prints it,
 * because whether worker threads could bring the analysis near its target depends on it (on the 2-vCPU machine of
 * session 2, two threads gave about 1.7× one).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseTexts } from './parse-texts.ts';

/** What one measurement found: times in milliseconds and the speed-up of `threads` threads over one. */
export interface ParallelParse {
  threads: number;
  oneThreadMs: number;
  parallelMs: number;
  speedup: number;
}

/** Measures the speed-up of `threads` worker threads (default: the machine's parallelism, at most 4). */
export async function measureParallelParse(
  texts: string[],
  threads = Math.min(4, availableParallelism()),
): Promise<ParallelParse> {
  parseTexts(texts); // warm-up
  const oneThreadMs = parseTexts(texts);
  const shares = Array.from({ length: threads }, (_, k) => texts.filter((_, i) => i % threads === k));
  const workers = shares.map(
    (share) => new Worker(new URL('./parallel-parse-worker.ts', import.meta.url), { workerData: share }),
  );
  try {
    await Promise.all(workers.map((w) => new Promise((ready) => w.once('message', ready))));
    const round = async (): Promise<number> => {
      const t0 = performance.now();
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((done) => {
              w.once('message', () => done());
              w.postMessage('go');
            }),
        ),
      );
      return performance.now() - t0;
    };
    // The first round after start-up is often slow: the median of three after one more warm-up round.
    await round();
    const rounds = [await round(), await round(), await round()].sort((a, b) => a - b);
    const parallelMs = rounds[1] as number;
    return { threads, oneThreadMs, parallelMs, speedup: oneThreadMs / parallelMs };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
