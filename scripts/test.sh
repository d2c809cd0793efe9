#!/usr/bin/env bash
# Everything CI checks, in one profile (the dev profile is optimised in Cargo.toml, so the
# large-input tests run fast enough without a separate release build).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== cargo test"
cargo test --workspace
echo "== wasm32 build of the rule core"
cargo build -p portalscan-core --target wasm32-unknown-unknown --profile wasm
echo "== the Wasm package: one build (crates/wasm/pkg), reused by every browser test below"
scripts/build-wasm.sh
echo "== the Wasm package in headless Chromium"
node crates/wasm/tests/browser.mjs
echo "== the Playwright example (examples/playwright): the package inside a browser test"
node --test examples/playwright/
echo "== parity: the package and the CLI's crawler on the fixture portal (same Chromium)"
node crates/wasm/tests/parity.mjs
echo "== the contrast page (www/dist, on the Wasm package above) in headless Chromium"
scripts/build-www.sh
node www/tests/e2e.mjs
echo "== the QA browser extension: assembled from the same package, end to end in headless Chromium"
scripts/build-extension.sh
node extension/tests/e2e.mjs
