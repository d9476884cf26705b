/**
 * A live record: what one app printed when `npm run live` booted it under libvirt (`content/live/<app>.json`).
 * `scripts/live/` writes it, the site renders it; both go through this schema so neither can drift.
 */
import { z } from 'zod';

/** Bump on any change that a reader of an older record could misread. */
export const LIVE_RECORD_VERSION = 1;

/** How a run ended: `ok` only when the expected line appeared and every probe passed. */
export const LiveOutcome = z.enum([
  /** Expected console line seen, all probes passed. */
  'ok',
  /** The guest printed a known failure (see `diagnoses`) or the boot failed otherwise. */
  'failed',
  /** The expected line did not appear before the app's timeout. */
  'timeout',
  /** The expected line appeared but at least one probe failed. */
  'probe-failed',
  /** The guest shut off or crashed before the expected line. */
  'crashed',
  /** The run was stopped by Ctrl-C / SIGTERM. */
  'interrupted',
  /** libvirt or QEMU could not start the domain at all (see `reason`). */
  'error',
]);

/** Result of one probe run after boot (TCP line exchange or HTTP GET through a loopback port forward). */
export const LiveProbeResult = z.object({
  kind: z.enum(['tcp', 'http']),
  /** Short label for display, e.g. `GET /` or `send "hello"`. */
  name: z.string(),
  /** Guest port the probe targeted (the host side is a free loopback port chosen at run time). */
  guestPort: z.number().int().positive(),
  ok: z.boolean(),
  /** What the probe expected: reply text for TCP, `200 …body text…` for HTTP. */
  expected: z.string(),
  /** What actually came back (truncated), or null when nothing did. */
  actual: z.string().nullable(),
  /** HTTP status when `kind` is `http`. */
  status: z.number().int().nullable(),
  /** Why it failed, in one sentence, or null. */
  error: z.string().nullable(),
  durationMs: z.number().nonnegative(),
});

/** A known failure recognised in the console or in libvirt's error, with the fix. */
export const LiveDiagnosis = z.object({
  /** Stable id, e.g. `tcg-hwrng`, `kernel-not-found`, `libvirtd-down`. */
  id: z.string(),
  /** The console or error line that matched. */
  evidence: z.string(),
  /** What it means and how to fix it. */
  message: z.string(),
});

/** One attempt at an accelerator; a run that fell back from `kvm` to `qemu` (TCG) has two. */
export const LiveAttempt = z.object({
  accelerator: z.enum(['kvm', 'qemu']),
  outcome: LiveOutcome,
  /** Why this attempt did not count, e.g. the QEMU error of a failed KVM start. Null for the final one when ok. */
  reason: z.string().nullable(),
});

export const LiveRecord = z.object({
  recordVersion: z.literal(LIVE_RECORD_VERSION),
  /** App name from the manifest (`helloworld`, `storestrings`, …). */
  app: z.string(),
  /** One-line description from the manifest. */
  description: z.string(),
  /** ISO 8601 time the run started. */
  date: z.string(),
  outcome: LiveOutcome,
  /** One sentence saying why the outcome is not `ok`, or null. */
  reason: z.string().nullable(),
  diagnoses: z.array(LiveDiagnosis),
  /** Accelerator of the attempt this record reports (`qemu` means TCG). */
  accelerator: z.enum(['kvm', 'qemu']),
  attempts: z.array(LiveAttempt),
  kernel: z.object({
    /** Path as the manifest resolved it (may be outside the repo; shown for reference only). */
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    sizeBytes: z.number().int().nonnegative(),
  }),
  /** Full kernel command line given to the guest (Unikraft options, then `--` and app arguments). */
  cmdline: z.string(),
  memoryMiB: z.number().int().positive(),
  vcpus: z.number().int().positive(),
  /** Unikraft version parsed from the boot banner (e.g. `0.17.0~eaf6fda1`), null when the banner has none. */
  unikraftVersion: z.string().nullable(),
  versions: z.object({
    /** `virsh version`'s library and daemon versions, QEMU's own; null when not reported. */
    libvirt: z.string().nullable(),
    qemu: z.string().nullable(),
  }),
  console: z.object({
    /** Serial console output with ANSI escape sequences removed and `\r\n` made `\n`. */
    text: z.string(),
    /** True when the console had ANSI sequences (colour) that `text` dropped. */
    hadAnsi: z.boolean(),
    /** True when `text` was cut to the record's size limit (the end is kept). */
    truncated: z.boolean(),
  }),
  expect: z.object({
    kind: z.enum(['line', 'regex']),
    value: z.string(),
    /** The console line that matched, or null. */
    matched: z.string().nullable(),
  }),
  /** Milliseconds from the start of `virsh create` (the define+start of a transient domain); null when not reached. */
  timings: z.object({
    /** `virsh create` returned: the domain is running. */
    createdMs: z.number().nonnegative().nullable(),
    /** First byte on the serial console. */
    firstOutputMs: z.number().nonnegative().nullable(),
    /** The expected line appeared. */
    expectedMs: z.number().nonnegative().nullable(),
    /** Probes finished and the domain was destroyed. */
    totalMs: z.number().nonnegative(),
  }),
  probes: z.array(LiveProbeResult),
  /** Libraries and symbols whose pages show this record. */
  related: z.object({
    libraries: z.array(z.string()),
    symbols: z.array(z.string()),
  }),
});

export type LiveOutcome = z.infer<typeof LiveOutcome>;
export type LiveProbeResult = z.infer<typeof LiveProbeResult>;
export type LiveDiagnosis = z.infer<typeof LiveDiagnosis>;
export type LiveAttempt = z.infer<typeof LiveAttempt>;
export type LiveRecord = z.infer<typeof LiveRecord>;

/** Raised when a live record is not JSON or does not match the schema; says how to regenerate it. */
export class LiveRecordError extends Error {
  override name = 'LiveRecordError';
}

/** Validates parsed JSON as a live record; the error names the first offending fields. */
export function parseLiveRecord(data: unknown, origin = 'live record'): LiveRecord {
  const result = LiveRecord.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((i) => `  \`${i.path.join('.')}\`: ${i.message}`)
      .join('\n');
    throw new LiveRecordError(
      `${origin} does not match the live record schema:\n${issues}\nHint: regenerate it with \`npm run live -- <app>\`.`,
    );
  }
  return result.data;
}

/** Reads every `*.json` live record in a directory (e.g. `content/live`), sorted by app; [] when the directory is missing. */
export async function readLiveRecords(dir: string): Promise<LiveRecord[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const records: LiveRecord[] = [];
  for (const name of names) {
    const path = `${dir}/${name}`;
    let data: unknown;
    try {
      data = JSON.parse(await readFile(path, 'utf8'));
    } catch (e) {
      throw new LiveRecordError(`\`${path}\` is not JSON: ${(e as Error).message}`);
    }
    records.push(parseLiveRecord(data, `\`${path}\``));
  }
  return records.sort((a, b) => a.app.localeCompare(b.app));
}
