import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLiveRecord } from '../../model/live-record.ts';
import { bootApp, type BootOptions } from '../live/boot-app.ts';
import { execRunner, type Runner } from '../live/runner.ts';
import { defaultUri, libvirtVersions, listDomains } from '../live/virsh.ts';
import { libvirtUnavailable } from './helpers/libvirt.ts';
import { testKernelApp } from './helpers/test-kernel-app.ts';
import { scratchDir } from './helpers/scratch.ts';

const unavailable = await libvirtUnavailable();
if (unavailable) console.warn(`skipping libvirt boot tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('booting the test kernel through libvirt', () => {
  const ctx = { runner: execRunner, uri: defaultUri() };

  async function boot(overrides: Parameters<typeof testKernelApp>[0], options: Partial<BootOptions> = {}) {
    const tmpRoot = scratchDir('uklab-boot-');
    const app = await testKernelApp(overrides);
    const record = await bootApp(app, {
      ctx,
      accelerators: ['qemu'],
      tmpRoot,
      versions: await libvirtVersions(ctx),
      ...options,
    });
    // Nothing may be left: no domain of this process, no temp dir.
    const mine = (await listDomains(ctx)).filter((d) => d.startsWith(`unikraftlab-${app.name}-${process.pid}-`));
    expect(mine).toEqual([]);
    expect(readdirSync(tmpRoot)).toEqual([]);
    return parseLiveRecord(record);
  }

  it('boots, captures the console with the command line, sees the expected line, and cleans up', async () => {
    const r = await boot({ args: ['hello', `it's "quoted" & <tagged>`] });
    expect(r.outcome).toBe('ok');
    expect(r.accelerator).toBe('qemu');
    expect(r.console.text).toContain('UnikraftLab test kernel: hello from the serial port');
    expect(r.console.text).toContain(`uklab.test=1 -- hello "it's \\"quoted\\" & <tagged>"`);
    expect(r.expect.matched).toBe('test kernel: halting');
    expect(r.kernel.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.versions.libvirt).toMatch(/^\d+\.\d+/);
    const t = r.timings;
    expect(t.createdMs).not.toBeNull();
    expect(t.firstOutputMs!).toBeGreaterThanOrEqual(t.createdMs!);
    expect(t.expectedMs!).toBeGreaterThanOrEqual(t.firstOutputMs!);
    expect(t.totalMs).toBeGreaterThanOrEqual(t.expectedMs!);
  });

  it('a bad expected line times out and leaves no domain behind', async () => {
    const r = await boot({ expect: { line: 'this line is never printed' }, timeoutSeconds: 2 });
    expect(r.outcome).toBe('timeout');
    expect(r.reason).toMatch(/within 2 s/);
    expect(r.console.text).toContain('test kernel: halting');
  });

  it('a guest that crashes (triple fault) is reported as crashed and cleaned up', async () => {
    const r = await boot({ cmdline: 'uklab.crash', timeoutSeconds: 30 });
    expect(r.outcome).toBe('crashed');
    expect(r.console.text).toContain('crashing on purpose');
  });

  it('a known failure on the console stops the wait and is explained (HWRNG under TCG)', async () => {
    // The test kernel echoes its command line, so the failure line reaches the console for real.
    const r = await boot({ cmdline: 'Could not initialize the HWRNG (-95)', timeoutSeconds: 30 });
    expect(r.outcome).toBe('failed');
    expect(r.diagnoses.map((d) => d.id)).toEqual(['tcg-hwrng']);
    expect(r.timings.totalMs).toBeLessThan(30_000);
  });

  it('falls back from KVM to TCG when KVM cannot start the guest, and records both attempts', async () => {
    // Fail only KVM starts, the way nested KVM does here; the TCG boot that follows is real.
    const kvmFails: Runner = async (cmd, args, o) => {
      if (cmd === 'virsh' && args.includes('create')) {
        const { readFileSync } = await import('node:fs');
        if (readFileSync(args[args.length - 1]!, 'utf8').includes('type="kvm"')) {
          return { code: 1, stdout: '', stderr: 'error: qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69' };
        }
      }
      return execRunner(cmd, args, o);
    };
    const r = await boot({}, { accelerators: ['kvm', 'qemu'], ctx: { runner: kvmFails, uri: defaultUri() } });
    expect(r.outcome).toBe('ok');
    expect(r.accelerator).toBe('qemu');
    expect(r.attempts.map((a) => [a.accelerator, a.outcome])).toEqual([
      ['kvm', 'error'],
      ['qemu', 'ok'],
    ]);
    expect(r.attempts[0]!.reason).toMatch(/failed to set MSR/);
  });

  it('gives up on a silent guest when another accelerator is left (nested KVM prints nothing), then boots', async () => {
    // Two TCG attempts stand in for KVM then TCG; a zero silence budget makes the first one give up before any output.
    const r = await boot({}, { accelerators: ['qemu', 'qemu'], silentFallbackSeconds: 0 });
    expect(r.attempts.map((a) => a.outcome)).toEqual(['timeout', 'ok']);
    expect(r.attempts[0]!.reason).toMatch(/No console output within 0 s/);
    expect(r.outcome).toBe('ok');
  });

  it('an abort while waiting ends the boot as interrupted and still cleans up', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const r = await boot({ expect: { line: 'never' }, timeoutSeconds: 60 }, { signal: controller.signal });
    expect(r.outcome).toBe('interrupted');
    expect(r.timings.totalMs).toBeLessThan(20_000);
  });
});
