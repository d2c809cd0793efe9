#!/usr/bin/env bash
# Prints the Wasm package's size as a browser downloads it (gzip -9) per file, the total,
# and its ratio to the target: at most axe-core 4.14's axe.min.js (182 KB gzipped), aiming
# for half. A measurement to read, not a pass/fail test. scripts/build-wasm.sh runs it.
# Usage: scripts/wasm-size.sh [PKG_DIR]   (default crates/wasm/pkg)
set -euo pipefail
cd "$(dirname "$0")/.."
pkg=${1:-crates/wasm/pkg}
target_kb=182
[ -f "$pkg/portalscan_bg.wasm" ] || {
  echo "wasm-size: $pkg/portalscan_bg.wasm missing: run scripts/build-wasm.sh first" >&2
  exit 1
}
gz() { gzip -9c "$1" | wc -c; }
total=0
js=0
for f in portalscan_bg.wasm glue.js portalscan.js collect.js; do
  raw=$(wc -c <"$pkg/$f")
  z=$(gz "$pkg/$f")
  total=$((total + z))
  [ "$f" = portalscan_bg.wasm ] && wasm=$z || js=$((js + z))
  printf 'wasm-size: %-20s %8d bytes, %7d gzipped\n' "$f" "$raw" "$z"
done
awk -v w="$wasm" -v j="$js" -v t="$total" -v k="$target_kb" -v pkg="$pkg" 'BEGIN {
  printf "wasm-size: %s: portalscan_bg.wasm %.0f KB + JS %.0f KB = %.0f KB gzipped; %.2f x the %d KB target (axe.min.js), %.2f x its half\n",
    pkg, w / 1024, j / 1024, t / 1024, t / (k * 1024), k, t / (k * 512)
}'
