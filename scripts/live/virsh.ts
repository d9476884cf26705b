/** Thin wrappers over `virsh -c URI …`: create/destroy a transient domain, its state, versions, the domain list. */
import type { Runner, RunResult } from './runner.ts';
import { ExitCodes, LiveError } from './errors.ts';

/** How to reach libvirt: the runner that runs `virsh` and the connection URI. */
export interface VirshContext {
  runner: Runner;
  uri: string;
}

/** `LIBVIRT_DEFAULT_URI`, else `qemu:///system`. */
export function defaultUri(env: NodeJS.ProcessEnv = process.env): string {
  return env.LIBVIRT_DEFAULT_URI || 'qemu:///system';
}

/** Runs `virsh -c URI args`; a missing `virsh` becomes a `LiveError` that says which package to install. */
export async function virsh(ctx: VirshContext, args: string[], timeoutMs = 60_000): Promise<RunResult> {
  try {
    return await ctx.runner('virsh', ['-q', '-c', ctx.uri, ...args], { timeoutMs });
  } catch {
    throw new LiveError(
      '`virsh` was not found.',
      'Install it: `apt-get install libvirt-clients` (Debian) or your distribution’s libvirt client.',
      ExitCodes.noLibvirt,
    );
  }
}

/** Libvirt and QEMU versions as `virsh version` reports them; throws a `LiveError` with a fix when libvirtd does not answer. */
export async function libvirtVersions(ctx: VirshContext): Promise<{ libvirt: string | null; qemu: string | null }> {
  const r = await virsh(ctx, ['version'], 15_000);
  if (r.code !== 0) {
    throw new LiveError(
      `libvirt does not answer on \`${ctx.uri}\`: ${firstLine(r.stderr)}`,
      'Start the daemon: `sudo systemctl start libvirtd` on a systemd machine, or `sudo scripts/start-libvirtd.sh` without systemd (containers, CI). Or set `LIBVIRT_DEFAULT_URI`.',
      ExitCodes.noLibvirt,
    );
  }
  const lib = /Using library: libvirt (\S+)/.exec(r.stdout)?.[1] ?? null;
  const qemu = /Running hypervisor: QEMU (\S+)/.exec(r.stdout)?.[1] ?? null;
  return { libvirt: lib, qemu };
}

/** Starts a transient domain from an XML file (`virsh create`): nothing is defined persistently. */
export async function createDomain(ctx: VirshContext, xmlPath: string): Promise<RunResult> {
  return virsh(ctx, ['create', xmlPath], 60_000);
}

/** Destroys a domain; a domain that is already gone is not an error. Returns true when it is gone afterwards. */
export async function destroyDomain(ctx: VirshContext, name: string): Promise<boolean> {
  const r = await virsh(ctx, ['destroy', name], 30_000);
  if (r.code === 0) return true;
  return (await domainState(ctx, name)) === null;
}

/** `running`, `shut off`, `crashed`, … or null when libvirt no longer knows the domain (a transient one that ended). */
export async function domainState(ctx: VirshContext, name: string): Promise<string | null> {
  const r = await virsh(ctx, ['domstate', name], 15_000);
  if (r.code !== 0) return null;
  return r.stdout.trim() || null;
}

/** Names of every domain libvirt knows on this connection, running or not. */
export async function listDomains(ctx: VirshContext): Promise<string[]> {
  const r = await virsh(ctx, ['list', '--all', '--name'], 15_000);
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** First non-empty line of a message, without virsh's `error: ` prefix. */
export function firstLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^error:\s*/, '').trim())
    .filter(Boolean);
  return lines.join(' ').slice(0, 500);
}
