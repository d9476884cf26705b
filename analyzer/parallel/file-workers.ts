/**
 * Parallel analysis: files are shared out to worker threads that parse and extract them (phase 1) and, once the
 * main thread has assembled the model from their facts, scan them for the call graph (phase 2). The results are put
 * back in file order, so the model is the same as the single-threaded analysis writes. Workers load the analyzer by
 * stripping types (Node 22.18+, see DEVELOPERS.md), through the parent's loader otherwise.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileJob } from '../c/analyze-file.ts';
import type { FileFacts } from '../c/extract-file.ts';
import type { CallGraphInput, FileCalls } from '../callgraph/build-call-graph.ts';
import type { LoadedSource } from '../source/load-sources.ts';
import type { ExtractRequest, ScanRequest, WorkerReply } from './protocol.ts';

/** How many worker threads `--jobs auto` uses: one per core, at most 4; 1 means the analysis stays on this thread. */
export function defaultJobs(): number {
  return Math.min(4, availableParallelism());
}

class FileWorker {
  private worker: Worker;
  private waiting: ((m: WorkerReply) => void) | null = null;
  private queue: WorkerReply[] = [];
  private failure: Error | null = null;
  readonly ready: Promise<void>;

  constructor() {
    const native = (process.features as { typescript?: unknown }).typescript;
    this.worker = new Worker(new URL('./file-worker.ts', import.meta.url), native ? { execArgv: [] } : {});
    this.worker.on('message', (m: WorkerReply) => this.deliver(m));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`a file worker exited (${code})`)));
    this.ready = this.next().then(() => undefined);
    // Awaited by extract(); an analysis that fails before that must not die of an unhandled rejection instead.
    this.ready.catch(() => {});
  }

  private deliver(m: WorkerReply): void {
    if (m.kind === 'error') return this.fail(new Error(m.message));
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(m);
    } else this.queue.push(m);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w({ kind: 'error', message: e.message });
    }
  }

  /** The next reply (in order); rejects once the worker has failed. */
  async next(): Promise<Exclude<WorkerReply, { kind: 'error' }>> {
    const m = this.queue.shift() ?? (this.failure ? null : await new Promise<WorkerReply>((r) => (this.waiting = r)));
    if (!m || m.kind === 'error')
      throw this.failure ?? new Error(m?.kind === 'error' ? m.message : 'file worker failed');
    return m;
  }

  send(m: ExtractRequest | ScanRequest): void {
    this.worker.postMessage(m);
  }

  stop(): Promise<number> {
    this.worker.removeAllListeners('exit');
    return this.worker.terminate();
  }
}

/** A set of started workers, used for one analysis. */
export class FileWorkers {
  private workers: FileWorker[];
  private shares: number[][] = [];

  constructor(count: number) {
    this.workers = Array.from({ length: count }, () => new FileWorker());
  }

  /** Phase 1: facts of every file, in file order; `onFile` is called as each file is done. */
  async extract(
    files: LoadedSource[],
    jobs: FileJob[],
    onFile?: (done: number) => void,
  ): Promise<{ facts: FileFacts[]; parseMs: number; extractMs: number }> {
    await Promise.all(this.workers.map((w) => w.ready));
    // Largest files first, each to the least loaded worker; each worker then takes its files in file order.
    const load = this.workers.map(() => 0);
    this.shares = this.workers.map(() => []);
    const bySize = files.map((f, i) => i).sort((a, b) => files[b]!.text.length - files[a]!.text.length || a - b);
    for (const i of bySize) {
      const k = load.indexOf(Math.min(...load));
      this.shares[k]!.push(i);
      load[k]! += files[i]!.text.length;
    }
    const all = files.map((f) => ({ path: f.path, text: f.text, lexed: f.lexed }));
    const facts: FileFacts[] = new Array(files.length);
    let parseMs = 0;
    let extractMs = 0;
    let done = 0;
    await Promise.all(
      this.workers.map(async (w, k) => {
        const share = this.shares[k]!.sort((a, b) => a - b);
        w.send({ kind: 'extract', files: all, jobs: share.map((index) => ({ index, ...jobs[index]! })) });
        for (;;) {
          const m = await w.next();
          if (m.kind === 'extracted') return;
          if (m.kind !== 'facts') throw new Error(`unexpected ${m.kind} from a file worker`);
          facts[m.index] = m.facts;
          parseMs += m.parseMs;
          extractMs += m.extractMs;
          onFile?.(++done);
        }
      }),
    );
    return { facts, parseMs, extractMs };
  }

  /** Phase 2: each file's call-graph contribution, in file order. */
  async scan(model: CallGraphInput['model']): Promise<FileCalls[]> {
    const parts = await Promise.all(
      this.workers.map(async (w, k) => {
        w.send({ kind: 'scan', model });
        const m = await w.next();
        if (m.kind !== 'calls') throw new Error(`unexpected ${m.kind} from a file worker`);
        return m.files.map((f, j) => ({ index: this.shares[k]![j]!, f }));
      }),
    );
    return parts
      .flat()
      .sort((a, b) => a.index - b.index)
      .map((x) => x.f);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}
