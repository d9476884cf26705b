/** Messages between the analysis and its file workers (plain data only). */
import type { FileJob } from '../c/analyze-file.ts';
import type { FileFacts } from '../c/extract-file.ts';
import type { Lexed } from '../c/scan-macros.ts';
import type { CallGraphInput, FileCalls } from '../callgraph/build-call-graph.ts';

/** Phase 1: every file (for the macro table) and the ones this worker parses and extracts, in file order. */
export interface ExtractRequest {
  kind: 'extract';
  files: { path: string; text: string; lexed: Lexed }[];
  jobs: (FileJob & { index: number })[];
}

/** Phase 2: the assembled model the call-graph scan reads. */
export interface ScanRequest {
  kind: 'scan';
  model: CallGraphInput['model'];
}

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'facts'; index: number; facts: FileFacts; parseMs: number; extractMs: number }
  | { kind: 'extracted' }
  | { kind: 'calls'; files: FileCalls[] }
  | { kind: 'error'; message: string };
