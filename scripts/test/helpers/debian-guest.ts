/**
 * Prepares, once and cached in `.cache/live-guest/`, a guest with a network stack for the 9p and network tests:
 * Debian's own kernel (`apt-get download`, unpacked with `dpkg -x`) and a busybox initramfs assembled here that mounts
 * the 9p share `fs0` on /mnt, serves it over HTTP on port 80 and stores-and-echoes lines on port 1234.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile, chmod, symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Runner } from '../../live/runner.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Console line the guest prints once both servers listen. */
export const GUEST_READY = 'UKLAB-GUEST-READY';

/** Modules the guest needs; their dependencies are found with `modinfo -F depends` and loaded first. */
const WANTED = ['virtio_pci', 'virtio_net', '9pnet_virtio', '9p'];

const INIT = `#!/bin/busybox sh
/bin/busybox --install -s /bin
mkdir -p /proc /sys /dev /mnt /tmp
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $(cat /modules/order); do insmod /modules/$m.ko || echo "UKLAB-GUEST: insmod $m failed"; done
mount -t 9p -o trans=virtio,version=9p2000.L fs0 /mnt || echo "UKLAB-GUEST: 9p mount failed"
ip link set lo up
ip link set eth0 up
ip addr add 10.0.2.15/24 dev eth0
ip route add default via 10.0.2.2
httpd -p 80 -h /mnt
# storestrings-like: each line received on 1234 is appended to strings.txt on the share and answered.
cat > /bin/store <<'X'
#!/bin/sh
while read -r line; do echo "$line" >> /mnt/strings.txt; echo "stored: $line"; done
X
chmod +x /bin/store
nc -ll -p 1234 -e /bin/store &
sleep 1
echo ${GUEST_READY}
while true; do sleep 3600; done
`;

/** Paths of the cached guest. */
export interface DebianGuest {
  kernel: string;
  initrd: string;
  /** Kernel command line the guest needs (serial console, quiet, reboot on panic so a failure ends the domain). */
  cmdline: string;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function must(runner: Runner, cmd: string, args: string[], what: string, timeoutMs = 300_000): Promise<string> {
  const r = await runner(cmd, args, { timeoutMs });
  if (r.code !== 0) throw new Error(`${what} failed: \`${cmd} ${args.join(' ')}\`\n${r.stderr.trim()}`);
  return r.stdout;
}

/** Returns the cached guest, building it first when missing (about a minute: download, unpack, initramfs). */
export async function prepareDebianGuest(
  runner: Runner,
  cacheDir = join(REPO, '.cache/live-guest'),
): Promise<DebianGuest> {
  await mkdir(cacheDir, { recursive: true });
  const key = createHash('sha256').update(INIT).update(WANTED.join(',')).digest('hex').slice(0, 12);
  const kernel = join(cacheDir, 'vmlinuz');
  const initrd = join(cacheDir, `initrd-${key}.gz`);
  const guest = { kernel, initrd, cmdline: 'console=ttyS0 quiet panic=-1' };
  if ((await exists(kernel)) && (await exists(initrd))) return guest;

  // The kernel package of the installed release that `linux-image-amd64` points at.
  let deb = (await readdir(cacheDir)).find((f) => /^linux-image-[0-9.]+-[0-9]+-amd64_.*\.deb$/.test(f));
  if (!deb) {
    const deps = await must(runner, 'apt-cache', ['depends', 'linux-image-amd64'], 'Finding the Debian kernel package');
    const pkg = /Depends: (linux-image-\S+-amd64)/.exec(deps)?.[1];
    if (!pkg) throw new Error('`apt-cache depends linux-image-amd64` names no kernel package; run `apt-get update`.');
    const r = await runner('sh', ['-c', 'cd "$1" && apt-get download "$2"', 'sh', cacheDir, pkg], {
      timeoutMs: 600_000,
    });
    deb = (await readdir(cacheDir)).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
    if (!deb) throw new Error(`\`apt-get download ${pkg}\` failed: ${r.stderr.trim()}`);
  }

  const work = await mkdtemp(join(cacheDir, 'build-'));
  try {
    const unpacked = join(work, 'deb');
    await must(runner, 'dpkg', ['-x', join(cacheDir, deb), unpacked], 'Unpacking the kernel package');
    const bootFiles = await readdir(join(unpacked, 'boot'));
    const vmlinuz = bootFiles.find((f) => f.startsWith('vmlinuz-'));
    if (!vmlinuz) throw new Error(`No vmlinuz in ${deb}.`);
    const release = vmlinuz.slice('vmlinuz-'.length);
    const modDir = join(unpacked, 'lib/modules', release);
    const paths = new Map<string, string>();
    for (const line of (await must(runner, 'find', [modDir, '-name', '*.ko'], 'Listing modules')).split('\n')) {
      if (line) paths.set(line.slice(line.lastIndexOf('/') + 1, -3).replace(/-/g, '_'), line);
    }
    // Dependencies before dependents, as `modinfo -F depends` tells.
    const order: string[] = [];
    const visit = async (name: string) => {
      if (order.includes(name)) return;
      const path = paths.get(name);
      if (!path) return; // built into the kernel
      const deps = (await must(runner, 'modinfo', ['-F', 'depends', path], 'Reading module dependencies')).trim();
      for (const d of deps.split(',').filter(Boolean)) await visit(d.replace(/-/g, '_'));
      order.push(name);
    };
    for (const m of WANTED) await visit(m);

    const root = join(work, 'root');
    for (const d of ['bin', 'modules', 'proc', 'sys', 'dev', 'mnt']) await mkdir(join(root, d), { recursive: true });
    await copyFile('/bin/busybox', join(root, 'bin/busybox'));
    await symlink('busybox', join(root, 'bin/sh'));
    for (const m of order) await copyFile(paths.get(m)!, join(root, 'modules', `${m}.ko`));
    await writeFile(join(root, 'modules/order'), order.join('\n') + '\n');
    await writeFile(join(root, 'init'), INIT);
    await chmod(join(root, 'init'), 0o755);
    const tmpInitrd = `${initrd}.tmp`;
    await must(
      runner,
      'sh',
      ['-c', 'cd "$1" && find . | cpio -o -H newc --quiet | gzip -1 > "$2"', 'sh', root, tmpInitrd],
      'Packing the initramfs',
    );
    await copyFile(join(unpacked, 'boot', vmlinuz), kernel);
    await copyFile(tmpInitrd, initrd);
    await rm(tmpInitrd, { force: true });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return guest;
}
