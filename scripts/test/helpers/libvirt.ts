/** Whether a libvirt daemon answers, so tests that boot guests can skip with a clear message when none does. */
import { execRunner } from '../../live/runner.ts';
import { defaultUri } from '../../live/virsh.ts';

/** Null when `virsh version` answers on the default URI, else why not (for the skip message). */
export async function libvirtUnavailable(): Promise<string | null> {
  const uri = defaultUri();
  try {
    const r = await execRunner('virsh', ['-c', uri, 'version'], { timeoutMs: 15_000 });
    if (r.code === 0) return null;
    return `libvirt does not answer on ${uri} (start it with \`sudo scripts/start-libvirtd.sh\`): ${r.stderr.trim()}`;
  } catch {
    return '`virsh` is not installed (apt-get install libvirt-clients libvirt-daemon-driver-qemu qemu-system-x86)';
  }
}
