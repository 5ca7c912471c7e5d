#!/bin/bash
# The one provisioning of the CozyBox image, run as root INSIDE the target root file system
# (a chroot) after image/provision/files/ has been copied over it and the appliance laid out in
# /opt/cozy. Both bases run it: the Debian path (image/build-image.sh) and the pi-gen stage
# (image/pi-gen/stage-cozy/01-run.sh). It enables nothing that needs per-box secrets: first boot does.
set -euo pipefail

# The appliance's own user: no login shell, no password, no home outside the data partition.
getent group cozy >/dev/null || groupadd --system cozy
getent passwd cozy >/dev/null ||
  useradd --system --gid cozy --home-dir /var/lib/cozy/data --no-create-home --shell /usr/sbin/nologin cozy
passwd --lock cozy >/dev/null
# Samba accounts (one per computer, made by the privileged helper) are in their own group.
getent group cozy-smb >/dev/null || groupadd --system cozy-smb
# SSH, once the owner turns it on, lets in only this account, with the owner's key (no password, no sudo).
getent passwd cozy-admin >/dev/null ||
  useradd --create-home --home-dir /home/cozy-admin --shell /bin/bash --comment "CozyBox administrator" cozy-admin
passwd --lock cozy-admin >/dev/null
# No default password anywhere: root is locked (key login only, and SSH is off).
passwd --lock root >/dev/null

chown -R root:root /opt/cozy
chmod -R u+rwX,go+rX,go-w /opt/cozy
install -d -m 0755 /var/lib/cozy /etc/cozy /boot/firmware

# systemd units only: with a SysV script beside a unit, every `systemctl enable` also runs
# update-rc.d (perl), which takes tens of seconds on a small board (and minutes under QEMU).
for script in /etc/init.d/*; do
  name="$(basename "$script")"
  [ -e "/lib/systemd/system/$name.service" ] && rm -f "$script"
done

# Network by DHCP (networkd), names through resolved, the clock through timesyncd.
systemctl enable systemd-networkd.service systemd-resolved.service systemd-timesyncd.service >/dev/null 2>&1
ln -sf ../run/systemd/resolve/stub-resolv.conf /etc/resolv.conf

# First boot enables these once the box has its own secrets; SSH stays off.
systemctl disable ssh.service ssh.socket smbd.service avahi-daemon.service avahi-daemon.socket wsdd.service >/dev/null 2>&1 || true
systemctl mask nmbd.service samba-ad-dc.service >/dev/null 2>&1 || true
systemctl enable cozy-firstboot.service cozy-ssh-from-boot.service >/dev/null 2>&1
# A virtio console is QEMU's (the image-test's debug shell): no login prompt competing for it.
systemctl mask serial-getty@hvc0.service >/dev/null 2>&1
# SD card care: no periodic writes nobody needs.
for timer in apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer; do
  systemctl mask "$timer" >/dev/null 2>&1 || true
done

# Each box gets its own identity at first boot.
rm -f /etc/ssh/ssh_host_* /var/lib/dbus/machine-id
: >/etc/machine-id
rm -rf /var/lib/samba/private/* /var/cache/samba/* /var/log/*.log /var/log/apt/* /tmp/* /root/.bash_history
