#!/usr/bin/env bash
# Installs what building and testing portalscan needs on a fresh machine: rustfmt, clippy
# and the wasm32 target the rule core must build for (via rustup, only what is missing, so
# a machine that has them needs no network), and the fixture portal's npm packages and
# build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust with rustup (https://rustup.rs) first" >&2
  exit 1
fi

missing_components=()
cargo fmt --version >/dev/null 2>&1 || missing_components+=(rustfmt)
cargo clippy --version >/dev/null 2>&1 || missing_components+=(clippy)
need_wasm=0
if command -v rustup >/dev/null 2>&1; then
  rustup target list --installed | grep -qx wasm32-unknown-unknown || need_wasm=1
fi

if [ ${#missing_components[@]} -gt 0 ] || [ "$need_wasm" = 1 ]; then
  if ! command -v rustup >/dev/null 2>&1; then
    echo "setup: missing ${missing_components[*]} and no rustup to install them" >&2
    exit 1
  fi
  if [ ${#missing_components[@]} -gt 0 ]; then
    rustup component add "${missing_components[@]}"
  fi
  if [ "$need_wasm" = 1 ]; then
    rustup target add wasm32-unknown-unknown
  fi
fi
echo "setup: $(cargo --version); rustfmt, clippy and the wasm32 target are installed"

# The fixture portal (fixtures/portal): Lightning Web Components compiled with the real
# lwc packages and styled with SLDS, pinned in package-lock.json. Installs only when the
# lock file changed, builds only when a source is newer than the build.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: npm not found; install Node.js 18 or later with npm (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
built=fixtures/portal/dist/native/portal.js
if [ ! -f "$built" ] || [ -n "$(find fixtures/portal/src fixtures/portal/build.mjs package-lock.json -newer "$built" -print -quit)" ]; then
  npm run build:portal
fi
echo "setup: fixtures/portal is built (fixtures/portal/dist)"

# wasm-bindgen-cli for scripts/build-wasm.sh: exactly Cargo.lock's wasm-bindgen (the CLI
# refuses a module built with another version). Installed only when missing or different.
wb_version=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"/\1/p}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  cargo install wasm-bindgen-cli --version "$wb_version"
fi
echo "setup: wasm-bindgen $wb_version is installed"
