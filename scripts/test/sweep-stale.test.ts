import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDomainXml } from '../live/domain-xml.ts';
import { execRunner } from '../live/runner.ts';
import { sweepStale } from '../live/sweep-stale.ts';
import { createDomain, defaultUri, destroyDomain, listDomains } from '../live/virsh.ts';
import { libvirtUnavailable } from './helpers/libvirt.ts';
import { scratchDir } from './helpers/scratch.ts';
import { testKernelApp } from './helpers/test-kernel-app.ts';

const unavailable = await libvirtUnavailable();
if (unavailable) console.warn(`skipping the stale-run sweep test: ${unavailable}`);

describe.skipIf(unavailable !== null)('sweepStale', () => {
  const ctx = { runner: execRunner, uri: defaultUri() };

  it('removes the domain and temp dir of a killed run, and leaves a live run alone', async () => {
    const deadPid = spawnSync('true').pid!; // exited: nobody owns this pid now
    const kernel = (await testKernelApp()).kernel;
    const tmpRoot = scratchDir('uklab-sweep-');
    const start = async (pid: number) => {
      const name = `unikraftlab-sweep-test-${pid}-${Math.random().toString(16).slice(2, 8).padEnd(6, '0')}`;
      const dir = join(tmpRoot, `unikraftlab-live-${pid}-x`);
      mkdirSync(dir, { recursive: true });
      const xml = join(dir, 'domain.xml');
      const spec = { name, accelerator: 'qemu' as const, memoryMiB: 32, vcpus: 1, kernel, cmdline: '' };
      writeFileSync(xml, buildDomainXml({ ...spec, consolePath: join(dir, 'console.log'), shares: [], forwards: [] }));
      expect((await createDomain(ctx, xml)).code).toBe(0);
      return { name, dir };
    };
    const dead = await start(deadPid);
    const live = await start(process.pid);
    try {
      const removed = await sweepStale(ctx, tmpRoot);
      // The dir is only under this test's root; the domain may also be swept by a CLI test running in parallel.
      expect(removed).toContain(dead.dir);
      expect(removed).not.toContain(live.name);
      expect(removed).not.toContain(live.dir);
      const domains = await listDomains(ctx);
      expect(domains).not.toContain(dead.name);
      expect(domains).toContain(live.name);
      expect(existsSync(dead.dir)).toBe(false);
      expect(existsSync(live.dir)).toBe(true);
    } finally {
      await destroyDomain(ctx, live.name);
      await destroyDomain(ctx, dead.name);
    }
  });
});
