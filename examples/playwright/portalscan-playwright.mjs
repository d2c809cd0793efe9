// Scans a Playwright page with the portalscan Wasm package, as `new AxeBuilder({ page })
// .analyze()` does with axe-core: the package is served to the page from its own origin
// (a route under /__portalscan/, so no CSP `script-src` or CORS rule of the app gets in the
// way of an ES module import), then `scan()` runs inside the page and its report (the
// CLI's JSON report: findings, summary, pages[].unknown) comes back to the test.
//
//   import { scanPage } from './portalscan-playwright.mjs';
//   const report = await scanPage(page, { rules: ['image-name'] });
//
// `pkgDir`: the built package (scripts/build-wasm.sh writes crates/wasm/pkg; an npm
// install of it would be node_modules/portalscan).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_PKG = path.resolve(here, '../../crates/wasm/pkg');
const PREFIX = '/__portalscan/';

/** Serves the package's files to every page of `page`'s context under /__portalscan/. */
async function servePackage(page, pkgDir) {
  await page.context().route(`**${PREFIX}*`, (route) => {
    const name = path.basename(new URL(route.request().url()).pathname);
    const file = path.join(pkgDir, name);
    if (!fs.existsSync(file)) return route.fulfill({ status: 404 });
    return route.fulfill({
      contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
      body: fs.readFileSync(file),
    });
  });
}

/**
 * The portalscan report of the page as it is now. `options`: `rules`, `skip`, `all`,
 * `fingerprintKey` (see portalscan.d.ts); `root`: a CSS selector to scan only under it.
 */
export async function scanPage(page, { pkgDir = DEFAULT_PKG, root, ...options } = {}) {
  if (!fs.existsSync(path.join(pkgDir, 'portalscan_bg.wasm'))) {
    throw new Error(`${pkgDir}: no portalscan package (run scripts/build-wasm.sh)`);
  }
  await servePackage(page, pkgDir);
  return page.evaluate(
    async ({ prefix, root, options }) => {
      const portalscan = await import(`${prefix}portalscan.js`);
      await portalscan.default(`${prefix}portalscan_bg.wasm`);
      const target = root ? document.querySelector(root) : document;
      if (!target) throw new Error(`portalscan: no element matches ${root}`);
      return portalscan.scan(target, options);
    },
    { prefix: PREFIX, root, options },
  );
}
