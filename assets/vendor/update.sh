#!/usr/bin/env bash
# Fetches the vendored front-end files from the npm registry into this folder:
# Designsystemet's CSS and default theme (@digdir/designsystemet-css) and the
# Inter font it is drawn for (@fontsource-variable/inter). Building and running
# innspill never needs this script or Node; run it only to move to a new
# version, then look at the pages (the browser suite) and commit the result.
#
#   assets/vendor/update.sh                    # the versions pinned below
#   assets/vendor/update.sh 1.23.0 5.3.0       # Designsystemet, Inter
#
# Needs curl, tar and python3 (to read the registry's JSON and check the sha512).
set -euo pipefail
cd "$(dirname "$0")"

DESIGNSYSTEMET_VERSION="${1:-1.22.0}"
INTER_VERSION="${2:-5.3.0}"
REGISTRY="https://registry.npmjs.org"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Downloads a package tarball and checks it against the registry's sha512.
fetch() {
  local package=$1 version=$2 out=$3
  local meta="$scratch/meta.json"
  curl -fsSL "$REGISTRY/$package/$version" -o "$meta"
  local tarball integrity
  tarball=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dist"]["tarball"])' "$meta")
  integrity=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dist"]["integrity"])' "$meta")
  curl -fsSL "$tarball" -o "$scratch/package.tgz"
  local actual
  actual=$(python3 -c 'import base64,hashlib,sys; print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$scratch/package.tgz")
  if [[ "$actual" != "$integrity" ]]; then
    echo "error: $package@$version does not match the registry's checksum" >&2
    exit 1
  fi
  rm -rf "$out" && mkdir -p "$out"
  tar -xzf "$scratch/package.tgz" -C "$out" --strip-components=1
}

fetch "@digdir/designsystemet-css" "$DESIGNSYSTEMET_VERSION" "$scratch/ds"
mkdir -p designsystemet
cp "$scratch/ds/dist/src/index.css" designsystemet/designsystemet.css
cp "$scratch/ds/dist/theme/designsystemet.css" designsystemet/theme.css
cp "$scratch/ds/LICENSE" designsystemet/LICENSE
echo "@digdir/designsystemet-css $DESIGNSYSTEMET_VERSION" > designsystemet/VERSION

fetch "@fontsource-variable/inter" "$INTER_VERSION" "$scratch/inter"
mkdir -p inter
# Latin covers Norwegian; Latin Extended covers Sámi names. Browsers fetch a
# file only when a page uses a character in its range.
cp "$scratch/inter/files/inter-latin-wght-normal.woff2" inter/
cp "$scratch/inter/files/inter-latin-ext-wght-normal.woff2" inter/
cp "$scratch/inter/LICENSE" inter/LICENSE
echo "@fontsource-variable/inter $INTER_VERSION" > inter/VERSION

echo "updated: $(cat designsystemet/VERSION), $(cat inter/VERSION)"
