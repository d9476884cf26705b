/**
 * One worker of the parallel analysis (see file-workers.ts). It owns the trees of the files it is given: it parses
 * and extracts them (phase 1), then, once the main thread has assembled the model, scans them for the call graph
 * (phase 2). Only plain data crosses the thread boundary: file facts out, the model in, each file's calls out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseC, type ParsedFile } from '../c/parse-c.ts';
import { extractFile } from '../c/extract-file.ts';
import { scanMacros, type Lexed } from '../c/scan-macros.ts';
import { scanFiles, scanSetup, type CallGraphInput } from '../callgraph/build-call-graph.ts';
import type { ExtractRequest, ScanRequest, WorkerReply } from './protocol.ts';

const port = parentPort!;
const post = (m: WorkerReply) => port.postMessage(m);
const kept: ParsedFile[] = [];
// Tests make a phase fail here (`extract` or `scan`) to prove the analysis falls back to one thread.
const fault = process.env.UNIKRAFTLAB_WORKER_FAULT;
let macros: ReturnType<typeof scanMacros> | null = null;

port.on('message', (m: ExtractRequest | ScanRequest) => {
  try {
    if (fault === m.kind) throw new Error(`injected ${m.kind} failure (UNIKRAFTLAB_WORKER_FAULT)`);
    if (m.kind === 'extract') {
      // Every worker builds the same macro table from every file, as the single-threaded analysis does.
      macros = scanMacros(m.files as { path: string; text: string; lexed: Lexed }[]);
      for (const job of m.jobs) {
        const f = m.files[job.index]!;
        const p0 = performance.now();
        const pf = parseC(f.path, f.text, macros);
        const p1 = performance.now();
        const facts = extractFile(pf, { library: job.library, documented: job.documented, macros });
        pf.lite = null;
        kept.push(pf);
        post({ kind: 'facts', index: job.index, facts, parseMs: p1 - p0, extractMs: performance.now() - p1 });
      }
      post({ kind: 'extracted' });
    } else {
      const setup = scanSetup(m.model as CallGraphInput['model'], macros!);
      const files = scanFiles(setup, kept);
      kept.length = 0;
      post({ kind: 'calls', files });
    }
  } catch (e) {
    post({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
post({ kind: 'ready' });
void workerData;
