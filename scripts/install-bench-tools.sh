#!/usr/bin/env bash
# Installs the reference tools `make bench` measures against, from Debian:
# wrk (HTTP load), curl (transfers), nginx (GET/PUT anchor), apache2 (mod_dav
# PROPFIND anchor), vipsthumbnail (libvips-tools) and ImageMagick's convert
# (imagemagick): the thumbnail anchors; sqlite3: the search index anchor. Their services are not started: the benchmark starts its
# own instances on loopback and stops them.
set -euo pipefail
missing=()
for tool in wrk curl nginx apache2 vipsthumbnail sqlite3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
# /usr/bin/convert: some machines carry a stand-in named convert elsewhere on PATH.
[ -x /usr/bin/convert ] || missing+=(convert)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "make bench needs: ${missing[*]} (apt-get install ${missing[*]})" >&2
  exit 1
fi
# Keep Debian's maintainer scripts from starting nginx/apache2 on ports 80.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends wrk curl nginx apache2 libvips-tools imagemagick sqlite3
