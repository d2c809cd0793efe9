#!/usr/bin/env bash
# Builds the designers' contrast page into www/dist/ (index.html at the root): a folder any
# static server can serve. Reuses the Wasm package in crates/wasm/pkg (scripts/test.sh
# builds it just before); builds it only when it is missing.
# Needs: node, and node_modules (npm ci) for the SLDS colour tokens.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f crates/wasm/pkg/portalscan_bg.wasm ]; then
  scripts/build-wasm.sh
fi
out=www/dist
rm -rf "$out" && mkdir -p "$out/pkg"
cp www/src/*.html www/src/*.css www/src/*.js "$out/"
cp crates/wasm/pkg/portalscan.js crates/wasm/pkg/collect.js crates/wasm/pkg/glue.js \
  crates/wasm/pkg/portalscan_bg.wasm "$out/pkg/"
node www/tools/slds-palette.mjs "$out/slds-palette.json"
echo "build-www: $out ($(du -sk "$out" | cut -f1) KB); serve it with any static server, e.g. python3 -m http.server -d $out"
