#!/usr/bin/env bash
# Builds image/out/cozybox-<version>-rpi-arm64.img.xz (+ .sha256, + .manifest.txt) from the cached
# base root file system (build-rootfs.sh), the appliance (stage-appliance.sh) and the shared
# provisioning (provision/). No loop devices or mounts: each file system is made from a folder
# (mke2fs -d, mkfs.vfat + mcopy) and written into the disk image at its partition's offset.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
CACHE="${COZY_IMAGE_CACHE:-/var/cache/cozybox-image}"
VERSION="$(jq -r .version "$ROOT/package.json")"
OUT="$HERE/out"
NAME="cozybox-$VERSION-rpi-arm64"
# Partition sizes in MiB: boot | root A | root B (same size, for over-the-air updates) | data (grows at first boot).
BOOT_MB=256 ROOT_MB=2048 DATA_MB=256
WORK="$CACHE/work"
T0=$SECONDS
step() { echo "[image $((SECONDS - T0))s] $*" >&2; }

tarball="$("$HERE/build-rootfs.sh")"
step "unpacking the base root file system"
rm -rf "$WORK" && mkdir -p "$WORK/root" "$WORK/boot" "$OUT"
tar -xpf "$tarball" -C "$WORK/root" --xattrs --xattrs-include='*' --numeric-owner
rootfs="$WORK/root"

step "laying out the appliance in /opt/cozy"
"$HERE/stage-appliance.sh" "$rootfs/opt/cozy"

step "provisioning (chroot, arm64 under emulation)"
cp -a "$HERE/provision/files/." "$rootfs/"
install -m 0755 "$HERE/provision/provision.sh" "$rootfs/tmp/provision.sh"
chroot "$rootfs" /tmp/provision.sh
rm -f "$rootfs/tmp/provision.sh"

step "manifest"
"$HERE/manifest.sh" "$rootfs" >"$OUT/$NAME.manifest.txt"

step "boot partition (firmware, slot-a kernel, initramfs, device trees)"
disk_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
kernel="$(ls "$rootfs"/boot/vmlinuz-* | sort -V | tail -1)"
kver="${kernel##*/vmlinuz-}"
boot="$WORK/boot"
cp "$rootfs"/usr/lib/raspi-firmware/* "$boot/"
cp "$HERE/boot/config.txt" "$boot/config.txt"
mkdir -p "$boot/slot-a"
cp "$kernel" "$boot/slot-a/vmlinuz"
cp "$rootfs/boot/initrd.img-$kver" "$boot/slot-a/initrd.img"
cp "$rootfs"/usr/lib/linux-image-"$kver"/broadcom/bcm27*-rpi-*.dtb "$boot/slot-a/"
# The initramfs mounts the slot read-only; systemd checks it, then remounts it per its fstab line
# (each slot's fstab names its own partition: an update writes slot B's with -03).
printf 'console=tty1 console=ttyS1,115200 root=PARTUUID=%s-02 rootfstype=ext4 ro rootwait fsck.repair=yes cozy.slot=a\n' \
  "$disk_id" >"$boot/slot-a/cmdline.txt"
printf 'PARTUUID=%s-02  /  ext4  noatime,errors=remount-ro  0  1\n' "$disk_id" >>"$rootfs/etc/fstab"
# raspi-firmware's own copies under /boot/firmware would lie hidden under the boot partition's mount.
rm -rf "${rootfs:?}"/boot/firmware/*

step "file systems"
mkfs.vfat -n COZYBOOT -F 32 -C "$WORK/boot.vfat" $((BOOT_MB * 1024)) >/dev/null
mcopy -s -i "$WORK/boot.vfat" "$boot"/* ::/
rm -f "$WORK/rootA.ext4" "$WORK/rootB.ext4" "$WORK/data.ext4"
mke2fs -q -t ext4 -b 4096 -L cozyroot-a -d "$rootfs" "$WORK/rootA.ext4" "${ROOT_MB}M"
mke2fs -q -t ext4 -b 4096 -L cozyroot-b "$WORK/rootB.ext4" "${ROOT_MB}M"
mke2fs -q -t ext4 -b 4096 -T default -L cozydata -m 1 "$WORK/data.ext4" "${DATA_MB}M"

step "disk image"
img="$WORK/$NAME.img"
start=4 # MiB; the first MiB holds the partition table
total=$((start + BOOT_MB + 2 * ROOT_MB + DATA_MB))
rm -f "$img" && truncate -s "${total}M" "$img"
sfdisk --quiet "$img" <<TABLE
label: dos
label-id: 0x$disk_id
unit: sectors
$((start * 2048)),$((BOOT_MB * 2048)),c,*
$(((start + BOOT_MB) * 2048)),$((ROOT_MB * 2048)),83
$(((start + BOOT_MB + ROOT_MB) * 2048)),$((ROOT_MB * 2048)),83
$(((start + BOOT_MB + 2 * ROOT_MB) * 2048)),$((DATA_MB * 2048)),83
TABLE
offset=$start
for part in boot.vfat:$BOOT_MB rootA.ext4:$ROOT_MB rootB.ext4:$ROOT_MB data.ext4:$DATA_MB; do
  dd if="$WORK/${part%%:*}" of="$img" bs=1M seek="$offset" conv=notrunc,sparse status=none
  offset=$((offset + ${part##*:}))
done

ln -sfn "$img" "$CACHE/latest.img"
if [ -n "${COZY_IMAGE_NO_XZ:-}" ]; then # developers iterating with COZY_IMAGE_RAW (test/image/vm.ts)
  step "done (not compressed): $img"
  exit 0
fi
step "compressing"
# -3: a release can ask for more with COZY_XZ_LEVEL=9 (much slower, a few percent smaller).
xz -T2 "-${COZY_XZ_LEVEL:-3}" -c "$img" >"$OUT/$NAME.img.xz.partial"
mv "$OUT/$NAME.img.xz.partial" "$OUT/$NAME.img.xz"
(cd "$OUT" && sha256sum "$NAME.img.xz" >"$NAME.img.xz.sha256")
rm -rf "$rootfs" "$boot" "$WORK"/*.ext4 "$WORK"/*.vfat
step "done: $OUT/$NAME.img.xz ($(du -h "$OUT/$NAME.img.xz" | cut -f1))"
