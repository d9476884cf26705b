/**
 * Boots one app as a transient libvirt domain and returns its live record. Tries KVM first and falls back to TCG;
 * whatever happens (success, timeout, crash, probe failure, abort), the domain is destroyed and its temp dir removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  LIVE_RECORD_VERSION,
  type LiveAttempt,
  type LiveDiagnosis,
  type LiveOutcome,
  type LiveProbeResult,
  type LiveRecord,
} from '../../model/live-record.ts';
import { stripAnsi } from './ansi.ts';
import { parseUnikraftVersion } from './banner.ts';
import { findExpected, truncateConsole } from './console-text.ts';
import { diagnoseConsole, diagnoseCreateError } from './diagnose.ts';
import { buildDomainXml, type PortForward } from './domain-xml.ts';
import { LiveError } from './errors.ts';
import { freeLoopbackPort } from './free-port.ts';
import type { ResolvedApp } from './load-manifest.ts';
import { runProbe } from './probes.ts';
import { createDomain, destroyDomain, domainState, firstLine, type VirshContext } from './virsh.ts';

export type Accelerator = 'kvm' | 'qemu';

/** Phases reported to the progress display. */
export type BootPhase = 'booting' | 'waiting' | 'probing' | 'cleaning up';

export interface BootOptions {
  ctx: VirshContext;
  /** Accelerators to try in order; default from `chooseAccelerators`. */
  accelerators?: Accelerator[];
  /** Aborting (Ctrl-C / SIGTERM) ends the boot early; clean-up still runs. */
  signal?: AbortSignal;
  /** Where the per-boot temp dir goes; default `os.tmpdir()`. */
  tmpRoot?: string;
  versions: { libvirt: string | null; qemu: string | null };
  onPhase?: (phase: BootPhase, accelerator: Accelerator) => void;
  /** How long each probe keeps retrying before it fails (default 20 000 ms). */
  probeDeadlineMs?: number;
  /** With another accelerator left to try, give up on a guest that prints nothing for this long (default 15 s):
   * nested KVM here starts guests that never print. */
  silentFallbackSeconds?: number;
  /** Milliseconds between console reads (default 50). */
  pollMs?: number;
}

/** `UNIKRAFTLAB_ACCEL=kvm|qemu` forces one; otherwise KVM first when `/dev/kvm` exists, then TCG. */
export async function chooseAccelerators(env: NodeJS.ProcessEnv = process.env): Promise<Accelerator[]> {
  const forced = env.UNIKRAFTLAB_ACCEL;
  if (forced === 'kvm' || forced === 'qemu') return [forced];
  if (forced)
    throw new LiveError(
      `\`UNIKRAFTLAB_ACCEL\` is \`${forced}\`.`,
      'Use `kvm`, `qemu` (TCG), or leave it unset to try KVM then TCG.',
    );
  try {
    await stat('/dev/kvm');
    return ['kvm', 'qemu'];
  } catch {
    return ['qemu'];
  }
}

/** sha256 and size of a file; a missing kernel is a `LiveError` that says which variable sets its path. */
export async function hashKernel(path: string, envName: string): Promise<{ sha256: string; sizeBytes: number }> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    throw new LiveError(
      `Kernel not found: \`${path}\`.`,
      `Build the app, then point \`${envName}\` (or the manifest's \`kernel\`) at the image.`,
    );
  }
  return { sha256: createHash('sha256').update(data).digest('hex'), sizeBytes: data.length };
}

/** Full kernel command line: options, then `--` and the app arguments when there are any. */
export function kernelCmdline(app: Pick<ResolvedApp, 'cmdline' | 'args'>): string {
  const args = app.args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a));
  return [app.cmdline, ...(args.length ? ['--', ...args] : [])].filter(Boolean).join(' ');
}

interface AttemptResult {
  outcome: LiveOutcome;
  reason: string | null;
  diagnoses: LiveDiagnosis[];
  raw: string;
  matched: string | null;
  timings: LiveRecord['timings'];
  probes: LiveProbeResult[];
}

/** Boots `app` and returns its record; throws `LiveError` only for problems found before any domain exists. */
export async function bootApp(app: ResolvedApp, options: BootOptions): Promise<LiveRecord> {
  const started = new Date();
  const envName = app.kernelFrom ?? `UNIKRAFTLAB_KERNEL_${app.name.toUpperCase().replace(/-/g, '_')}`;
  const kernel = await hashKernel(app.kernel, envName);
  if (app.initrd) await hashKernel(app.initrd, `apps.${app.name}.initrd`);
  for (const share of app.shares) {
    if (share.create) await mkdir(share.hostDir, { recursive: true });
    const s = await stat(share.hostDir).catch(() => null);
    if (!s?.isDirectory())
      throw new LiveError(
        `The 9p share of \`${app.name}\` is not a directory: \`${share.hostDir}\`.`,
        'Create it or fix `shares[].hostDir` in the manifest.',
      );
  }
  const accelerators = options.accelerators ?? (await chooseAccelerators());
  const cmdline = kernelCmdline(app);
  const attempts: LiveAttempt[] = [];
  let result: AttemptResult | undefined;
  let accelerator: Accelerator = accelerators[0] ?? 'qemu';
  for (const [i, acc] of accelerators.entries()) {
    accelerator = acc;
    result = await bootOnce(app, acc, cmdline, options, i < accelerators.length - 1);
    attempts.push({ accelerator: acc, outcome: result.outcome, reason: result.reason });
    // Anything but a clean result may be the accelerator's fault (nested KVM): try the next one.
    if (result.outcome === 'ok' || result.outcome === 'probe-failed' || result.outcome === 'interrupted') break;
  }
  if (!result) throw new LiveError('No accelerator to try.', 'Set `UNIKRAFTLAB_ACCEL` to `kvm` or `qemu`.');
  const { text, hadAnsi } = stripAnsi(result.raw);
  const kept = truncateConsole(text);
  return {
    recordVersion: LIVE_RECORD_VERSION,
    app: app.name,
    description: app.description,
    date: started.toISOString(),
    outcome: result.outcome,
    reason: result.reason,
    diagnoses: result.diagnoses,
    accelerator,
    attempts,
    kernel: { path: app.kernel, ...kernel },
    cmdline,
    memoryMiB: app.memoryMiB,
    vcpus: app.vcpus,
    unikraftVersion: parseUnikraftVersion(text),
    versions: options.versions,
    console: { text: kept.text, hadAnsi, truncated: kept.truncated },
    expect:
      'regex' in app.expect
        ? { kind: 'regex', value: app.expect.regex, matched: result.matched }
        : { kind: 'line', value: app.expect.line, matched: result.matched },
    timings: result.timings,
    probes: result.probes,
    related: app.related,
  };
}

async function bootOnce(
  app: ResolvedApp,
  acc: Accelerator,
  cmdline: string,
  options: BootOptions,
  canFallBack: boolean,
): Promise<AttemptResult> {
  const { ctx, signal } = options;
  const dir = await mkdtemp(join(options.tmpRoot ?? tmpdir(), `unikraftlab-live-${process.pid}-`));
  const name = `unikraftlab-${app.name}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const consolePath = join(dir, 'console.log');
  const xmlPath = join(dir, 'domain.xml');
  let createTried = false;
  const t0 = performance.now();
  const since = () => Math.round(performance.now() - t0);
  const timings: LiveRecord['timings'] = { createdMs: null, firstOutputMs: null, expectedMs: null, totalMs: 0 };
  const result = (outcome: LiveOutcome, reason: string | null, extra: Partial<AttemptResult> = {}): AttemptResult => ({
    outcome,
    reason,
    diagnoses: [],
    raw: '',
    matched: null,
    timings,
    probes: [],
    ...extra,
  });

  const start = async (): Promise<AttemptResult> => {
    // QEMU may run as another user (libvirt-qemu) on normal installs: let it into the dir to write the console.
    await chmod(dir, 0o755);
    const forwards: PortForward[] = [];
    for (const guestPort of app.forwards) forwards.push({ guestPort, hostPort: await freeLoopbackPort() });
    const xml = buildDomainXml({
      name,
      accelerator: acc,
      memoryMiB: app.memoryMiB,
      vcpus: app.vcpus,
      kernel: app.kernel,
      initrd: app.initrd,
      cmdline,
      consolePath,
      shares: app.shares,
      forwards,
    });
    await writeFile(xmlPath, xml);
    if (signal?.aborted) return result('interrupted', 'Interrupted before the domain was created.');

    options.onPhase?.('booting', acc);
    createTried = true;
    const created = await createDomain(ctx, xmlPath);
    if (created.code !== 0) {
      const d = diagnoseCreateError(created.stderr);
      return result('error', `\`virsh create\` failed (${acc}): ${firstLine(created.stderr)}`, {
        diagnoses: d ? [d] : [],
      });
    }
    timings.createdMs = since();
    options.onPhase?.('waiting', acc);
    const seen = await watchConsole(app, acc, { ctx, name, consolePath, signal, since, timings, canFallBack, options });
    if (seen.outcome !== 'expected') {
      return result(seen.outcome, seen.reason, { matched: seen.matched, diagnoses: seen.diagnoses });
    }
    return probeAll(app, forwards, options, acc, result, seen.matched, seen.diagnoses);
  };

  let attempt: AttemptResult;
  let raw = '';
  try {
    attempt = await start();
  } finally {
    options.onPhase?.('cleaning up', acc);
    if (createTried) await destroyDomain(ctx, name).catch(() => false);
    raw = await readFile(consolePath, 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    timings.totalMs = since();
  }
  // The console as it was when the domain was destroyed: later lines than the match are kept too.
  return { ...attempt, raw };
}

interface WatchContext {
  ctx: VirshContext;
  name: string;
  consolePath: string;
  signal: AbortSignal | undefined;
  since: () => number;
  timings: LiveRecord['timings'];
  canFallBack: boolean;
  options: BootOptions;
}

type Watched =
  | { outcome: 'expected'; reason: null; matched: string; diagnoses: LiveDiagnosis[] }
  | {
      outcome: Exclude<LiveOutcome, 'ok' | 'probe-failed'>;
      reason: string;
      matched: string | null;
      diagnoses: LiveDiagnosis[];
    };

/** Reads the console until the expected line, a known fatal line, the guest's end, silence, timeout or abort. */
async function watchConsole(app: ResolvedApp, acc: Accelerator, w: WatchContext): Promise<Watched> {
  const { timings, since } = w;
  const deadline = performance.now() + app.timeoutSeconds * 1000;
  const silentFor = w.options.silentFallbackSeconds ?? 15;
  let lastStateCheck = 0;
  for (;;) {
    // Silence is judged on the reads so far, before this one: output that shows up only after the budget ran out
    // came too late. The comparison is `>=` because times are whole milliseconds: the first check often comes in the
    // same millisecond as the domain's creation, and a budget of 0 must move on at once (the tests rely on it).
    if (w.canFallBack && timings.firstOutputMs === null && since() - (timings.createdMs ?? 0) >= silentFor * 1000) {
      const reason = `No console output within ${silentFor} s under ${acc}; trying the next accelerator.`;
      return { outcome: 'timeout', reason, matched: null, diagnoses: [] };
    }
    // Ask libvirt first, read after: a guest that printed its line and powered off in between is still seen.
    let ended: string | null | undefined;
    if (performance.now() - lastStateCheck > 500) {
      lastStateCheck = performance.now();
      const state = await domainState(w.ctx, w.name);
      if (state === null || state === 'shut off' || state === 'crashed') ended = state;
    }
    const raw = await readFile(w.consolePath, 'utf8').catch(() => '');
    if (raw.length > 0 && timings.firstOutputMs === null) timings.firstOutputMs = since();
    const text = stripAnsi(raw).text;
    const matched = findExpected(text, app.expect);
    const { diagnoses, fatal } = diagnoseConsole(text, acc);
    // A known fatal line decides even when the expected line shows up too: the boot did not go as it should.
    if (fatal) {
      return { outcome: 'failed', reason: diagnoses[0]?.message ?? 'Known failure.', matched, diagnoses };
    }
    if (matched !== null) {
      timings.expectedMs = since();
      return { outcome: 'expected', reason: null, matched, diagnoses };
    }
    if (ended !== undefined) {
      const reason =
        diagnoses[0]?.message ?? `The guest stopped (${ended ?? 'gone'}) before printing the expected line.`;
      return { outcome: diagnoses.length ? 'failed' : 'crashed', reason, matched, diagnoses };
    }
    if (w.signal?.aborted) {
      return { outcome: 'interrupted', reason: 'Interrupted while waiting for the expected line.', matched, diagnoses };
    }
    if (performance.now() > deadline) {
      const reason = `The expected console line did not appear within ${app.timeoutSeconds} s.`;
      return { outcome: 'timeout', reason, matched, diagnoses };
    }
    await new Promise((r) => setTimeout(r, w.options.pollMs ?? 50));
  }
}

async function probeAll(
  app: ResolvedApp,
  forwards: PortForward[],
  options: BootOptions,
  acc: Accelerator,
  result: (o: LiveOutcome, r: string | null, e?: Partial<AttemptResult>) => AttemptResult,
  matched: string,
  diagnoses: LiveDiagnosis[],
): Promise<AttemptResult> {
  if (app.probes.length) options.onPhase?.('probing', acc);
  const probes: LiveProbeResult[] = [];
  for (const probe of app.probes) {
    if (options.signal?.aborted)
      return result('interrupted', 'Interrupted while probing.', { matched, diagnoses, probes });
    const fwd = forwards.find((f) => f.guestPort === probe.guestPort);
    if (!fwd)
      throw new LiveError(
        `A probe of \`${app.name}\` targets guest port ${probe.guestPort}, which is not forwarded.`,
        'Add the port to `forwards` in the manifest.',
      );
    probes.push(await runProbe(probe, fwd.hostPort, options.probeDeadlineMs));
  }
  const failed = probes.filter((p) => !p.ok);
  if (failed.length)
    return result('probe-failed', `Probe \`${failed[0]!.name}\` failed: ${failed[0]!.error}`, {
      matched,
      diagnoses,
      probes,
    });
  return result('ok', null, { matched, diagnoses, probes });
}
