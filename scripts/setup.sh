#!/usr/bin/env bash
# Installs what building and testing portalscan needs on a fresh machine: a Rust toolchain
# (via rustup, when cargo is missing) with rustfmt, clippy and the wasm32 target the rule
# core must build for. Safe to run again.
set -euo pipefail

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "setup: cargo not found; install Rust (https://rustup.rs) first" >&2
    exit 1
  fi
fi

if command -v rustup >/dev/null 2>&1; then
  rustup component add rustfmt clippy >/dev/null
  rustup target add wasm32-unknown-unknown >/dev/null
fi
echo "setup: $(cargo --version)"
