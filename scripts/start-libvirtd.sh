#!/bin/sh
# Starts virtlogd + libvirtd on a machine without systemd (containers, CI), so `virsh -c qemu:///system` answers.
# Idempotent: safe to run when the daemons already run. Users with a normal libvirt install (systemd) do not need it:
# `sudo systemctl start libvirtd` (or virtqemud) does the same there. Needs root.
set -eu

URI=qemu:///system
WAIT_SECONDS=${WAIT_SECONDS:-30}

if [ "$(id -u)" != 0 ]; then
  echo "start-libvirtd.sh: run as root (it writes /etc/libvirt/qemu.conf and starts system daemons)." >&2
  exit 2
fi
for bin in libvirtd virtlogd virsh; do
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "start-libvirtd.sh: \`$bin\` not found. Install it: apt-get install -y --no-install-recommends libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86" >&2
    exit 2
  fi
done

if virsh -c "$URI" version >/dev/null 2>&1; then
  echo "libvirtd already answers on $URI"
  exit 0
fi

# libvirtd resolves the default QEMU user before it reads qemu.conf; without this user its QEMU driver does not load.
getent group libvirt-qemu >/dev/null 2>&1 || groupadd --system libvirt-qemu
getent passwd libvirt-qemu >/dev/null 2>&1 ||
  useradd --system --gid libvirt-qemu --home-dir /var/lib/libvirt --no-create-home --shell /usr/sbin/nologin libvirt-qemu

# QEMU runs as root without a security driver: there is no AppArmor/SELinux profile handling in a container.
mkdir -p /etc/libvirt /var/log/libvirt /var/run/libvirt /var/lib/libvirt/qemu /var/cache/libvirt
conf=/etc/libvirt/qemu.conf
touch "$conf"
set_opt() {
  # set_opt KEY VALUE: replace an existing (possibly commented) `KEY = …` line, else append one.
  if grep -Eq "^[[:space:]]*$1[[:space:]]*=" "$conf"; then
    sed -i -E "s|^[[:space:]]*$1[[:space:]]*=.*|$1 = $2|" "$conf"
  else
    printf '%s = %s\n' "$1" "$2" >>"$conf"
  fi
}
set_opt user '"root"'
set_opt group '"root"'
set_opt security_driver '"none"'

pgrep -x virtlogd >/dev/null 2>&1 || virtlogd -d
pgrep -x libvirtd >/dev/null 2>&1 || libvirtd -d

i=0
while ! virsh -c "$URI" version >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -gt "$WAIT_SECONDS" ]; then
    echo "start-libvirtd.sh: libvirtd did not answer on $URI within ${WAIT_SECONDS}s; see /var/log/libvirt/libvirtd.log" >&2
    exit 1
  fi
  sleep 1
done
echo "libvirtd answers on $URI"
