#!/usr/bin/env bash
# Host tools for `make image` / `make image-test` (Debian bookworm host, as root).
# Installs only what is missing, so a second run costs one dpkg query.
set -euo pipefail
PACKAGES=(
  mmdebstrap qemu-user-static binfmt-support arch-test   # bootstrap arm64 under emulation
  dosfstools mtools e2fsprogs fdisk parted xz-utils zstd # partitions and file systems without loop mounts
  qemu-system-arm qemu-utils ipxe-qemu                   # boot test (qemu-system-aarch64, TCG)
  smbclient avahi-utils avahi-daemon dbus dnsmasq-base   # image-test: real SMB and mDNS clients, DHCP on the test segment
  iproute2 curl jq openssl util-linux openssh-client
  ca-certificates
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# arm64 binaries run through qemu-user: register binfmt handlers (a container may lack the mount).
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  update-binfmts --enable qemu-aarch64 || update-binfmts --import qemu-aarch64
fi
