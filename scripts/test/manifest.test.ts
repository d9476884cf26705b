import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveError } from '../live/errors.ts';
import { expandEnv, kernelEnvName, loadManifest } from '../live/load-manifest.ts';
import { scratchDir } from './helpers/scratch.ts';

const shipped = resolve(import.meta.dirname, '../apps.manifest.json');
const dir = scratchDir('uklab-manifest-');

function manifestFile(data: unknown): string {
  const file = join(dir, `m${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

describe('apps manifest', () => {
  it('the shipped manifest parses and has the documented apps', async () => {
    const apps = await loadManifest(shipped, {});
    expect(apps.map((a) => a.name)).toEqual(['test-kernel', 'helloworld', 'storestrings', 'nginx']);
    const store = apps.find((a) => a.name === 'storestrings')!;
    expect(store.forwards).toEqual([1234]);
    expect(store.probes[0]).toMatchObject({ kind: 'tcp', guestPort: 1234 });
    expect(apps.find((a) => a.name === 'nginx')!.probes[0]).toMatchObject({ kind: 'http', status: 200 });
  });

  it('resolves paths relative to the manifest, expands ${ENV}, and lets UNIKRAFTLAB_KERNEL_<APP> override', async () => {
    const file = manifestFile({
      apps: [
        { name: 'a', kernel: 'k/a.elf', expect: { line: 'x' }, shares: [{ hostDir: '${SHARE}/s', tag: 'fs0' }] },
        { name: 'b-c', kernel: '${KDIR}/b', expect: { regex: '^ok$' } },
      ],
    });
    const apps = await loadManifest(file, { SHARE: '/srv', KDIR: '/k', UNIKRAFTLAB_KERNEL_B_C: '/override/b' });
    expect(apps[0]!.kernel).toBe(join(dir, 'k/a.elf'));
    expect(apps[0]!.shares[0]!.hostDir).toBe('/srv/s');
    expect(apps[0]!.memoryMiB).toBe(64);
    expect(apps[1]!.kernel).toBe('/override/b');
    expect(apps[1]!.kernelFrom).toBe('UNIKRAFTLAB_KERNEL_B_C');
    expect(kernelEnvName('b-c')).toBe('UNIKRAFTLAB_KERNEL_B_C');
  });

  it('keeps an unset ${ENV} kernel path so the app is skipped with a reason, not a crash', async () => {
    const file = manifestFile({ apps: [{ name: 'a', kernel: '${NOPE}/a', expect: { line: 'x' } }] });
    expect((await loadManifest(file, {}))[0]!.kernel).toBe('${NOPE}/a');
    expect(() => expandEnv('${NOPE}', {}, 'apps.a.kernel')).toThrow(/`\$\{NOPE\}`, which is not set/);
  });

  it.each([
    [{ apps: [{ name: 'A B', kernel: 'k', expect: { line: 'x' } }] }, /`apps.0.name`/],
    [{ apps: [{ name: 'a', kernel: 'k', expect: { regex: '(' } }] }, /`apps.0.expect/],
    [{ apps: [{ name: 'a', kernel: 'k', expect: { line: 'x' }, forwards: [70000] }] }, /`apps.0.forwards.0`/],
    [
      { apps: [{ name: 'a', kernel: 'k', expect: { line: 'x' }, probes: [{ kind: 'udp', guestPort: 1 }] }] },
      /`apps.0.probes.0.kind`/,
    ],
    [{ apps: [{ name: 'a', kernel: 'k', expect: { line: 'x' }, memory: 64 }] }, /memory/],
    [
      { apps: [{ name: 'a', kernel: 'k', expect: { line: 'x' }, shares: [{ hostDir: '/', tag: 'a b' }] }] },
      /`apps.0.shares.0.tag`/,
    ],
    [
      {
        apps: [
          { name: 'a', kernel: 'k', expect: { line: 'x' } },
          { name: 'a', kernel: 'k', expect: { line: 'y' } },
        ],
      },
      /twice/,
    ],
    ['{ not json', /is not JSON/],
  ])('rejects bad input with a message that names the field (%#)', async (data, message) => {
    const err = await loadManifest(manifestFile(data), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LiveError);
    expect((err as Error).message).toMatch(message);
  });

  it('a missing manifest says which option fixes it', async () => {
    await expect(loadManifest(join(dir, 'nope.json'))).rejects.toThrow(/--manifest FILE/);
  });
});
