/**
 * Site section of `npm run bench`: time the analyzer and `astro build` on a real tree's five libraries and, when
 * doxygen is installed, time doxygen with call and caller graphs on the same source files in the same run.
 * Standalone: `npx tsx scripts/bench/site.ts [--src DIR | --model FILE] [--runs N]`; from scripts/bench.ts: `await benchSite({ src })`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readModel } from '../../model/index.ts';
import { astroArgs } from '../astro-args.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs a command and resolves to its exit code, output tail, wall time and (where known) CPU time; tests may pass a recording one. */
export type BenchRunner = (
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string },
) => Promise<{ code: number; ms: number; out: string; cpuMs?: number | null }>;

// On Linux the command runs under a shell that, once the command has exited, reports its own /proc stat: the
// cutime and cstime fields there are the user and system CPU time of every process the command started (doxygen's
// dot processes, Astro's worker threads and Pagefind), in clock ticks.
const CPU_REPORTER = 'cd "$0" || exit 127; "$@"; s=$?; echo "$(getconf CLK_TCK) $(cat /proc/$$/stat)" >&3; exit $s';

/** CPU time (user + system, ms) of a shell's waited-for children, from `<CLK_TCK> <contents of /proc/PID/stat>`. */
export function childrenCpuMs(report: string): number | null {
  const tck = Number(report.trim().split(' ')[0]);
  const fields = report
    .slice(report.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
  // After "(comm) ", field 3 (state) is at index 0: cutime (field 16) and cstime (field 17) are at 13 and 14.
  const ticks = Number(fields[13]) + Number(fields[14]);
  return tck > 0 && Number.isFinite(ticks) ? (ticks * 1000) / tck : null;
}

/** The real runner (captures output, so the bench prints only its table). */
export const benchRunner: BenchRunner = (cmd, args, opts) =>
  new Promise((done) => {
    const start = performance.now();
    const linux = process.platform === 'linux';
    const child = linux
      ? spawn('sh', ['-c', CPU_REPORTER, opts.cwd ?? root, cmd, ...args], {
          env: { ...process.env, ...opts.env },
          stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        })
      : spawn(cmd, args, { cwd: opts.cwd ?? root, env: { ...process.env, ...opts.env } });
    let out = '';
    let report = '';
    const keep = (d: Buffer) => (out = (out + d.toString()).slice(-4000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.stdio[3]?.on('data', (d: Buffer) => (report += d.toString()));
    child.on('close', (code) =>
      done({ code: code ?? 1, ms: performance.now() - start, out, cpuMs: report ? childrenCpuMs(report) : null }),
    );
    child.on('error', (e) => done({ code: 127, ms: performance.now() - start, out: String(e), cpuMs: null }));
  });

/** What the site bench measured (milliseconds of wall time). */
export interface SiteBenchResult {
  tree: string;
  origin: string;
  libraries: string[];
  sourceFiles: number;
  pages: number;
  /** How many builds and doxygen runs the medians come from. */
  runs: number;
  /** Null when a ready model was given. */
  analyzeMs: number | null;
  /** Median wall time of `astro build`. */
  siteBuildMs: number;
  /** Median wall time of doxygen; null when doxygen is not installed (or failed; see `doxygenError`). */
  doxygenMs: number | null;
  /** Median CPU time (user + system, all processes) of `astro build` and of doxygen; null where not measured. */
  siteBuildCpuMs: number | null;
  doxygenCpuMs: number | null;
  doxygenError: string | null;
  /** siteBuildMs / doxygenMs (below 1 means the site builds faster). */
  ratio: number | null;
  /** Every build's and every doxygen run's wall time, in run order (run i of each ran back to back). */
  siteBuildRunsMs: number[];
  doxygenRunsMs: number[];
}

/** Build / doxygen of each back-to-back pair: on a shared machine these drift less than the two medians do. */
export function pairRatios(r: Pick<SiteBenchResult, 'siteBuildRunsMs' | 'doxygenRunsMs'>): number[] {
  return r.doxygenRunsMs.map((d, i) => r.siteBuildRunsMs[i]! / d);
}

/** Raised when a step of the bench fails; the message names the step and shows the tail of its output. */
export class SiteBenchError extends Error {
  override name = 'SiteBenchError';
}

/** Options of {@link benchSite}. */
export interface SiteBenchOptions {
  /** Tree to document (else `UNIKRAFT_DIR`, else `.cache/unikraft`, else the sample tree, as the analyzer decides). */
  src?: string;
  runner?: BenchRunner;
  /** Use this model instead of running the analyzer (analyzeMs is then null). */
  model?: string;
  /** Builds and doxygen runs, interleaved; the medians are compared (default 3: the machine may be shared). */
  runs?: number;
  /** Keep the temporary directory (for looking at the output). */
  keep?: boolean;
}

/** A Doxyfile that documents exactly `files` with call and caller graphs drawn by dot. */
export function doxyfile(files: string[], outDir: string): string {
  return [
    `INPUT = ${files.map((f) => `"${f}"`).join(' \\\n        ')}`,
    `OUTPUT_DIRECTORY = "${outDir}"`,
    'PROJECT_NAME = "UnikraftLab bench"',
    'OPTIMIZE_OUTPUT_FOR_C = YES',
    'EXTRACT_ALL = YES',
    'EXTRACT_STATIC = YES',
    'SOURCE_BROWSER = YES',
    'REFERENCED_BY_RELATION = YES',
    'REFERENCES_RELATION = YES',
    'HAVE_DOT = YES',
    'CALL_GRAPH = YES',
    'CALLER_GRAPH = YES',
    'GENERATE_HTML = YES',
    'GENERATE_LATEX = NO',
    'SEARCHENGINE = YES',
    'QUIET = YES',
    'WARNINGS = NO',
    'WARN_IF_UNDOCUMENTED = NO',
    '',
  ].join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function countHtml(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).length;
}

/** Runs the site bench: analyzer once, then cold site builds and doxygen runs interleaved. */
export async function benchSite(options: SiteBenchOptions = {}): Promise<SiteBenchResult> {
  const run = options.runner ?? benchRunner;
  const dir = await mkdtemp(join(tmpdir(), 'uklab-bench-site-'));
  try {
    let model = join(dir, 'model.json');
    let analyzeMs: number | null = null;
    if (options.model) model = resolve(options.model);
    else {
      const analyzeArgs = [join(root, 'analyzer/bin.ts'), '--out', model, '--quiet'];
      if (options.src) analyzeArgs.push('--src', options.src);
      const a = await run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), ...analyzeArgs], {});
      if (a.code !== 0) throw new SiteBenchError(`The analyzer failed (exit ${a.code}):\n${a.out}`);
      analyzeMs = a.ms;
    }
    const m = await readModel(model);
    const runs = Math.max(1, options.runs ?? 3);
    const files = m.files.filter((f) => f.documented).map((f) => join(m.source.root, f.path));
    const which = await run('sh', ['-c', 'command -v doxygen && command -v dot'], {});
    let doxygenError: string | null = which.code === 0 ? null : 'doxygen or dot (graphviz) is not installed';
    if (!doxygenError) await writeFile(join(dir, 'Doxyfile'), doxyfile(files, join(dir, 'doxygen')));
    const builds: number[] = [];
    const doxygens: number[] = [];
    const buildCpu: number[] = [];
    const doxygenCpu: number[] = [];
    let pages = 0;
    for (let i = 0; i < runs; i++) {
      const outDir = join(dir, `dist-${i}`);
      const b = await run(process.execPath, astroArgs(root, 'build'), {
        env: {
          UNIKRAFTLAB_MODEL: model,
          UNIKRAFTLAB_OUT_DIR: outDir,
          UNIKRAFTLAB_CACHE_DIR: join(dir, `astro-cache-${i}`),
        },
      });
      if (b.code !== 0) throw new SiteBenchError(`\`astro build\` failed (exit ${b.code}):\n${b.out}`);
      builds.push(b.ms);
      if (b.cpuMs != null) buildCpu.push(b.cpuMs);
      pages = await countHtml(outDir);
      await rm(outDir, { recursive: true, force: true });
      if (!doxygenError) {
        await rm(join(dir, 'doxygen'), { recursive: true, force: true });
        const d = await run('doxygen', [join(dir, 'Doxyfile')], { cwd: dir });
        if (d.code === 0) {
          doxygens.push(d.ms);
          if (d.cpuMs != null) doxygenCpu.push(d.cpuMs);
        } else doxygenError = `doxygen exited ${d.code}: ${d.out.slice(-300)}`;
      }
    }
    const siteBuildMs = median(builds);
    const doxygenMs = doxygenError ? null : median(doxygens);
    return {
      tree: m.source.root,
      origin: m.source.origin,
      libraries: m.libraries.map((l) => l.name),
      sourceFiles: files.length,
      pages,
      runs,
      analyzeMs,
      siteBuildMs,
      doxygenMs,
      siteBuildCpuMs: buildCpu.length === builds.length && builds.length ? median(buildCpu) : null,
      doxygenCpuMs:
        !doxygenError && doxygenCpu.length === doxygens.length && doxygens.length ? median(doxygenCpu) : null,
      doxygenError,
      ratio: doxygenMs ? siteBuildMs / doxygenMs : null,
      siteBuildRunsMs: builds,
      doxygenRunsMs: doxygenError ? [] : doxygens,
    };
  } finally {
    if (!options.keep) await rm(dir, { recursive: true, force: true });
  }
}

/** Lines for the bench's report. */
export function formatSiteBench(r: SiteBenchResult): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const range = (xs: number[]) => (xs.length > 1 ? `, ${s(Math.min(...xs))}–${s(Math.max(...xs))}` : '');
  const pairs = pairRatios(r);
  return [
    `site: ${r.libraries.length} libraries (${r.libraries.join(', ')}), ${r.sourceFiles} source files, origin ${r.origin} (${r.tree})`,
    `site: analyzer ${r.analyzeMs === null ? 'skipped (--model)' : s(r.analyzeMs)}; astro build ${s(r.siteBuildMs)} (median of ${r.runs}${range(r.siteBuildRunsMs)}) for ${r.pages} pages (en + zh)`,
    r.doxygenMs !== null
      ? `site: doxygen with call/caller graphs ${s(r.doxygenMs)} (median of ${r.runs}${range(r.doxygenRunsMs)}) on the same files; site/doxygen ratio ${r.ratio!.toFixed(2)} (${r.ratio! <= 1 ? 'goal met: no slower' : 'goal missed: slower'})`
      : `site: doxygen not measured (${r.doxygenError})`,
    ...(pairs.length > 1
      ? [`site: build / doxygen of each back-to-back pair: ${pairs.map((x) => x.toFixed(2)).join(' ')}`]
      : []),
    ...(r.siteBuildCpuMs !== null
      ? [
          `site: CPU time (user + system, all processes, median): astro build ${s(r.siteBuildCpuMs)}${r.doxygenCpuMs !== null ? `, doxygen ${s(r.doxygenCpuMs)}` : ''}`,
        ]
      : []),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const src = arg('--src');
  const model = arg('--model');
  const runs = arg('--runs') ? Number(arg('--runs')) : undefined;
  if (src && !existsSync(src)) {
    console.error(`\`--src ${src}\` does not exist; pass the root of a Unikraft checkout.`);
    process.exitCode = 1;
  } else {
    try {
      for (const line of formatSiteBench(await benchSite({ src, model, runs }))) console.log(line);
    } catch (e) {
      console.error((e as Error).message);
      process.exitCode = 1;
    }
  }
}
