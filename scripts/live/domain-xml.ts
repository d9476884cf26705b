/**
 * Builds the libvirt domain XML of one boot with xmlbuilder2 (never by string concatenation, so quotes, `&` and `<`
 * in names and paths are escaped). The result validates against libvirt's schema (`virt-xml-validate FILE domain`).
 */
import { create } from 'xmlbuilder2';

const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';

/** A host port on 127.0.0.1 forwarded to a guest TCP port through QEMU's user-mode networking. */
export interface PortForward {
  hostPort: number;
  guestPort: number;
}

/** Everything one domain needs; paths are absolute. */
export interface DomainSpec {
  /** Unique domain name, e.g. `unikraftlab-helloworld-1234-ab12`. */
  name: string;
  /** `kvm` or `qemu` (TCG). */
  accelerator: 'kvm' | 'qemu';
  memoryMiB: number;
  vcpus: number;
  kernel: string;
  initrd?: string | undefined;
  cmdline: string;
  /** File the serial console (COM1) is written to. */
  consolePath: string;
  shares: { hostDir: string; tag: string; readonly: boolean }[];
  /** Empty: no network device at all. */
  forwards: PortForward[];
}

/** PCI slot of the user-mode NIC: libvirt puts the first 9p device at slot 2, so pick one it leaves alone. */
const NIC_PCI_ADDR = '0x10';

/** Returns the domain XML document as a string. */
export function buildDomainXml(spec: DomainSpec): string {
  const doc = create({ version: '1.0' });
  const domain = doc.ele('domain', { type: spec.accelerator, 'xmlns:qemu': QEMU_NS });
  domain.ele('name').txt(spec.name);
  domain.ele('memory', { unit: 'MiB' }).txt(String(spec.memoryMiB));
  domain.ele('vcpu').txt(String(spec.vcpus));

  const os = domain.ele('os');
  os.ele('type', { arch: 'x86_64', machine: 'pc' }).txt('hvm');
  os.ele('kernel').txt(spec.kernel);
  if (spec.initrd) os.ele('initrd').txt(spec.initrd);
  os.ele('cmdline').txt(spec.cmdline);

  domain.ele('features').ele('acpi');
  // KVM: the host CPU as is; TCG: every feature QEMU can emulate (Unikraft wants more than the default qemu64).
  if (spec.accelerator === 'qemu') domain.ele('cpu', { mode: 'maximum' });
  // Nothing of a run may outlive it: a guest that powers off, reboots or crashes is gone.
  domain.ele('on_poweroff').txt('destroy');
  domain.ele('on_reboot').txt('destroy');
  domain.ele('on_crash').txt('destroy');

  const devices = domain.ele('devices');
  const serial = devices.ele('serial', { type: 'file' });
  serial.ele('source', { path: spec.consolePath });
  serial.ele('target', { port: '0' });
  for (const share of spec.shares) {
    const fs = devices.ele('filesystem', { type: 'mount', accessmode: 'passthrough' });
    fs.ele('source', { dir: share.hostDir });
    fs.ele('target', { dir: share.tag });
    if (share.readonly) fs.ele('readonly');
  }
  devices.ele('controller', { type: 'usb', model: 'none' });
  devices.ele('memballoon', { model: 'none' });

  if (spec.forwards.length > 0) {
    // libvirt 9.0 has no passt backend and `<interface type='user'>` cannot forward ports: pass QEMU's own options.
    // `restrict=on` keeps the guest off the host's networks; only the loopback forwards below reach it.
    const hostfwd = spec.forwards.map((f) => `hostfwd=tcp:127.0.0.1:${f.hostPort}-:${f.guestPort}`).join(',');
    const cmd = domain.ele(QEMU_NS, 'qemu:commandline');
    for (const arg of [
      '-netdev',
      `user,id=uklnet0,restrict=on,${hostfwd}`,
      '-device',
      `virtio-net-pci,netdev=uklnet0,addr=${NIC_PCI_ADDR}`,
    ]) {
      cmd.ele(QEMU_NS, 'qemu:arg', { value: arg });
    }
  }
  return doc.end({ prettyPrint: true });
}
