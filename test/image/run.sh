#!/usr/bin/env bash
# Runs the image tests (or, with `bench`, the image benchmark) inside a network namespace that
# stands for a home network: a bridge (the "router", 10.77.0.1, handing out addresses with
# dnsmasq's DHCP), the VM's tap device on it, and a private avahi-daemon (with its own D-Bus)
# for real mDNS lookups from that segment. Nothing here reaches beyond this machine.
# Usage: test/image/run.sh BUN [test [bun test arguments] | bench]
set -euo pipefail
BUN="$1"
MODE="${2:-test}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
NS=cozyimg
RUN="$(mktemp -d /tmp/cozy-image-test.XXXXXX)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  ip netns pids "$NS" 2>/dev/null | xargs -r kill 2>/dev/null || true
  sleep 1
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT

ip netns del "$NS" 2>/dev/null || true
ip netns add "$NS"
in_ns() { ip netns exec "$NS" "$@"; }
in_ns ip link set lo up
in_ns ip link add br0 type bridge mcast_snooping 0
in_ns ip addr add 10.77.0.1/24 dev br0
in_ns ip tuntap add dev tap0 mode tap
in_ns ip link set tap0 master br0
in_ns ip link set tap0 up
in_ns ip link set br0 up

# The home router's DHCP: the box's MAC always gets 10.77.0.50; the lease file records the host
# name the box sent (what a router lists as "cozy").
in_ns dnsmasq --keep-in-foreground --port=0 --interface=br0 --bind-interfaces --except-interface=lo \
  --dhcp-range=10.77.0.50,10.77.0.99,1h --dhcp-host=52:54:00:c0:2b:01,10.77.0.50 \
  --dhcp-leasefile="$RUN/dnsmasq.leases" --log-dhcp --log-facility="$RUN/dnsmasq.log" &
pids+=($!)

# A real mDNS client on the segment: avahi-daemon with a private D-Bus in a private mount namespace.
cat >"$RUN/avahi.conf" <<CONF
[server]
host-name=cozy-test-client
use-ipv4=yes
use-ipv6=no
allow-interfaces=br0
enable-dbus=yes
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[publish]
publish-addresses=yes
publish-workstation=no
publish-hinfo=no
[reflector]
[rlimits]
CONF
# Not through in_ns: `$!` must be the process that becomes avahi-daemon (its mount namespace is used below).
ip netns exec "$NS" unshare --mount --propagation private bash -c '
  mount -t tmpfs tmpfs /run/dbus 2>/dev/null || { mkdir -p /run/dbus; mount -t tmpfs tmpfs /run/dbus; }
  mkdir -p /run/avahi-daemon && mount -t tmpfs tmpfs /run/avahi-daemon
  dbus-daemon --system --fork
  exec avahi-daemon --no-chroot --file="$1"' _ "$RUN/avahi.conf" >"$RUN/avahi.log" 2>&1 &
pids+=($!)
avahi_pid="${pids[-1]}" # ip netns exec, unshare and bash exec into avahi-daemon: one process
sleep 2

export COZY_IMAGE_RUN_DIR="$RUN" COZY_IMAGE_AVAHI_PID="$avahi_pid"
# Bun test runs the files one after the other (both boot on tap0).
if [ "$MODE" = bench ]; then
  in_ns "$BUN" "$ROOT/test/image/bench.ts"
else
  # Extra arguments (after BUN test) choose test files: test/image/run.sh BUN test test/image/appliance.test.ts
  targets=("${@:3}")
  [ ${#targets[@]} -gt 0 ] || targets=("$ROOT/test/image/")
  in_ns "$BUN" test --timeout 3600000 "${targets[@]}"
fi
