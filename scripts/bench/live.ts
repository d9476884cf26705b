/**
 * Live section of `npm run bench`: boot-to-expected-line time of the project's test kernel through libvirt (the code
 * path of `npm run live`) vs `qemu-system-x86_64` run directly on the same kernel, in the same run, both under TCG.
 * Standalone: `npx tsx scripts/bench/live.ts [--rounds N]`; from scripts/bench.ts: `printLiveBench(await benchLive())`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { bootApp, kernelCmdline } from '../live/boot-app.ts';
import { loadManifest } from '../live/load-manifest.ts';
import { execRunner } from '../live/runner.ts';
import { defaultUri, libvirtVersions } from '../live/virsh.ts';
import { buildTestKernel } from '../test-kernel/build-test-kernel.ts';

const MANIFEST = resolve(import.meta.dirname, '../apps.manifest.json');
/** Libvirt may add at most this much to a boot (issue 5). */
export const LIVE_OVERHEAD_TARGET_MS = 3000;

/** Medians of the measured boots, milliseconds from start (`virsh create` / QEMU spawn) to the expected line. */
export interface LiveBenchResult {
  rounds: number;
  libvirtMs: number[];
  directMs: number[];
  libvirtMedianMs: number;
  directMedianMs: number;
  /** libvirtMedianMs − directMedianMs. */
  overheadMs: number;
  versions: { libvirt: string | null; qemu: string | null };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Boots QEMU directly, like libvirt's domain (TCG, pc, same memory, kernel and command line), until `line` appears. */
function bootDirect(
  kernel: string,
  cmdline: string,
  memoryMiB: number,
  line: string,
  timeoutMs = 30_000,
): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const args = [
      '-accel',
      'tcg',
      '-machine',
      'pc',
      '-cpu',
      'max',
      '-m',
      String(memoryMiB),
      '-nodefaults',
      '-no-user-config',
    ];
    args.push('-display', 'none', '-serial', 'stdio', '-no-reboot', '-kernel', kernel, '-append', cmdline);
    const child = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes(line)) {
        const ms = performance.now() - start;
        clearTimeout(timer);
        child.kill('SIGKILL');
        done(ms);
      }
    });
    child.on('error', fail);
    child.on('close', () => {
      clearTimeout(timer);
      fail(new Error(`qemu-system-x86_64 ended before printing ${JSON.stringify(line)}:\n${out.slice(-500)}`));
    });
  });
}

/** Measures `rounds` boots each way, alternating so both see the same machine load. */
export async function benchLive(rounds = 5): Promise<LiveBenchResult> {
  const app = (await loadManifest(MANIFEST, {})).find((a) => a.name === 'test-kernel');
  if (!app || !('line' in app.expect))
    throw new Error('The manifest needs the `test-kernel` app with an expected `line`.');
  await buildTestKernel(app.kernel, execRunner);
  const ctx = { runner: execRunner, uri: defaultUri() };
  const versions = await libvirtVersions(ctx);
  const tmpRoot = await mkdtemp(join(tmpdir(), 'uklab-bench-'));
  const libvirtMs: number[] = [];
  const directMs: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const record = await bootApp(app, { ctx, accelerators: ['qemu'], tmpRoot, versions, pollMs: 10 });
      if (record.outcome !== 'ok' || record.timings.expectedMs === null) {
        throw new Error(`The libvirt boot of the test kernel ended \`${record.outcome}\`: ${record.reason}`);
      }
      libvirtMs.push(record.timings.expectedMs);
      directMs.push(await bootDirect(app.kernel, kernelCmdline(app), app.memoryMiB, app.expect.line));
    }
  } finally {
    await rm(tmpRoot, { recursive: true, force: true });
  }
  const libvirtMedianMs = median(libvirtMs);
  const directMedianMs = median(directMs);
  return {
    rounds,
    libvirtMs,
    directMs,
    libvirtMedianMs,
    directMedianMs,
    overheadMs: libvirtMedianMs - directMedianMs,
    versions,
  };
}

/** Prints the section; returns false when the overhead misses the target. */
export function printLiveBench(
  r: LiveBenchResult,
  write: (s: string) => void = (s) => process.stdout.write(s),
): boolean {
  const ok = r.overheadMs < LIVE_OVERHEAD_TARGET_MS;
  const f = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
  write(
    `\n## Live boot (test kernel, TCG; libvirt ${r.versions.libvirt ?? '?'}, QEMU ${r.versions.qemu ?? '?'}; median of ${r.rounds})\n`,
  );
  write(
    `  through libvirt (virsh create → expected line): ${f(r.libvirtMedianMs)}  [${r.libvirtMs.map(f).join(', ')}]\n`,
  );
  write(
    `  qemu-system-x86_64 directly (spawn → expected line): ${f(r.directMedianMs)}  [${r.directMs.map(f).join(', ')}]\n`,
  );
  write(`  libvirt overhead: ${f(r.overheadMs)} (target < ${f(LIVE_OVERHEAD_TARGET_MS)}) ${ok ? 'OK' : 'MISSED'}\n`);
  return ok;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
  const ok = printLiveBench(await benchLive(Number(values.rounds)));
  process.exitCode = ok ? 0 : 1;
}
