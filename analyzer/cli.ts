/**
 * `npm run analyze`: resolve the source tree, build the model, validate it, write it. `run` takes its I/O as a
 * parameter and returns an exit code from `ExitCodes`; user errors print as message + hint, never as a stack trace.
 */
import { writeFileSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Model } from '../model/schema.ts';
import { defaultJobs } from './parallel/file-workers.ts';
import { buildModel, type StageTimings } from './build-model.ts';
import { AnalyzerError, ExitCodes, type ExitCode } from './errors.ts';
import { resolveSource } from './source/resolve-source.ts';
import { execRunner, type Runner } from './source/run-command.ts';
import { DEFAULT_LIBS } from './uk/discover-libraries.ts';

/** Where the CLI talks to and what it runs; `bin.ts` passes the process's, tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stderr is a terminal (progress is shown only then, and never under `CI`). */
  isTTY: boolean;
  /** Runs git; default the real one. */
  run?: Runner;
  /** Filled with per-stage times when given (for `npm run bench`). */
  timings?: StageTimings;
}

/** Default output file, relative to the working directory. */
export const DEFAULT_OUT = '.cache/model.json';

const HELP = `Usage: npm run analyze -- [options]

Analyzes Unikraft's C sources into one JSON model (model/schema.ts).

Options:
  --src DIR       Unikraft tree to analyze (else $UNIKRAFT_DIR, else .cache/unikraft,
                  else the bundled sample tree analyzer/fixtures/sample-tree)
  --fetch         Clone the pinned release into .cache/unikraft if there is no tree there
  --libs LIST     Comma-separated library names under lib/, or "all"
                  (default: ${DEFAULT_LIBS.join(',')})
  --out FILE      Where to write the model (default: ${DEFAULT_OUT})
  --jobs N|auto   Parse, extract and scan in N worker threads (auto: one per core, at most 4);
                  the model is the same (default: 1, this thread only)
  --strict        Exit with code 3 when there are warnings (the model is still written)
  --quiet         Print only errors
  --help          Show this help

Exit codes: 0 ok, 1 bad option, 2 bad input (tree, library), 3 validation (or --strict warnings), 4 output.
`;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<ExitCode> {
  try {
    return await main(argv, io);
  } catch (e) {
    if (e instanceof AnalyzerError) {
      io.stderr(`error: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
      return e.exitCode;
    }
    throw e;
  }
}

async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        src: { type: 'string' },
        libs: { type: 'string' },
        out: { type: 'string' },
        jobs: { type: 'string' },
        fetch: { type: 'boolean' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new AnalyzerError(
      (e as Error).message.replace(/'/g, '`'),
      ExitCodes.OptionError,
      'Run `npm run analyze -- --help` for the options.',
    );
  }
  if (values.help) {
    io.stdout(HELP);
    return ExitCodes.Ok;
  }
  const libs = parseLibs(values.libs);
  const jobs = parseJobs(values.jobs);
  const run = io.run ?? execRunner;
  const source = await resolveSource({ src: values.src, env: io.env, fetch: values.fetch, run, cwd: io.cwd });
  const showProgress = io.isTTY && !values.quiet && !io.env.CI;
  const model = await buildModel({
    source,
    libs,
    run,
    timings: io.timings,
    jobs,
    onProgress: showProgress ? (done, total) => io.stderr(`\rparsing ${done}/${total} files`) : undefined,
  });
  if (showProgress) io.stderr('\r\x1b[K');

  const out = resolve(io.cwd, values.out ?? DEFAULT_OUT);
  await writeModel(out, model);

  const warnings = model.diagnostics.filter((d) => d.severity !== 'info').length;
  const shown = relative(io.cwd, out);
  if (!values.quiet) io.stdout(summary(model, shown && !shown.startsWith('..') ? shown : out));
  if (values.strict && warnings > 0) {
    io.stderr(`error: ${warnings} warning(s) and --strict was given; see \`diagnostics\` in ${out}.\n`);
    return ExitCodes.ValidationError;
  }
  return ExitCodes.Ok;
}

function parseLibs(value: string | undefined): string[] | 'all' | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) {
    throw new AnalyzerError(
      '`--libs` is empty.',
      ExitCodes.OptionError,
      'Pass library names such as `--libs uksched,uklock`, or `--libs all`.',
    );
  }
  return list.length === 1 && list[0] === 'all' ? 'all' : list;
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return 1;
  if (value === 'auto') return defaultJobs();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new AnalyzerError(
      `\`--jobs ${value}\` is not a thread count.`,
      ExitCodes.OptionError,
      'Pass a whole number from 1 to 64, or `--jobs auto`.',
    );
  }
  return n;
}

/** Writes through a temporary file so that a failed write never leaves half a model behind. */
async function writeModel(out: string, model: Model): Promise<void> {
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(out), { recursive: true });
    // One synchronous write: an 8 MB string through the thread pool took about three times as long (bench, /work/uk).
    writeFileSync(tmp, JSON.stringify(model) + '\n');
    await rename(tmp, out);
  } catch (e) {
    throw new AnalyzerError(
      `Cannot write the model to \`${out}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
      ExitCodes.OutputError,
      'Pass a writable path with `--out FILE`.',
    );
  }
}

function summary(m: Model, out: string): string {
  const count = (sev: string) => m.diagnostics.filter((d) => d.severity === sev).length;
  const syscalls = m.functions.filter((f) => f.kind === 'syscall' && f.documented).length;
  const documented = (xs: { documented: boolean }[]) => xs.filter((x) => x.documented).length;
  const at = m.source.describe ?? m.source.commit ?? 'no git commit';
  return (
    `Analyzed ${m.libraries.length} libraries (${m.libraries.map((l) => l.name).join(', ')}) from ${m.source.origin} tree ${m.source.root} (${at}).\n` +
    `  ${documented(m.files)} documented files + ${m.files.length - documented(m.files)} indexed headers; ` +
    `${documented(m.structs)} structs, ${documented(m.functions)} functions (${syscalls} syscalls), ${documented(m.macros)} macros.\n` +
    `  Diagnostics: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info.\n` +
    `Wrote ${out}\n`
  );
}
