#!/bin/bash -e
# CozyBox on Raspberry Pi OS Lite: the same provisioning as the Debian path (image/provision),
# applied by pi-gen to stage2's root file system. Thin on purpose: image/build-image.sh (which CI
# builds and boots in QEMU) runs the very same scripts, so this stage is tested through it.
# Set COZY_IMAGE_DIR to the checkout's image/ folder (after `make build`) in pi-gen's config.
COZY_IMAGE_DIR="${COZY_IMAGE_DIR:?set COZY_IMAGE_DIR to the CozyBox checkout image/ folder in pi-gen config}"

# The shared package list, less what Raspberry Pi OS brings its own way (kernel and firmware).
grep -v '^\s*#' "${COZY_IMAGE_DIR}/packages.list" | grep -vxE 'linux-image-arm64|raspi-firmware|initramfs-tools' \
  >"${ROOTFS_DIR}/tmp/cozy-packages"
on_chroot <<'CHROOT'
apt-get update
DEBIAN_FRONTEND=noninteractive xargs -a /tmp/cozy-packages apt-get install -y --no-install-recommends
rm -f /tmp/cozy-packages
CHROOT

"${COZY_IMAGE_DIR}/stage-appliance.sh" "${ROOTFS_DIR}/opt/cozy"
# pi-gen writes its own /etc/fstab (boot | root, by PARTUUID); it keeps it. The data partition is
# the Debian path's layout: on this base /var/lib/cozy stays on the root file system.
tar -C "${COZY_IMAGE_DIR}/provision/files" --exclude=./etc/fstab -cf - . | tar -C "${ROOTFS_DIR}" -xf -
on_chroot <"${COZY_IMAGE_DIR}/provision/provision.sh"
