/**
 * Analyzer section of `npm run bench`: the whole analysis of a tree vs a raw tree-sitter parse of the same files, in
 * the same run (medians of several rounds), with a per-stage breakdown. Target: analysis ≤ 1.5 × raw parse.
 * Standalone: `npx tsx scripts/bench/analyzer.ts [--src DIR] [--libs all|a,b] [--rounds N]`.
 */
import { writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultJobs } from '../../analyzer/parallel/file-workers.ts';
import { buildModel, emptyTimings, type StageTimings } from '../../analyzer/build-model.ts';
import { resolveSource } from '../../analyzer/source/resolve-source.ts';
import { discoverLibraries } from '../../analyzer/uk/discover-libraries.ts';
import { execRunner } from '../../analyzer/source/run-command.ts';
import { measureParallelParse, type ParallelParse } from './parallel-parse.ts';
import { parseTexts } from './parse-texts.ts';

/** Analysis may take at most this many times a raw parse of the same files (issue 2). */
export const ANALYZER_RATIO_TARGET = 1.5;

/** What one analyzer bench measured; times are medians in milliseconds. */
export interface AnalyzerBenchResult {
  root: string;
  origin: string;
  libraries: number;
  files: number;
  bytes: number;
  rounds: number;
  analysisMs: number;
  rawParseMs: number;
  ratio: number;
  /**
   * The same two runs in process CPU time (all threads: V8's background compiler and GC count too), so that a report
   * can say how much of the wall-clock figure was work and how much was waiting for a core on a shared machine.
   */
  analysisCpuMs: number;
  rawParseCpuMs: number;
  cpuRatio: number;
  /** Median per stage, plus `write` (JSON serialisation and writing the model). */
  stages: StageTimings & { write: number };
  /** How much the machine's threads add to parsing the same files: the most worker threads could gain. */
  parallelParse: ParallelParse;
  /** The analysis with `--jobs auto` worker threads (started afresh each run, as by the CLI), when that is above 1. */
  jobs: { threads: number; analysisMs: number; ratio: number } | null;
}

/** Options of {@link benchAnalyzer}. */
export interface AnalyzerBenchOptions {
  /** Tree (else UNIKRAFT_DIR, the cache, or the sample tree, as the analyzer resolves). */
  src?: string;
  /** Libraries (default `all`). */
  libs?: string[] | 'all';
  /** Measured rounds after one warm-up round (default 5). */
  rounds?: number;
  /** Also time the analysis with `--jobs auto` (default true; the per-library section leaves it out). */
  withJobs?: boolean;
}

/**
 * Runs full collections when node exposes `gc` (`npm run bench` passes --expose-gc), with a pause between them so
 * that native finalizers (tree-sitter trees) run now and not inside the next measurement; otherwise nothing.
 */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  await new Promise((r) => setTimeout(r, 100));
  gc();
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Runs the analysis and the raw-parse baseline alternately, `rounds` times each after a warm-up. */
export async function benchAnalyzer(options: AnalyzerBenchOptions = {}): Promise<AnalyzerBenchResult> {
  const rounds = Math.max(1, options.rounds ?? 5);
  const source = await resolveSource({ src: options.src, env: process.env, run: execRunner });
  const libs = options.libs ?? 'all';
  const tmp = await mkdtemp(join(tmpdir(), 'ukl-bench-'));
  const analysis: number[] = [];
  const raw: number[] = [];
  const threads = options.withJobs === false ? 1 : defaultJobs();
  const withJobs: number[] = [];
  const analysisCpu: number[] = [];
  const rawCpu: number[] = [];
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const stageRuns: (StageTimings & { write: number })[] = [];
  let texts: string[] = [];
  let model: Awaited<ReturnType<typeof buildModel>> | null = null;
  try {
    for (let round = 0; round <= rounds; round++) {
      // Each round starts from a clean heap, as a fresh `npm run analyze` would (needs node --expose-gc).
      await collectGarbage();
      const timings = emptyTimings();
      const c0 = cpu();
      const t0 = performance.now();
      model = await buildModel({ source, libs, run: execRunner, timings });
      const w0 = performance.now();
      writeFileSync(join(tmp, 'model.json'), JSON.stringify(model) + '\n'); // as analyzer/cli.ts writes it
      const t1 = performance.now();
      const c1 = cpu();
      if (round === 0) {
        // The baseline parses exactly the files the analysis parsed, from memory (no I/O is charged to it).
        texts = await Promise.all(model.files.map((f) => readFile(join(source.root, f.path), 'utf8')));
      }
      await collectGarbage();
      const rc0 = cpu();
      const r0 = performance.now();
      parseTexts(texts);
      const r1 = performance.now();
      const rc1 = cpu();
      let jobsMs = 0;
      if (threads > 1) {
        await collectGarbage();
        const j0 = performance.now();
        const jm = await buildModel({ source, libs, run: execRunner, jobs: threads });
        writeFileSync(join(tmp, 'model-jobs.json'), JSON.stringify(jm) + '\n');
        jobsMs = performance.now() - j0;
      }
      if (round === 0) continue; // warm-up
      if (threads > 1) withJobs.push(jobsMs);
      analysis.push(t1 - t0);
      raw.push(r1 - r0);
      analysisCpu.push(c1 - c0);
      rawCpu.push(rc1 - rc0);
      stageRuns.push({ ...timings, write: t1 - w0 });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const m = model as NonNullable<typeof model>;
  const stages = Object.fromEntries(
    Object.keys(stageRuns[0] as object).map((k) => [k, median(stageRuns.map((s) => s[k as keyof typeof s]))]),
  ) as unknown as StageTimings & { write: number };
  const analysisMs = median(analysis);
  const rawParseMs = median(raw);
  const parallelParse = await measureParallelParse(texts);
  return {
    root: source.root,
    origin: source.origin,
    libraries: m.libraries.length,
    files: texts.length,
    bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0),
    rounds,
    analysisMs,
    rawParseMs,
    ratio: analysisMs / rawParseMs,
    analysisCpuMs: median(analysisCpu),
    rawParseCpuMs: median(rawCpu),
    cpuRatio: median(analysisCpu) / median(rawCpu),
    stages,
    parallelParse,
    jobs: threads > 1 ? { threads, analysisMs: median(withJobs), ratio: median(withJobs) / rawParseMs } : null,
  };
}

/** The better of the two ways to run the analysis (one thread, or `--jobs auto`): what the target is judged on. */
export function bestRatio(r: AnalyzerBenchResult): number {
  return Math.min(r.ratio, r.jobs?.ratio ?? Infinity);
}

/**
 * What one thread pays before analysing anything, as a multiple of the raw parse: finding the libraries, reading and
 * decoding the files, one raw parse of each, and writing the model (stages as they run now; extraction, call graph,
 * assembly and validation left out). Above the target, no single-thread analysis could meet it.
 */
export function oneThreadFloor(r: AnalyzerBenchResult): number {
  const { discover, read, decode, write } = r.stages;
  return (discover + read + decode + r.rawParseMs + write) / r.rawParseMs;
}

/** Lines to print for the section; the last says whether the target was met. */
export function formatAnalyzerBench(r: AnalyzerBenchResult): string[] {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const rate = (t: number) =>
    `${((r.files / t) * 1000).toFixed(0)} files/s, ${((r.bytes / 1e6 / t) * 1000).toFixed(2)} MB/s`;
  const total = Object.values(r.stages).reduce((a, b) => a + b, 0);
  return [
    `## Analyzer (${r.origin} tree ${r.root}; ${r.libraries} libraries, ${r.files} files, ${(r.bytes / 1e6).toFixed(2)} MB; median of ${r.rounds})`,
    `  analysis (read → model written): ${ms(r.analysisMs)}  (${rate(r.analysisMs)})`,
    `  raw tree-sitter parse, same files: ${ms(r.rawParseMs)}  (${rate(r.rawParseMs)})`,
    `  stages: ${Object.entries(r.stages)
      .map(([k, v]) => `${k} ${ms(v)} (${((v / total) * 100).toFixed(0)}%)`)
      .join(', ')}`,
    `  one-thread floor (discover + read + decode + raw parse + write, nothing analysed): ${oneThreadFloor(r).toFixed(2)}× the raw parse`,
    `  CPU time (all threads): analysis ${ms(r.analysisCpuMs)}, raw parse ${ms(r.rawParseCpuMs)}, ratio ${r.cpuRatio.toFixed(2)}`,
    `  parse throughput with ${r.parallelParse.threads} worker threads: ${r.parallelParse.speedup.toFixed(2)}× one thread (${ms(r.parallelParse.oneThreadMs)} vs ${ms(r.parallelParse.parallelMs)}), the most worker threads could gain here`,
    ...(r.jobs
      ? [
          `  analysis with --jobs auto (${r.jobs.threads} worker threads, started in each run): ${ms(r.jobs.analysisMs)}, ratio ${r.jobs.ratio.toFixed(2)}`,
        ]
      : []),
    `  ratio analysis / raw parse: ${bestRatio(r).toFixed(2)}${r.jobs ? ` (the better of one thread and --jobs auto)` : ''} (target ≤ ${ANALYZER_RATIO_TARGET}) ${bestRatio(r) <= ANALYZER_RATIO_TARGET ? 'OK' : 'MISSED'}`,
  ];
}

/** Benches each library of the tree on its own (its files plus the headers they include); one result per library. */
export async function benchAnalyzerPerLib(
  options: Omit<AnalyzerBenchOptions, 'libs'> = {},
): Promise<{ library: string; result: AnalyzerBenchResult }[]> {
  const source = await resolveSource({ src: options.src, env: process.env, run: execRunner });
  const out: { library: string; result: AnalyzerBenchResult }[] = [];
  for (const library of await discoverLibraries(source.root)) {
    const result = await benchAnalyzer({ src: source.root, libs: [library], rounds: options.rounds, withJobs: false });
    if (result.files > 0) out.push({ library, result });
  }
  return out;
}

/** One line per library, worst ratio last, then whether every library met the target. */
export function formatAnalyzerPerLib(rows: { library: string; result: AnalyzerBenchResult }[]): string[] {
  const sorted = [...rows].sort((a, b) => a.result.ratio - b.result.ratio);
  const missed = sorted.filter((r) => r.result.ratio > ANALYZER_RATIO_TARGET).length;
  return [
    `## Analyzer per library (${rows.length} libraries; median of ${rows[0]?.result.rounds ?? 0} each)`,
    ...sorted.map(
      ({ library, result: r }) =>
        `  ${library.padEnd(20)} ${String(r.files).padStart(4)} files  analysis ${r.analysisMs.toFixed(1).padStart(8)} ms  raw ${r.rawParseMs.toFixed(1).padStart(7)} ms  ratio ${r.ratio.toFixed(2)}`,
    ),
    `  ${missed === 0 ? 'every library within' : `${missed} of ${rows.length} libraries above`} ${ANALYZER_RATIO_TARGET}× a raw parse`,
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { src: { type: 'string' }, libs: { type: 'string' }, rounds: { type: 'string' } },
  });
  const libs = values.libs === undefined || values.libs === 'all' ? 'all' : values.libs.split(',');
  const r = await benchAnalyzer({ src: values.src, libs, rounds: values.rounds ? Number(values.rounds) : undefined });
  for (const line of formatAnalyzerBench(r)) console.log(line);
}
