import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDomainXml, type DomainSpec } from '../live/domain-xml.ts';
import { scratchDir } from './helpers/scratch.ts';

const nasty = `it's "quoted" & <tagged>`;
const spec: DomainSpec = {
  name: `unikraftlab-${nasty}`,
  accelerator: 'qemu',
  memoryMiB: 64,
  vcpus: 2,
  kernel: `/tmp/${nasty}/kernel`,
  initrd: `/tmp/${nasty}/initrd`,
  cmdline: `vfs.fstab=fs0:/:9pfs -- "${nasty}"`,
  consolePath: `/tmp/${nasty}/console.log`,
  shares: [{ hostDir: `/srv/${nasty}`, tag: 'fs0', readonly: true }],
  forwards: [
    { hostPort: 40001, guestPort: 80 },
    { hostPort: 40002, guestPort: 1234 },
  ],
};

const hasValidator = spawnSync('virt-xml-validate', ['--help']).error === undefined;
const dir = scratchDir('uklab-xml-');

/** Reads one XPath value back with xmllint: what libvirt's own XML parser would see. */
function xpath(xml: string, expr: string): string {
  const file = join(dir, 'x.xml');
  writeFileSync(file, xml);
  return execFileSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8' }).replace(/\n$/, '');
}

describe('buildDomainXml', () => {
  const xml = buildDomainXml(spec);

  it('keeps quotes, & and < in names and paths intact (escaped, not concatenated)', () => {
    expect(xpath(xml, 'string(/domain/name)')).toBe(spec.name);
    expect(xpath(xml, 'string(/domain/os/kernel)')).toBe(spec.kernel);
    expect(xpath(xml, 'string(/domain/os/cmdline)')).toBe(spec.cmdline);
    expect(xpath(xml, 'string(/domain/devices/serial/source/@path)')).toBe(spec.consolePath);
    expect(xpath(xml, 'string(/domain/devices/filesystem/source/@dir)')).toBe(spec.shares[0]!.hostDir);
  });

  it('forwards only loopback ports, on a PCI slot away from the 9p device', () => {
    const args = [...xml.matchAll(/qemu:arg value="([^"]*)"/g)].map((m) => m[1]);
    expect(args).toEqual([
      '-netdev',
      'user,id=uklnet0,restrict=on,hostfwd=tcp:127.0.0.1:40001-:80,hostfwd=tcp:127.0.0.1:40002-:1234',
      '-device',
      'virtio-net-pci,netdev=uklnet0,addr=0x10',
    ]);
  });

  it('has no network at all without forwards, and picks the domain type from the accelerator', () => {
    const plain = buildDomainXml({ ...spec, accelerator: 'kvm', forwards: [], shares: [] });
    expect(plain).not.toContain('qemu:commandline');
    expect(xpath(plain, 'string(/domain/@type)')).toBe('kvm');
    expect(xpath(xml, 'string(/domain/@type)')).toBe('qemu');
  });

  it.skipIf(!hasValidator)('is valid against libvirt’s schema (virt-xml-validate)', () => {
    for (const variant of [
      spec,
      { ...spec, accelerator: 'kvm' as const, forwards: [], shares: [], initrd: undefined },
    ]) {
      const file = join(dir, 'domain.xml');
      writeFileSync(file, buildDomainXml(variant));
      const r = spawnSync('virt-xml-validate', [file, 'domain'], { encoding: 'utf8' });
      expect(r.stderr + r.stdout).toContain('validates');
      expect(r.status).toBe(0);
    }
  });

  it.skipIf(!hasValidator)('the validator does reject a broken domain (the check can fail)', () => {
    const file = join(dir, 'bad.xml');
    writeFileSync(file, buildDomainXml(spec).replace('<vcpu>2</vcpu>', '<vcpu>two</vcpu>'));
    expect(spawnSync('virt-xml-validate', [file, 'domain']).status).not.toBe(0);
  });
});
