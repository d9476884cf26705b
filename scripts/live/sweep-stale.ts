/**
 * Removes what a killed run (SIGKILL, power loss) could not clean up: domains named `unikraftlab-<app>-<pid>-<hex>` and
 * temp dirs `unikraftlab-live-<pid>-*` whose process no longer exists. Runs of live processes are never touched.
 */
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { destroyDomain, listDomains, type VirshContext } from './virsh.ts';

const DOMAIN = /^unikraftlab-.+-(\d+)-[0-9a-f]{6}$/;
const TEMP = /^unikraftlab-live-(\d+)-/;

/** True when a process with this pid exists (signal 0 probes without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Destroys stale domains and deletes stale temp dirs; returns what it removed, for a one-line notice. */
export async function sweepStale(ctx: VirshContext, tmpRoot = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await listDomains(ctx)) {
    const pid = Number(DOMAIN.exec(name)?.[1]);
    if (pid && !alive(pid) && (await destroyDomain(ctx, name))) removed.push(name);
  }
  for (const entry of await readdir(tmpRoot).catch(() => [] as string[])) {
    const pid = Number(TEMP.exec(entry)?.[1]);
    if (pid && !alive(pid)) {
      await rm(join(tmpRoot, entry), { recursive: true, force: true });
      removed.push(join(tmpRoot, entry));
    }
  }
  return removed;
}
