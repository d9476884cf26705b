/**
 * `npm run build` / `npm run dev`: resolve the Unikraft sources and run the analyzer (its CLI does the resolution:
 * --src / UNIKRAFT_DIR, cached clone, else the sample tree) into `.cache/model.json`, then `astro build` into dist/.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { astroArgs } from './astro-args.ts';

/** Exit codes (typedoc-style table). */
export const ExitCodes = { ok: 0, badOptions: 1, analyzeFailed: 2, buildFailed: 3 } as const;

/** Runs a command with extra environment and resolves to its exit code; tests can pass a recording one. */
export type Runner = (cmd: string, args: string[], env: Record<string, string>) => Promise<number>;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Run the CLIs' entry files with this process's Node (22 via npm), not whatever `node` the shebang finds first.
const BIN = { tsx: 'node_modules/tsx/dist/cli.mjs' } as const;
const bin = (name: keyof typeof BIN) => join(root, BIN[name]);

/** The real runner: inherits stdio, so the analyzer's and Astro's progress show as they happen. */
export const spawnRunner: Runner = (cmd, args, env) =>
  new Promise((done) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
    child.on('close', (code) => done(code ?? 1));
    child.on('error', () => done(127));
  });

/** Parsed command line of the build script. */
export interface BuildOptions {
  src: string | null;
  /** Use this model instead of running the analyzer. */
  model: string | null;
  outDir: string;
  strict: boolean;
  dev: boolean;
  fetch: boolean;
}

/** Raised for a command line the script cannot use. */
export class BuildOptionsError extends Error {
  override name = 'BuildOptionsError';
}

/** Parses `--src DIR`, `--model FILE`, `--out DIR`, `--strict`, `--dev`, `--fetch`. */
export function parseBuildArgs(argv: string[]): BuildOptions {
  const o: BuildOptions = { src: null, model: null, outDir: 'dist', strict: false, dev: false, fetch: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v || v.startsWith('--'))
        throw new BuildOptionsError(
          `\`${a}\` needs a value, e.g. \`${a} ${a === '--src' ? '/path/to/unikraft' : 'PATH'}\`.`,
        );
      return v;
    };
    if (a === '--src') o.src = value();
    else if (a === '--model') o.model = value();
    else if (a === '--out') o.outDir = value();
    else if (a === '--strict') o.strict = true;
    else if (a === '--dev') o.dev = true;
    else if (a === '--fetch') o.fetch = true;
    else
      throw new BuildOptionsError(
        `Unknown option \`${a}\`. Use --src DIR, --model FILE, --out DIR, --strict, --dev or --fetch.`,
      );
  }
  return o;
}

/** Runs the whole build; returns an exit code from `ExitCodes`. */
export async function run(
  argv: string[],
  runner: Runner = spawnRunner,
  log: (s: string) => void = console.error,
): Promise<number> {
  let o: BuildOptions;
  try {
    o = parseBuildArgs(argv);
  } catch (e) {
    log((e as Error).message);
    return ExitCodes.badOptions;
  }
  let model = o.model ? resolve(o.model) : join(root, '.cache', 'model.json');
  if (!o.model) {
    const args = [join(root, 'analyzer', 'bin.ts'), '--out', model];
    if (o.src) args.push('--src', o.src);
    if (o.fetch) args.push('--fetch');
    const code = await runner(process.execPath, [bin('tsx'), ...args], {});
    if (code !== 0) {
      log(`The analyzer failed (exit ${code}); the site was not built. Fix the error above, or pass \`--model FILE\`.`);
      return ExitCodes.analyzeFailed;
    }
  }
  model = resolve(model);
  const env: Record<string, string> = { UNIKRAFTLAB_MODEL: model, UNIKRAFTLAB_OUT_DIR: resolve(o.outDir) };
  if (o.strict) env.UNIKRAFTLAB_STRICT = '1';
  const code = await runner(process.execPath, astroArgs(root, o.dev ? 'dev' : 'build'), env);
  if (code !== 0) {
    log(`\`astro ${o.dev ? 'dev' : 'build'}\` failed (exit ${code}).`);
    return ExitCodes.buildFailed;
  }
  return ExitCodes.ok;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await run(process.argv.slice(2));
}
