#!/usr/bin/env bash
# Lays out the appliance as the image ships it, in the folder given as $1 (becomes /opt/cozy):
# bin/bun (arm64, checksum checked), appliance/dist, appliance/drizzle, web/dist, package.json and
# production node_modules resolved for linux-arm64 (sharp's and libsql's arm64 binaries).
# Needs `make build` to have run (appliance/dist and web/dist).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
DEST="$1"
BUN="$(realpath "$(command -v "${BUN:-$ROOT/.tools/bin/bun}")")"
. "$HERE/versions.env"

for built in appliance/dist/main.js appliance/dist/cozy.js web/dist/index.html; do
  [ -f "$ROOT/$built" ] || { echo "missing $built: run make build first" >&2; exit 1; }
done
rm -rf "$DEST" && mkdir -p "$DEST/bin" "$DEST/appliance"

# Bun for arm64: the npm registry's tarball, refused unless its sha512 is the pinned one.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$BUN_ARM64_PACKAGE@$BUN_VERSION" >/dev/null)
tgz="$(ls "$work"/*.tgz)"
actual="$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$actual" != "$BUN_ARM64_SHA512" ]; then
  echo "checksum mismatch for $BUN_ARM64_PACKAGE@$BUN_VERSION: got sha512-$actual" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work" package/bin/bun
install -m 0755 "$work/package/bin/bun" "$DEST/bin/bun"

cp -a "$ROOT/appliance/dist" "$ROOT/appliance/drizzle" "$DEST/appliance/"
# No source maps on the Pi: Bun would try to read them at start (and warn when they are missing).
rm -f "$DEST"/appliance/dist/*.map "$DEST"/appliance/dist/chunks/*.map
sed -i "/^\/\/# sourceMappingURL=/d" "$DEST"/appliance/dist/*.js "$DEST"/appliance/dist/chunks/*.js
mkdir -p "$DEST/web" && cp -a "$ROOT/web/dist" "$DEST/web/"
cp "$ROOT/package.json" "$ROOT/bun.lock" "$DEST/"

# Production dependencies for the Pi, resolved from the committed lockfile. Install scripts stay off:
# they would look for (or build) binaries for this x86_64 machine; the arm64 ones come as packages.
(cd "$DEST" && "$BUN" install --production --frozen-lockfile --ignore-scripts --os=linux --cpu=arm64 >&2)
rm -f "$DEST/bun.lock"
for native in @img/sharp-linux-arm64 @libsql/linux-arm64-gnu; do
  [ -d "$DEST/node_modules/$native" ] || { echo "missing $native in the arm64 node_modules" >&2; exit 1; }
done
echo "appliance staged in $DEST ($(du -sh "$DEST" | cut -f1))" >&2
