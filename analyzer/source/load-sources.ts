/**
 * Reads and decodes the files to analyze, then every header they include, transitively (the header closure), so that
 * the macro scan and the one parse per file see all of them. Unreadable files become diagnostics, never errors.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Diagnostic, SourceFile } from '../../model/schema.ts';
import { decodeSource } from '../c/decode-source.ts';
import { lexSource, type Lexed } from '../c/scan-macros.ts';
import type { IncludeResolver } from './include-resolver.ts';

/** One decoded file and its includes, resolved against the tree. */
export interface LoadedSource {
  path: string;
  text: string;
  includes: SourceFile['includes'];
  /** The file's lexical pass (masked comments, directives): its includes drive the closure, and the macro scan
   * and the parse reuse it instead of repeating it. */
  lexed: Lexed;
}

/** What loading produced, plus the time spent decoding (reported apart from reading). */
export interface LoadSourcesResult {
  /** By path relative to the root; includes the closure. */
  files: Map<string, LoadedSource>;
  diagnostics: Diagnostic[];
  decodeMs: number;
}

/** Inputs of {@link loadSources}. */
export interface LoadSourcesOptions {
  root: string;
  /** Paths (relative to root) to start from: the documented libraries' .c and .h files. */
  start: string[];
  resolver: IncludeResolver;
  /** Reads one file's bytes (absolute path). */
  readBytes: (path: string) => Promise<Uint8Array>;
  /** Which resolved includes to follow (default: .c and .h files). */
  follow?: (path: string) => boolean;
}

/** Loads `start` and, level by level, every file their includes resolve to. */
export async function loadSources(options: LoadSourcesOptions): Promise<LoadSourcesResult> {
  const { root, resolver, readBytes } = options;
  const follow = options.follow ?? ((p: string) => /\.(c|h)$/.test(p));
  const files = new Map<string, LoadedSource>();
  const diagnostics: Diagnostic[] = [];
  let decodeMs = 0;

  const load = async (path: string): Promise<string[]> => {
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(join(root, path));
    } catch (e) {
      diagnostics.push({
        file: path,
        line: null,
        severity: 'error',
        code: 'unreadable-file',
        message: `Could not read \`${path}\`: ${(e as Error).message}`,
      });
      bytes = new Uint8Array();
    }
    const d0 = performance.now();
    const decoded = decodeSource(path, bytes);
    decodeMs += performance.now() - d0;
    diagnostics.push(...decoded.diagnostics);
    const lexed = lexSource(decoded.text);
    const includes = await Promise.all(
      lexed.scan.includes.map(async (inc) => ({
        name: inc.name,
        line: inc.line,
        resolved: await resolver.resolve(inc.name, inc.quoted, path),
      })),
    );
    files.set(path, { path, text: decoded.text, includes, lexed });
    return includes.map((i) => i.resolved).filter((r): r is string => r !== null && follow(r));
  };

  let frontier = [...new Set(options.start)];
  const queued = new Set(frontier);
  while (frontier.length) {
    const next = (await Promise.all(frontier.map(load))).flat();
    frontier = [];
    for (const p of next) {
      if (queued.has(p)) continue;
      queued.add(p);
      frontier.push(p);
    }
  }
  return { files, diagnostics, decodeMs };
}
