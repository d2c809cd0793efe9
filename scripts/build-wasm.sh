#!/usr/bin/env bash
# Builds the browser package into crates/wasm/pkg/ (see crates/wasm/js/portalscan.js):
#   portalscan.js (ES module, default export init()), portalscan_bg.wasm, portalscan.d.ts,
#   package.json. One build, reused by every consumer (tests, the example, the extension,
#   the contrast page). Prints the gzipped size of the .wasm plus its JS.
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen-cli of Cargo.lock's version
# (scripts/setup.sh installs both); wasm-opt from node_modules/.bin when present (npm
# `binaryen`; Debian's binaryen 108 breaks wasm-bindgen output, so it is never used).
set -euo pipefail
cd "$(dirname "$0")/.."

out=crates/wasm/pkg
# The `wasm` profile (Cargo.toml: opt-level z, LTO, one codegen unit): used for this
# target only, so native builds keep the one dev profile.
cargo build -p portalscan-wasm --target wasm32-unknown-unknown --profile wasm ${WASM_FEATURES:+--features "$WASM_FEATURES"}
wasm=target/wasm32-unknown-unknown/wasm/portalscan_wasm.wasm

rm -rf "$out" && mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --out-dir "$tmp" --out-name portalscan "$wasm"
# The generated bindings become glue.js; portalscan.js is the API that wraps them.
cp "$tmp/portalscan.js" "$out/glue.js"
cp "$tmp/portalscan.d.ts" "$out/glue.d.ts"
cp crates/wasm/js/portalscan.js crates/wasm/js/collect.js crates/wasm/js/portalscan.d.ts "$out/"

if [ -x node_modules/.bin/wasm-opt ]; then
  # -Os, not -Oz: binaryen's -Oz output is a little smaller raw but compresses worse; -Os
  # gives the smaller download (measured gzipped on this package: 0.1-0.2% smaller).
  node_modules/.bin/wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers "$tmp/portalscan_bg.wasm" -o "$out/portalscan_bg.wasm"
else
  echo "build-wasm: node_modules/.bin/wasm-opt missing (npm ci installs binaryen); unoptimised" >&2
  cp "$tmp/portalscan_bg.wasm" "$out/"
fi

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
cat > "$out/package.json" <<JSON
{
  "name": "portalscan",
  "version": "$version",
  "description": "WCAG 2.2 AA and PHI-exposure rules for Salesforce Experience Cloud portals, in the browser.",
  "license": "Apache-2.0",
  "type": "module",
  "module": "portalscan.js",
  "main": "portalscan.js",
  "types": "portalscan.d.ts",
  "files": ["portalscan.js", "collect.js", "glue.js", "glue.d.ts", "portalscan_bg.wasm", "portalscan.d.ts"],
  "sideEffects": false
}
JSON

scripts/wasm-size.sh "$out"
