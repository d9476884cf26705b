import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libvirtUnavailable } from './helpers/libvirt.ts';

const SCRIPT = resolve(import.meta.dirname, '../start-libvirtd.sh');
const unavailable = await libvirtUnavailable();
const root = process.getuid?.() === 0;

describe('scripts/start-libvirtd.sh', () => {
  it('is valid POSIX sh', () => {
    const r = spawnSync('sh', ['-n', SCRIPT], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!root || unavailable !== null)(
    'is idempotent: with libvirtd running it changes nothing and succeeds',
    () => {
      const before = spawnSync('pgrep', ['-x', 'libvirtd'], { encoding: 'utf8' }).stdout;
      const r = spawnSync('sh', [SCRIPT], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/already answers/);
      expect(spawnSync('pgrep', ['-x', 'libvirtd'], { encoding: 'utf8' }).stdout).toBe(before);
    },
  );
});
