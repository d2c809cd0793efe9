#!/usr/bin/env bash
# Regenerates the README's rule table (between <!-- rules:start --> and <!-- rules:end -->)
# from the rules' declarations, i.e. `portalscan rules --format markdown`. Run it after
# adding or changing a rule: the README test fails until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
PORTALSCAN_UPDATE_DOCS=1 cargo test --quiet -p portalscan --test cli readme
