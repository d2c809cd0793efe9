// Writes the SLDS palette the checker loads: the colour tokens of
// @salesforce-ux/design-system's design-tokens/dist/colors.json (the SLDS 2 base scales
// color-{neutral,brand,error,warning,success}-base-*, color-border-* and link-color*),
// one entry per distinct value (the first token name wins: every scale's 100 is white).
//   node www/tools/slds-palette.mjs <out.json>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('@salesforce-ux/design-system/package.json'));
const source = path.join(root, 'design-tokens/dist/colors.json');
const tokens = JSON.parse(fs.readFileSync(source, 'utf8'));
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

const seen = new Set();
const palette = [];
for (const [name, value] of Object.entries(tokens)) {
  if (typeof value !== 'string' || seen.has(value)) continue;
  seen.add(value);
  palette.push({ name: name.replace(/^color-/, ''), value });
}
if (palette.length < 10) throw new Error(`${source}: only ${palette.length} colours; the token file changed`);
fs.writeFileSync(process.argv[2], JSON.stringify(palette, null, 1) + '\n');
console.log(`slds-palette: ${palette.length} colours from @salesforce-ux/design-system ${version} colors.json`);
