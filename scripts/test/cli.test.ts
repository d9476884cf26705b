import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLiveRecord } from '../../model/live-record.ts';
import { run } from '../live/cli.ts';
import { ExitCodes } from '../live/errors.ts';
import { libvirtUnavailable } from './helpers/libvirt.ts';
import { testKernelApp } from './helpers/test-kernel-app.ts';
import { scratchDir } from './helpers/scratch.ts';

const unavailable = await libvirtUnavailable();
if (unavailable) console.warn(`skipping CLI boots: ${unavailable}`);

function io(env: NodeJS.ProcessEnv = process.env) {
  const out = { text: '', err: '' };
  return {
    out,
    io: {
      stdout: { write: (t: string) => void (out.text += t), isTTY: false },
      stderr: { write: (t: string) => void (out.err += t) },
      env,
    },
  };
}

function manifest(apps: unknown[]): string {
  const dir = scratchDir('uklab-cli-');
  const file = join(dir, 'apps.json');
  writeFileSync(file, JSON.stringify({ apps }));
  return file;
}

describe('npm run live (run)', () => {
  it('an unknown app name is a bad option that lists the known ones', async () => {
    const { io: o, out } = io();
    expect(await run(['no-such-app'], o)).toBe(ExitCodes.badOptions);
    expect(out.err).toMatch(/Unknown app `no-such-app`.*`helloworld`/);
  });

  it('a manifest that does not match the schema fails with the field named', async () => {
    const { io: o, out } = io();
    expect(await run(['--manifest', manifest([{ name: 'x', expect: { line: 'y' } }])], o)).toBe(ExitCodes.badManifest);
    expect(out.err).toMatch(/`apps.0.kernel`/);
  });

  it('skips apps whose kernel is missing with a one-line reason naming the variable', async () => {
    const file = manifest([{ name: 'gone', kernel: '/nonexistent/kernel', expect: { line: 'y' } }]);
    const { io: o, out } = io({});
    expect(await run(['--manifest', file], o)).toBe(ExitCodes.ok);
    expect(out.text).toBe(
      'skip gone: kernel `/nonexistent/kernel` not found; build it and set `UNIKRAFTLAB_KERNEL_GONE` (or put it there).\n',
    );
    // Asked for by name, a skip is a failure.
    expect(await run(['--manifest', file, 'gone'], io({}).io)).toBe(ExitCodes.bootFailed);
  });

  it('says how to start libvirt when it does not answer', async () => {
    const kernel = (await testKernelApp()).kernel;
    const file = manifest([{ name: 'a', kernel, expect: { line: 'y' } }]);
    const { io: o, out } = io({ ...process.env, LIBVIRT_DEFAULT_URI: 'qemu+unix:///system?socket=/nonexistent/sock' });
    expect(await run(['--manifest', file], o)).toBe(ExitCodes.noLibvirt);
    expect(out.err).toMatch(/libvirt does not answer.*\n.*scripts\/start-libvirtd\.sh/);
  });

  it.skipIf(unavailable !== null)('boots two apps at once and writes a valid record for each', async () => {
    const kernel = (await testKernelApp()).kernel;
    const file = manifest([
      {
        name: 'one',
        kernel,
        cmdline: 'first',
        expect: { line: 'halting' },
        related: { libraries: ['uksched'], symbols: [] },
      },
      { name: 'two', kernel, cmdline: 'second', expect: { regex: '^cmdline: .*second' } },
    ]);
    const outDir = scratchDir('uklab-records-');
    const { io: o, out } = io();
    expect(
      await run(['--manifest', file, '--out', outDir, '--accel', 'qemu', '--jobs', '2'], o),
      out.text + out.err,
    ).toBe(ExitCodes.ok);
    expect(out.text).toMatch(/^one: ok \[tcg\] [\d.]+s\ntwo: ok \[tcg\] [\d.]+s\n$/);
    for (const [name, word] of [
      ['one', 'first'],
      ['two', 'second'],
    ]) {
      const record = parseLiveRecord(JSON.parse(readFileSync(join(outDir, `${name}.json`), 'utf8')));
      expect(record.console.text).toContain(word);
    }
    const one = parseLiveRecord(JSON.parse(readFileSync(join(outDir, 'one.json'), 'utf8')));
    expect(one.related.libraries).toEqual(['uksched']);
    // A kernel inside the repository is recorded relative to it: records carry no machine's paths.
    expect(one.kernel.path).toBe('.cache/test-kernel/kernel.elf');
  });
  it.skipIf(unavailable !== null)('one app’s error is reported while the others still boot and clean up', async () => {
    const kernel = (await testKernelApp()).kernel;
    const notADir = join(scratchDir('uklab-cli-'), 'file');
    writeFileSync(notADir, 'not a directory');
    const file = manifest([
      { name: 'good', kernel, expect: { line: 'halting' } },
      { name: 'bad-share', kernel, expect: { line: 'halting' }, shares: [{ hostDir: notADir, tag: 'fs0' }] },
    ]);
    const outDir = scratchDir('uklab-records-');
    const { io: o, out } = io();
    expect(await run(['--manifest', file, '--out', outDir, '--accel', 'qemu'], o)).toBe(ExitCodes.bootFailed);
    expect(out.err).toMatch(/^bad-share: The 9p share of `bad-share` is not a directory/);
    expect(out.text).toMatch(/^good: ok/m);
    expect(parseLiveRecord(JSON.parse(readFileSync(join(outDir, 'good.json'), 'utf8'))).outcome).toBe('ok');
  });
});
