import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { parseLiveRecord } from '../../model/live-record.ts';
import { bootApp } from '../live/boot-app.ts';
import type { ResolvedApp } from '../live/load-manifest.ts';
import { AppEntry } from '../live/manifest.ts';
import { execRunner } from '../live/runner.ts';
import { defaultUri, libvirtVersions, listDomains } from '../live/virsh.ts';
import { GUEST_READY, prepareDebianGuest, type DebianGuest } from './helpers/debian-guest.ts';
import { libvirtUnavailable } from './helpers/libvirt.ts';
import { scratchDir } from './helpers/scratch.ts';

const unavailable = await libvirtUnavailable();
if (unavailable) console.warn(`skipping the 9p/network guest tests: ${unavailable}`);

describe.skipIf(unavailable !== null)(
  '9p share and user-mode networking (Debian kernel + busybox guest)',
  { concurrent: true },
  () => {
    const ctx = { runner: execRunner, uri: defaultUri() };
    let guest: DebianGuest;
    beforeAll(async () => {
      guest = await prepareDebianGuest(execRunner);
    });

    async function boot(expect: ExpectStatic, name: string, share: string, probes: unknown[]) {
      const entry = AppEntry.parse({
        name,
        kernel: guest.kernel,
        initrd: guest.initrd,
        memoryMiB: 256,
        cmdline: guest.cmdline,
        shares: [{ hostDir: share, tag: 'fs0', readonly: false }],
        forwards: [80, 1234],
        expect: { line: GUEST_READY },
        probes,
        timeoutSeconds: 120,
      });
      const app: ResolvedApp = { ...entry, kernelFrom: null };
      const tmpRoot = scratchDir('uklab-guest-');
      const record = await bootApp(app, {
        ctx,
        accelerators: ['qemu'],
        tmpRoot,
        versions: await libvirtVersions(ctx),
        probeDeadlineMs: 5000,
      });
      expect((await listDomains(ctx)).filter((d) => d.startsWith(`unikraftlab-${name}-${process.pid}-`))).toEqual([]);
      expect(readdirSync(tmpRoot)).toEqual([]);
      return parseLiveRecord(record);
    }

    // Concurrent: two guests at once also show that several boots can run side by side.
    it('serves a file from the 9p share over HTTP and stores lines sent over TCP into it', async ({ expect }) => {
      const share = scratchDir('uklab-share-');
      const token = randomBytes(8).toString('hex');
      writeFileSync(join(share, 'index.html'), `<p>served from the share: ${token}</p>\n`);
      const r = await boot(expect, 'guest-ok', share, [
        { kind: 'http', guestPort: 80, path: '/index.html', status: 200, bodyContains: token },
        { kind: 'http', guestPort: 80, path: '/missing.html', status: 404 },
        { kind: 'tcp', guestPort: 1234, send: `line ${token}`, expect: `stored: line ${token}` },
      ]);
      expect(r.outcome, r.reason ?? '').toBe('ok');
      expect(r.probes.map((p) => [p.name, p.ok, p.status])).toEqual([
        ['GET /index.html', true, 200],
        ['GET /missing.html', true, 404],
        [`send "line ${token}"`, true, null],
      ]);
      // The guest wrote through 9p into the host directory.
      expect(readFileSync(join(share, 'strings.txt'), 'utf8')).toBe(`line ${token}\n`);
    });

    it('a failing probe gives `probe-failed` with the reason, and still cleans up', async ({ expect }) => {
      const share = scratchDir('uklab-share-');
      writeFileSync(join(share, 'index.html'), 'something else\n');
      const r = await boot(expect, 'guest-bad', share, [
        { kind: 'http', guestPort: 80, path: '/index.html', bodyContains: 'not in the page' },
      ]);
      expect(r.outcome).toBe('probe-failed');
      expect(r.probes[0]!.ok).toBe(false);
      expect(r.probes[0]!.actual).toBe('something else\n');
      expect(r.reason).toMatch(/does not contain "not in the page"/);
    });
  },
);
