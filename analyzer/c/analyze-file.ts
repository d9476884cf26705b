/** One file through the C layer: parse, then extract. Shared by the analysis thread and the `--jobs` workers. */
import { extractFile, type ExtractContext, type FileFacts } from './extract-file.ts';
import { parseC, type ParsedFile } from './parse-c.ts';
import type { MacroTable } from './scan-macros.ts';

/** What the extractor needs to know about a file that the file itself does not say. */
export type FileJob = Omit<ExtractContext, 'macros'>;

/** Parses and extracts one file; the parsed file keeps its tree (for the call graph) but not the extractor's copy. */
export function parseAndExtract(
  path: string,
  text: string,
  job: FileJob,
  macros: MacroTable,
): { parsed: ParsedFile; facts: FileFacts; parseMs: number; extractMs: number } {
  const p0 = performance.now();
  const parsed = parseC(path, text, macros);
  const p1 = performance.now();
  const facts = extractFile(parsed, { ...job, macros });
  parsed.lite = null; // the extractor's copy of the tree is not needed past this point (less heap for the call graph)
  return { parsed, facts, parseMs: p1 - p0, extractMs: performance.now() - p1 };
}
