#!/usr/bin/env bash
# Installs the Debian packages the tests use as oracles and real parts (pahole, gcc, libvirt + QEMU, Chromium,
# busybox for the test guest), then starts a libvirt daemon if none answers. Run as root on Debian 12; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
packages=(
  git gcc g++ make python3 binutils        # native addons (tree-sitter) and the test kernel
  dwarves                                  # pahole: struct layout oracle
  libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 libxml2-utils  # live boots
  busybox-static cpio kmod                 # the Debian-kernel + busybox test guest
  chromium fonts-noto-cjk                  # real-browser tests (CJK glyphs for the Chinese pages)
  doxygen graphviz                         # bench comparison only
)
# The package lists are refreshed even when everything is installed: the live tests `apt-get download` Debian's
# kernel for their test guest.
apt-get update -qq
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ -x scripts/start-libvirtd.sh ]; then
  bash scripts/start-libvirtd.sh
fi
