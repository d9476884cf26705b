/**
 * One worker of the parallel analysis (see file-workers.ts). It owns the trees of the files it is given: it parses
 * and extracts them (phase 1), then, once the main thread has assembled the model, scans them for the call graph
 * (phase 2). Only plain data crosses the thread boundary: file facts out, the model in, each file's calls out.
 */
import { parentPort } from 'node:worker_threads';
import { parseAndExtract } from '../c/analyze-file.ts';
import type { ParsedFile } from '../c/parse-c.ts';
import { scanMacros, type MacroTable } from '../c/scan-macros.ts';
import { scanFiles, scanSetup } from '../callgraph/build-call-graph.ts';
import type { ExtractRequest, ScanRequest, WorkerReply } from './protocol.ts';

const port = parentPort!;
const post = (m: WorkerReply) => port.postMessage(m);
const kept: ParsedFile[] = [];
// Tests make a phase fail here (`extract` or `scan`) to prove the analysis falls back to one thread.
const fault = process.env.UNIKRAFTLAB_WORKER_FAULT;
let macros: MacroTable | null = null;

port.on('message', (m: ExtractRequest | ScanRequest) => {
  try {
    if (fault === m.kind) throw new Error(`injected ${m.kind} failure (UNIKRAFTLAB_WORKER_FAULT)`);
    if (m.kind === 'extract') {
      // Every worker builds the same macro table from every file, as the single-threaded analysis does.
      macros = scanMacros(m.files);
      for (const { index, ...job } of m.jobs) {
        const f = m.files[index]!;
        const { parsed, facts, parseMs, extractMs } = parseAndExtract(f.path, f.text, job, macros);
        kept.push(parsed);
        post({ kind: 'facts', index, facts, parseMs, extractMs });
      }
      post({ kind: 'extracted' });
    } else {
      const setup = scanSetup(m.model, macros!);
      const files = scanFiles(setup, kept);
      kept.length = 0;
      post({ kind: 'calls', files });
    }
  } catch (e) {
    post({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
post({ kind: 'ready' });
