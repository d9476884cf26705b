import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execRunner } from '../live/runner.ts';
import { defaultUri, listDomains } from '../live/virsh.ts';
import { libvirtUnavailable } from './helpers/libvirt.ts';
import { testKernelApp } from './helpers/test-kernel-app.ts';
import { scratchDir } from './helpers/scratch.ts';

const unavailable = await libvirtUnavailable();
if (unavailable) console.warn(`skipping the interrupt tests: ${unavailable}`);
const REPO = resolve(import.meta.dirname, '../..');

describe.skipIf(unavailable !== null)('killing `npm run live` mid-boot', () => {
  const ctx = { runner: execRunner, uri: defaultUri() };

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s: the script exits %i and leaves no domain, temp file or record', async (sig, code) => {
    const dir = scratchDir('uklab-kill-');
    const tmp = join(dir, 'tmp');
    const out = join(dir, 'out');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(tmp);
    const kernel = (await testKernelApp()).kernel;
    const manifest = join(dir, 'apps.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        apps: [{ name: 'waits-forever', kernel, expect: { line: 'never printed' }, timeoutSeconds: 120 }],
      }),
    );

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/live/bin.ts', '--manifest', manifest, '--out', out, '--accel', 'qemu'],
      {
        cwd: REPO,
        env: { ...process.env, TMPDIR: tmp },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const prefix = `unikraftlab-waits-forever-${child.pid}-`;

    // Wait until the guest runs (domain listed, console captured in the child's temp dir), then kill.
    const deadline = Date.now() + 60_000;
    while (!(await listDomains(ctx)).some((d) => d.startsWith(prefix))) {
      if (Date.now() > deadline) throw new Error(`the domain never appeared; output:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readdirSync(tmp).some((f) => f.startsWith('unikraftlab-live-'))).toBe(true);
    child.kill(sig);

    expect(await exited, output).toBe(code);
    expect((await listDomains(ctx)).filter((d) => d.startsWith(prefix))).toEqual([]);
    // (tsx keeps its own compile cache `tsx-*` in TMPDIR; that is not ours.)
    expect(readdirSync(tmp).filter((f) => !f.startsWith('tsx-'))).toEqual([]);
    expect(existsSync(join(out, 'waits-forever.json'))).toBe(false);
  });
});
