#!/usr/bin/env bash
# Installs what building and testing portalscan needs on a fresh machine: rustfmt, clippy
# and the wasm32 target the rule core must build for (via rustup, only what is missing, so
# a machine that has them needs no network). Safe to run again.
set -euo pipefail

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
