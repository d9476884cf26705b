/** Known failures recognised on the console, each with what it means and how to fix it. */
import type { LiveDiagnosis } from '../../model/live-record.ts';

interface KnownFailure {
  id: string;
  pattern: RegExp;
  /** True when the guest cannot go on after this line: stop waiting at once. */
  fatal: boolean;
  message: (accelerator: 'kvm' | 'qemu') => string;
}

const KNOWN: KnownFailure[] = [
  {
    id: 'tcg-hwrng',
    pattern: /Could not initialize the HWRNG/,
    fatal: true,
    message: (acc) =>
      acc === 'qemu'
        ? 'The kernel requires a hardware RNG (RDRAND/RDSEED) and TCG has no RDSEED. Rebuild without libukrandom’s HWRNG requirement, or run with KVM.'
        : 'The kernel requires a hardware RNG (RDRAND/RDSEED) that this CPU does not offer. Rebuild without libukrandom’s HWRNG requirement.',
  },
  {
    id: 'unikraft-crash',
    pattern: /\bCRIT:.*(?:Crash|crash|Unhandled|panic)|Crashing\b/,
    fatal: true,
    message: () => 'The kernel crashed (a CRIT message on the console); see the console text for the trap and address.',
  },
  {
    id: 'no-9p-mount',
    pattern: /Failed to mount .*9p|mount.*(?:ENOENT|failed).*9p/i,
    fatal: false,
    message: () =>
      'The 9p share did not mount: check that the manifest’s share `tag` matches the kernel’s `vfs.fstab` / mount tag.',
  },
  {
    id: 'kernel-panic',
    pattern: /Kernel panic - not syncing/,
    fatal: true,
    message: () => 'The guest kernel panicked; see the console text.',
  },
];

/** Every known failure whose pattern appears in `text`; `fatal` says whether to stop waiting. */
export function diagnoseConsole(
  text: string,
  accelerator: 'kvm' | 'qemu',
): { diagnoses: LiveDiagnosis[]; fatal: boolean } {
  const diagnoses: LiveDiagnosis[] = [];
  let fatal = false;
  for (const k of KNOWN) {
    const line = text.split('\n').find((l) => k.pattern.test(l));
    if (line === undefined) continue;
    diagnoses.push({ id: k.id, evidence: line.trim().slice(0, 300), message: k.message(accelerator) });
    fatal ||= k.fatal;
  }
  return { diagnoses, fatal };
}

/** Explains a failed `virsh create` when the cause is known (nested KVM, missing /dev/kvm, unreadable kernel). */
export function diagnoseCreateError(stderr: string): LiveDiagnosis | null {
  const evidence = stderr.trim().slice(0, 300);
  if (/failed to set MSR|KVM_SET_MSRS|triple fault/i.test(stderr)) {
    return {
      id: 'nested-kvm',
      evidence,
      message: 'KVM cannot run this guest here (nested virtualisation); the run falls back to TCG.',
    };
  }
  if (/\/dev\/kvm|KVM is not available|domain type 'kvm'|no accelerator found|kvm.*not supported/i.test(stderr)) {
    return { id: 'no-kvm', evidence, message: 'KVM is not available on this host; the run uses TCG.' };
  }
  if (/No such file|Permission denied|could not load kernel|Could not open/i.test(stderr)) {
    return {
      id: 'kernel-unreadable',
      evidence,
      message: 'QEMU could not read the kernel or initrd: check the path and that the QEMU user may read it.',
    };
  }
  return null;
}
