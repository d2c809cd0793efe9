#!/usr/bin/env bash
# Assembles the unpacked QA browser extension (Manifest V3) into extension/dist/:
# extension/src/* + the Wasm package (crates/wasm/pkg, built once by scripts/build-wasm.sh;
# built here only when missing, so CI never builds it twice).
#   dist/manifest.json, background.js, panel.{html,js,css}   from extension/src
#   dist/content.js      the package's live-DOM collector + extension/src/content.js, as one
#                        classic script (content scripts cannot be ES modules)
#   dist/pkg/            portalscan.js, glue.js, collect.js, portalscan_bg.wasm
#   dist/criteria.json   WCAG 2.2 criteria (number, name, W3C Understanding URL), read from
#                        the core's table (crates/core/src/wcag.rs), not copied by hand
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=crates/wasm/pkg
if [ ! -f "$pkg/portalscan_bg.wasm" ]; then
  echo "build-extension: $pkg missing; building the Wasm package first"
  scripts/build-wasm.sh
fi

out=extension/dist
rm -rf "$out" && mkdir -p "$out/pkg"
cp extension/src/manifest.json extension/src/background.js extension/src/panel.html \
  extension/src/panel.js extension/src/panel.css "$out/"
cp "$pkg/portalscan.js" "$pkg/glue.js" "$pkg/collect.js" "$pkg/portalscan_bg.wasm" "$out/pkg/"

node - "$pkg/collect.js" extension/src/content.js "$out/content.js" crates/core/src/wcag.rs "$out/criteria.json" <<'JS'
const fs = require('node:fs');
const [collect, content, target, wcag, criteria] = process.argv.slice(2);
// The collector is an ES module; a content script is a classic script. Its `export`
// keywords are dropped and the whole file is wrapped in a function scope.
const source = fs.readFileSync(collect, 'utf8');
if (/^\s*import\b/m.test(source)) throw new Error(`${collect} imports modules: bundle it first`);
const classic = source.replace(/^export (?=(async )?(function|const|let|class)\b)/gm, '');
if (/^export\b/m.test(classic)) throw new Error(`${collect}: an export form this build does not know`);
fs.writeFileSync(target, `// Built by scripts/build-extension.sh: do not edit.\n(() => {\n${classic}\n${fs.readFileSync(content, 'utf8')}\n})();\n`);
// sc("1.4.3", "Contrast (Minimum)", AA, "contrast-minimum") entries of CRITERIA.
const table = fs.readFileSync(wcag, 'utf8').replace(/\s+/g, ' ');
const list = [...table.matchAll(/sc\( ?"([\d.]+)", ?"([^"]+)", ?(A{1,3}), ?"([a-z0-9-]+)",? ?\)/g)].map(
  ([, number, name, level, slug]) => ({ number, name, level, url: `https://www.w3.org/WAI/WCAG22/Understanding/${slug}` }),
);
if (list.length < 80) throw new Error(`read only ${list.length} WCAG criteria from ${wcag}`);
fs.writeFileSync(criteria, JSON.stringify(list));
JS
echo "build-extension: $out (load it unpacked from chrome://extensions)"
