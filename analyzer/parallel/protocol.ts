/** Messages between the analysis and its file workers (plain data only). */
import type { FileFacts } from '../c/extract-file.ts';
import type { FileCalls } from '../callgraph/build-call-graph.ts';

/** Phase 1: every file (for the macro table) and the ones this worker parses and extracts, in file order. */
export interface ExtractRequest {
  kind: 'extract';
  files: { path: string; text: string; lexed: unknown }[];
  jobs: { index: number; library: string | null; documented: boolean }[];
}

/** Phase 2: the assembled model the call-graph scan reads. */
export interface ScanRequest {
  kind: 'scan';
  model: unknown;
}

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'facts'; index: number; facts: FileFacts; parseMs: number; extractMs: number }
  | { kind: 'extracted' }
  | { kind: 'calls'; files: FileCalls[] }
  | { kind: 'error'; message: string };
