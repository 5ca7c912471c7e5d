#!/usr/bin/env bash
# Prints the image's manifest: every Debian package and every npm package, with versions.
# $1 is the image's root file system (appliance in $1/opt/cozy).
set -euo pipefail
rootfs="$1"
echo "# CozyBox image manifest"
. "$(dirname "$0")/versions.env"
echo "# appliance $(jq -r .version "$rootfs/opt/cozy/package.json"), bun $BUN_VERSION ($BUN_ARM64_PACKAGE, sha512-$BUN_ARM64_SHA512)"
echo
echo "## Debian packages (name version architecture)"
dpkg-query --admindir="$rootfs/var/lib/dpkg" -W -f='${db:Status-Abbrev} ${Package} ${Version} ${Architecture}\n' |
  awk '$1 == "ii" { print $2, $3, $4 }' | sort
echo
echo "## npm packages in /opt/cozy/node_modules (name version)"
find "$rootfs/opt/cozy/node_modules" -name package.json -not -path '*/node_modules/*/node_modules/*/node_modules/*' \
  -exec jq -r 'select(.name != null and .version != null) | "\(.name) \(.version)"' {} + 2>/dev/null | sort -u
