/**
 * Assembles the model: discovers the libraries, reads their files and the headers they include (transitively),
 * runs the C layer (decode → macro scan over all texts → one parse per file → extract), then the call graph, and
 * validates the result against the shared schema. Output order is deterministic (by file, then line).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type {
  Diagnostic,
  Enum,
  FunctionEntity,
  Global,
  Library,
  Macro,
  Model,
  SourceFile,
  Struct,
  Typedef,
} from '../model/schema.ts';
import { SCHEMA_VERSION } from '../model/schema.ts';
import { syscallSymbols } from '../model/c-names.ts';
import { parseModel, ModelError } from '../model/index.ts';
import { parseAndExtract, type FileJob } from './c/analyze-file.ts';
import type { FileFacts } from './c/extract-file.ts';
import { parseC, type ParsedFile } from './c/parse-c.ts';
import { scanMacros } from './c/scan-macros.ts';
import { AnalyzerError, ExitCodes } from './errors.ts';
import { gitProvenance } from './source/git-provenance.ts';
import { createIncludeResolver } from './source/include-resolver.ts';
import { listFiles } from './source/list-files.ts';
import { loadSources, type LoadedSource } from './source/load-sources.ts';
import type { ResolvedSource } from './source/resolve-source.ts';
import type { Runner } from './source/run-command.ts';
import { uniquifyIds } from './unique-ids.ts';
import { discoverLibraries, selectLibraries } from './uk/discover-libraries.ts';
import { readLibrary } from './uk/read-library.ts';
import { buildCallGraph, mergeCallGraph, type CallGraph } from './callgraph/build-call-graph.ts';
import { FileWorkers } from './parallel/file-workers.ts';

/** Milliseconds spent per stage; `npm run bench` prints them. */
export interface StageTimings {
  discover: number;
  read: number;
  decode: number;
  macros: number;
  parse: number;
  extract: number;
  callgraph: number;
  assemble: number;
  validate: number;
}

/** Inputs of one analysis run. */
export interface BuildModelOptions {
  /** The tree, as `resolveSource` found it. */
  source: ResolvedSource;
  /** Libraries to document: names, `all`, or undefined for the defaults. */
  libs?: string[] | 'all';
  /** Runs git for the provenance of the tree. */
  run: Runner;
  /** Reads one file's bytes (absolute path); default a synchronous `fs.readFileSync`. */
  readBytes?: (path: string) => Promise<Uint8Array>;
  /** Called as files are parsed, for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /** Filled with per-stage times when given. */
  timings?: StageTimings;
  /** Clock for `generatedAt` (tests pin it). */
  now?: () => Date;
  /**
   * Worker threads that parse, extract and scan the files (analyzer/parallel/); 1 (the default) keeps everything on
   * this thread. The model is the same either way; if a worker fails, the analysis runs again on this thread.
   */
  jobs?: number;
}

/** File extensions listed in a library's `files`; only C sources and headers are parsed. */
const LISTED = /\.(c|h|S|s|ld|lds)$/;
const PARSED = /\.(c|h)$/;

/** Runs the whole analysis and returns a model that passed schema validation. */
export async function buildModel(options: BuildModelOptions): Promise<Model> {
  // Workers load the analyzer while the tree is read; they are stopped however the analysis ends.
  const started = (options.jobs ?? 1) > 1 ? new FileWorkers(options.jobs as number) : null;
  try {
    return await analyze(options, started);
  } finally {
    await started?.close();
  }
}

async function analyze(options: BuildModelOptions, started: FileWorkers | null): Promise<Model> {
  const { root } = options.source;
  const t: StageTimings = options.timings ?? emptyTimings();
  // Synchronous reads: the files are small and usually cached, and a promise per read through the thread pool took
  // about twice as long (bench, 480 files).
  const readBytes = options.readBytes ?? (async (p: string) => readFileSync(p));
  const diagnostics: Diagnostic[] = [];
  let mark = performance.now();
  const lap = (stage: keyof StageTimings) => {
    const now = performance.now();
    t[stage] += now - mark;
    mark = now;
  };

  // Git runs while we parse (and before the heap grows, which makes spawning slow).
  const provenance = gitProvenance(root, options.run);
  let workers = started;

  // 1. Libraries and their own files.
  const available = await discoverLibraries(root);
  const selected = selectLibraries(available, options.libs);
  const documented = new Set(selected);
  const libFiles = new Map<string, string[]>();
  await Promise.all(
    selected.map(async (name) =>
      libFiles.set(name, await listFiles(join(root, 'lib', name), `lib/${name}`, (f) => LISTED.test(f))),
    ),
  );
  const resolver = await createIncludeResolver(root);
  lap('discover');

  // 2. Read and decode the libraries' C files, then the headers they include, transitively.
  const availableSet = new Set(available);
  const libraryOf = (path: string): string | null => {
    const m = /^lib\/([^/]+)\//.exec(path);
    return m && availableSet.has(m[1] as string) ? (m[1] as string) : null;
  };
  const loadedSources = await loadSources({
    root,
    start: selected.flatMap((l) => (libFiles.get(l) ?? []).filter((f) => PARSED.test(f))),
    resolver,
    readBytes,
  });
  const loaded = loadedSources.files;
  diagnostics.push(...loadedSources.diagnostics);
  const decodeMs = loadedSources.decodeMs;
  lap('read');
  t.read -= decodeMs;
  t.decode += decodeMs;

  // 3. The C layer: one macro table over every text, one parse and one extraction per file.
  const order = [...loaded.keys()].sort();
  const texts = order.map((p) => loaded.get(p) as LoadedSource);
  const macros = scanMacros(texts);
  lap('macros');
  const parsed: ParsedFile[] = [];
  let facts: FileFacts[] = [];
  let parseMs = 0;
  let extractMs = 0;
  const jobs = texts.map((f): FileJob => {
    const library = libraryOf(f.path);
    return { library, documented: library !== null && documented.has(library) };
  });
  if (workers) {
    try {
      const p0 = performance.now();
      const r = await workers.extract(texts, jobs, (done) => options.onProgress?.(done, texts.length));
      // Wall time, split between the stages as the workers' own clocks split it.
      const wall = performance.now() - p0;
      const share = r.parseMs / (r.parseMs + r.extractMs || 1);
      facts = r.facts;
      parseMs = wall * share;
      extractMs = wall - parseMs;
    } catch (e) {
      await workers.close();
      workers = null;
      diagnostics.push(jobsFallback(e));
    }
  }
  if (!workers) {
    for (const [i, f] of texts.entries()) {
      const r = parseAndExtract(f.path, f.text, jobs[i] as FileJob, macros);
      facts.push(r.facts);
      parsed.push(r.parsed);
      parseMs += r.parseMs;
      extractMs += r.extractMs;
      options.onProgress?.(i + 1, texts.length);
    }
  }
  t.parse += parseMs;
  t.extract += extractMs;
  mark = performance.now();

  // 4. Merge per-file facts; ids unique across files; `exported` from each owning library's exportsyms.uk.
  uniquifyIds(facts);
  const owning = new Set([...selected, ...order.map(libraryOf).filter((l): l is string => l !== null)]);
  const libraries: Library[] = [];
  const exportsOf = new Map<string, Set<string>>();
  const metadata = await Promise.all(
    [...owning].sort().map(async (name) => ({ name, ...(await readLibrary(root, name, libFiles.get(name) ?? [])) })),
  );
  for (const { name, library, diagnostics: d } of metadata) {
    exportsOf.set(name, new Set(library.exports));
    if (documented.has(name)) {
      libraries.push(library);
      diagnostics.push(...d);
    }
  }
  const structs: Struct[] = [];
  const enums: Enum[] = [];
  const typedefs: Typedef[] = [];
  const macroList: Macro[] = [];
  const globals: Global[] = [];
  let functions: FunctionEntity[] = [];
  const files: SourceFile[] = [];
  for (const [i, f] of facts.entries()) {
    const path = order[i] as string;
    const library = libraryOf(path);
    structs.push(...f.structs);
    enums.push(...f.enums);
    typedefs.push(...f.typedefs);
    macroList.push(...f.macros);
    globals.push(...f.globals);
    const exports = library ? exportsOf.get(library) : undefined;
    for (const fn of f.functions) functions.push({ ...fn, exported: exports ? isExported(fn, exports) : false });
    // Headers indexed only for lookups are not documented: what tree-sitter could not read there is info, not a warning.
    const isDocumented = library !== null && documented.has(library);
    for (const d of f.diagnostics)
      diagnostics.push(isDocumented || d.severity !== 'warning' ? d : { ...d, severity: 'info' });
    files.push({
      path,
      library,
      documented: isDocumented,
      lines: f.lines,
      includes: (loaded.get(path) as LoadedSource).includes,
    });
  }
  const byPlace = <T extends { file: string; line: number }>(a: T, b: T) => cmp(a.file, b.file) || a.line - b.line;
  for (const list of [structs, enums, typedefs, macroList, globals, functions] as { file: string; line: number }[][])
    list.sort(byPlace);
  lap('assemble');

  // 5. ── Call-graph stage (issue 3, analyzer/callgraph/) ── the one place that reuses the parsed trees.
  // Wired by helper C: fills functions[].calls, the callers index and the library graph.
  const graphModel = { functions, structs, typedefs, enums, globals, files };
  let graph: CallGraph | null = null;
  if (workers) {
    try {
      graph = mergeCallGraph(graphModel, await workers.scan(graphModel));
    } catch (e) {
      // The workers held the trees: parse again here.
      diagnostics.push(jobsFallback(e));
      for (const f of texts) parsed.push({ ...parseC(f.path, f.text, macros), lite: null });
    } finally {
      await workers.close();
    }
  }
  graph ??= buildCallGraph({ parsed, model: graphModel, macros });
  diagnostics.push(...graph.diagnostics);
  functions = graph.functions;
  parsed.length = 0; // the trees are not needed past this point
  lap('callgraph');

  // 6. Provenance, then validate against the shared schema.
  const prov = await provenance;
  diagnostics.sort(
    (a, b) =>
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
  const model: Model = {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    source: {
      root,
      commit: prov.commit,
      describe: prov.describe,
      origin: options.source.origin,
      repository: options.source.repository ?? prov.repository,
    },
    libraries,
    files,
    structs,
    enums,
    typedefs,
    macros: macroList,
    globals,
    functions,
    diagnostics,
    callers: graph.callers,
    libraryGraph: graph.libraryGraph,
  };
  lap('assemble');
  try {
    const valid = parseModel(model, 'the analyzed model');
    lap('validate');
    return valid;
  } catch (e) {
    if (e instanceof ModelError) {
      throw new AnalyzerError(
        e.message.replace(/\nHint:.*$/s, ''),
        ExitCodes.ValidationError,
        'This is a bug in the analyzer: please report it with the command you ran.',
      );
    }
    throw e;
  }
}

/** A function is exported when its name, or for a syscall any of its generated entry points, is listed. */
function isExported(fn: FunctionEntity, exports: Set<string>): boolean {
  if (exports.has(fn.name)) return true;
  return fn.kind === 'syscall' && syscallSymbols(fn.name).some((s) => exports.has(s));
}

/** Said when the worker threads failed and the analysis went on on this thread (the model is complete either way). */
function jobsFallback(e: unknown): Diagnostic {
  const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return {
    file: null,
    line: null,
    severity: 'info',
    code: 'jobs-fallback',
    message: `The worker threads of --jobs failed (${why}); the analysis ran on one thread instead.`,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** All-zero timings, to accumulate into. */
export function emptyTimings(): StageTimings {
  return { discover: 0, read: 0, decode: 0, macros: 0, parse: 0, extract: 0, callgraph: 0, assemble: 0, validate: 0 };
}
