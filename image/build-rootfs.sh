#!/usr/bin/env bash
# Builds (or reuses) the base root file system: Debian bookworm arm64 with every package of
# image/packages.list, kernel and initramfs included, as a tarball in the cache folder keyed by
# the hash of what goes into it. Prints the tarball's path on stdout.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${COZY_IMAGE_CACHE:-/var/cache/cozybox-image}"
mkdir -p "$CACHE"

key="$(cat "$HERE/packages.list" "$HERE/build-rootfs.sh" "$HERE"/base/* | sha256sum | cut -c1-16)"
tarball="$CACHE/rootfs-$key.tar"
if [ -s "$tarball" ]; then
  echo "base root file system: cached $tarball" >&2
  echo "$tarball"
  exit 0
fi

packages="$(grep -v '^\s*#' "$HERE/packages.list" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')"
echo "base root file system: bootstrapping Debian bookworm arm64 (several minutes under emulation)" >&2
# The initramfs settings go in before the kernel's package runs update-initramfs.
rm -rf "$tarball.partial"
mmdebstrap --mode=root --format=tar --architectures=arm64 --variant=minbase \
  --components=main,non-free-firmware \
  --include="$packages" \
  --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --setup-hook='mkdir -p "$1/etc/initramfs-tools/conf.d" "$1/etc/initramfs-tools/hooks" "$1/boot/firmware"' \
  --setup-hook="cp '$HERE/base/initramfs.conf' \"\$1/etc/initramfs-tools/conf.d/cozy.conf\"" \
  --setup-hook="cp '$HERE/base/initramfs-modules' \"\$1/etc/initramfs-tools/cozy-modules\"" \
  --setup-hook="install -m 0755 '$HERE/base/initramfs-hook' \"\$1/etc/initramfs-tools/hooks/cozy-modules\"" \
  --customize-hook='rm -f "$1"/etc/ssh/ssh_host_*' \
  --customize-hook='chroot "$1" apt-get clean' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/*' \
  bookworm "$tarball.partial"
mv "$tarball.partial" "$tarball"
echo "$tarball"
