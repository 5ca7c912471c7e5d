#!/usr/bin/env bash
# Can this machine build and boot the image? arm64 programs run through binfmt_misc (a
# container may be denied the mount) and the boot test needs /dev/net/tun. Prints why not.
set -uo pipefail
problems=()
if [ ! -e /proc/sys/fs/binfmt_misc/register ] && ! mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null; then
  problems+=("binfmt_misc cannot be mounted (arm64 emulation for the root file system)")
fi
[ -c /dev/net/tun ] || problems+=("/dev/net/tun is missing (the QEMU boot test's network)")
[ "$(id -u)" = 0 ] || problems+=("not root")
if ((${#problems[@]})); then
  printf '\n*** IMAGE NOT BUILT OR TESTED on this machine: %s ***\n\n' "${problems[*]}" >&2
  exit 1
fi
