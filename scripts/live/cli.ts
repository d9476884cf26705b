/**
 * `npm run live [-- APP…]`: boots every app of the manifest whose kernel exists (or the named ones) under libvirt and
 * writes `content/live/<app>.json`. `run` returns an exit code from `ExitCodes`; `bin.ts` wires it to the process.
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseLiveRecord, type LiveRecord } from '../../model/live-record.ts';
import { buildTestKernel } from '../test-kernel/build-test-kernel.ts';
import { bootApp, chooseAccelerators, type Accelerator } from './boot-app.ts';
import { ExitCodes, LiveError } from './errors.ts';
import { kernelEnvName, loadManifest, type ResolvedApp } from './load-manifest.ts';
import { createProgress } from './progress.ts';
import { execRunner, type Runner } from './runner.ts';
import { sweepStale } from './sweep-stale.ts';
import { defaultUri, libvirtVersions } from './virsh.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What `run` talks to; tests pass their own. */
export interface LiveIo {
  stdout: { write(text: string): void; isTTY: boolean };
  stderr: { write(text: string): void };
  env: NodeJS.ProcessEnv;
  runner?: Runner;
  /** Aborted on SIGINT / SIGTERM: running boots stop and clean up. */
  signal?: AbortSignal;
}

const HELP = `Usage: npm run live [-- [options] [APP…]]
Boots the apps of the manifest under libvirt and writes content/live/<app>.json.
  --manifest FILE   apps manifest (default scripts/apps.manifest.json)
  --out DIR         where records go (default content/live)
  --accel kvm|qemu  use only this accelerator (default: kvm, falling back to qemu/TCG)
  --jobs N          boots at once (default 2)
  --list            list the apps and whether their kernels exist
Kernel paths: the manifest's \`kernel\`, or UNIKRAFTLAB_KERNEL_<APP> (e.g. UNIKRAFTLAB_KERNEL_HELLOWORLD).
libvirt: LIBVIRT_DEFAULT_URI (default qemu:///system).`;

/** Runs the live command; never throws for user errors (they are printed with their fix). */
export async function run(argv: string[], io: LiveIo): Promise<number> {
  const runner = io.runner ?? execRunner;
  let opts;
  try {
    opts = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        manifest: { type: 'string', default: join(REPO, 'scripts/apps.manifest.json') },
        out: { type: 'string', default: join(REPO, 'content/live') },
        accel: { type: 'string' },
        jobs: { type: 'string', default: '2' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n${HELP}\n`);
    return ExitCodes.badOptions;
  }
  const { values, positionals } = opts;
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return ExitCodes.ok;
  }
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    io.stderr.write(`\`--jobs\` must be a positive integer, got \`${values.jobs}\`.\n`);
    return ExitCodes.badOptions;
  }
  try {
    const apps = await loadManifest(values.manifest, io.env);
    const unknown = positionals.filter((p) => !apps.some((a) => a.name === p));
    if (unknown.length) {
      io.stderr.write(
        `Unknown app \`${unknown[0]}\`. The manifest has: ${apps.map((a) => `\`${a.name}\``).join(', ')}.\n`,
      );
      return ExitCodes.badOptions;
    }
    const selected = positionals.length ? apps.filter((a) => positionals.includes(a.name)) : apps;
    for (const app of selected) if (app.builtBy === 'test-kernel') await buildTestKernel(app.kernel, runner);

    const ready: ResolvedApp[] = [];
    let skippedNamed = false;
    for (const app of selected) {
      const reason = await missingKernel(app);
      if (reason) {
        io.stdout.write(`skip ${app.name}: ${reason}\n`);
        if (positionals.length) skippedNamed = true;
      } else ready.push(app);
    }
    if (values.list) return ExitCodes.ok;
    if (!ready.length) return skippedNamed ? ExitCodes.bootFailed : ExitCodes.ok;

    const accelerators: Accelerator[] =
      values.accel === undefined
        ? await chooseAccelerators(io.env)
        : await chooseAccelerators({ UNIKRAFTLAB_ACCEL: values.accel });
    const ctx = { runner, uri: defaultUri(io.env) };
    const versions = await libvirtVersions(ctx);
    for (const gone of await sweepStale(ctx)) io.stdout.write(`removed ${gone} (left by a run that was killed)\n`);
    const progress = createProgress(io.stdout);
    const records: LiveRecord[] = [];
    const queue = [...ready];
    // One app's problem (its kernel vanished, a share is not a directory) must not abandon the others mid-boot.
    const problems: string[] = [];
    const worker = async () => {
      for (let app = queue.shift(); app; app = queue.shift()) {
        if (io.signal?.aborted) return;
        const name = app.name;
        progress.update(name, 'starting');
        try {
          const record = await bootApp(app, {
            ctx,
            accelerators,
            signal: io.signal,
            versions,
            onPhase: (phase, acc) => progress.update(name, phase, acc),
          });
          records.push(record);
          progress.update(name, `done: ${record.outcome}`, record.accelerator);
        } catch (e) {
          if (!(e instanceof LiveError)) throw e;
          problems.push(`${name}: ${e.message}`);
          progress.update(name, 'done: error');
        }
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: Math.min(jobs, ready.length) }, worker));
    progress.stop();
    const crashed = settled.find((s) => s.status === 'rejected');
    if (crashed) throw crashed.reason;
    for (const p of problems) io.stderr.write(`${p}\n`);

    let failed = skippedNamed || problems.length > 0;
    for (const record of records.sort((a, b) => a.app.localeCompare(b.app))) {
      const secs = (record.timings.expectedMs ?? record.timings.totalMs) / 1000;
      const acc = record.accelerator === 'qemu' ? 'tcg' : 'kvm';
      io.stdout.write(
        `${record.app}: ${record.outcome} [${acc}] ${secs.toFixed(2)}s${record.reason ? ` — ${record.reason}` : ''}\n`,
      );
      for (const d of record.diagnoses) io.stdout.write(`  ${d.id}: ${d.message}\n    (${d.evidence})\n`);
      if (record.outcome === 'interrupted') continue; // keep the last complete record
      await writeRecord(values.out, record);
      if (record.outcome !== 'ok') failed = true;
    }
    if (io.signal?.aborted) return ExitCodes.interrupted;
    return failed ? ExitCodes.bootFailed : ExitCodes.ok;
  } catch (e) {
    if (e instanceof LiveError) {
      io.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

/** Why an app cannot boot yet (its kernel is missing), or null. */
async function missingKernel(app: ResolvedApp): Promise<string | null> {
  if (app.kernel.includes('${'))
    return `its kernel path \`${app.kernel}\` uses an unset variable; set \`${kernelEnvName(app.name)}\`.`;
  const s = await stat(app.kernel).catch(() => null);
  if (s?.isFile()) return null;
  return `kernel \`${app.kernel}\` not found; build it and set \`${kernelEnvName(app.name)}\` (or put it there).`;
}

/** Validates the record against the schema, then writes it atomically to `<dir>/<app>.json`. */
export async function writeRecord(dir: string, record: LiveRecord): Promise<string> {
  // A kernel inside the repo (the test kernel) is recorded relative to it, so records do not carry one machine's paths.
  const shown = record.kernel.path.startsWith(`${REPO}/`) ? relative(REPO, record.kernel.path) : record.kernel.path;
  const valid = parseLiveRecord(
    { ...record, kernel: { ...record.kernel, path: shown } },
    `the record of \`${record.app}\``,
  );
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${record.app}.json`);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(valid, null, 2)}\n`);
  await rename(tmp, path);
  return path;
}
