// Parity of the two collectors on the fixture portal (issue 10, point 6): the CLI crawls
// fixtures/portal in Chromium over the DevTools protocol; the Wasm package scans the same
// pages in the same Chromium from inside each page. For every rule whose facts both can
// know, the findings (page, rule, outcome, selector) must be the same; for the rules that
// need a fact a page cannot know (response headers, cookie flags, requests, the Tab walk...)
// the package answers `review` or nothing, never a fail or pass the CLI did not give.
// A difference is a collector bug (js/collect.js), to be fixed here, never filtered.
//
// Run after `cargo build -p portalscan -p portalscan-portal-fixture` (cargo test builds
// both) and scripts/build-wasm.sh:   node crates/wasm/tests/parity.mjs
// PORTALSCAN_BIN / PORTAL_FIXTURE_BIN / CHROME override the binaries.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pkg = path.join(root, 'crates/wasm/pkg');
const cli = process.env.PORTALSCAN_BIN ?? path.join(root, 'target/debug/portalscan');
const fixture = process.env.PORTAL_FIXTURE_BIN ?? path.join(root, 'target/debug/portal-fixture');
const chrome = process.env.CHROME ?? '/usr/bin/chromium';
for (const [file, how] of [
  [path.join(pkg, 'portalscan_bg.wasm'), 'run scripts/build-wasm.sh'],
  [cli, 'cargo build -p portalscan'],
  [fixture, 'cargo build -p portalscan-portal-fixture'],
  [path.join(root, 'fixtures/portal/dist/synthetic/portal.js'), 'npm run build:portal'],
]) {
  assert.ok(fs.existsSync(file), `${file} is missing: ${how} first`);
}

// Rules that read a fact only the DevTools protocol gives (the fields the package leaves
// unknown, listed in its report's pages[].unknown). Read from the rules' sources
// (crates/core/src/rules): response and requests (headers, bodies, what was sent),
// cookies (flags, HttpOnly ones), console, the Tab walk and its focus order, pointer
// listeners, the back-after-logout visit.
const NEEDS_UNKNOWN_FACTS = new Set([
  'focus-visible', 'focus-not-obscured', 'keyboard-trap', 'keyboard-trap-exit', 'keyboard-unreachable',
  'transport-hsts', 'transport-https', 'phi-response-no-store',
  'session-cookie-flags', 'phi-in-cookie', 'phi-in-url', 'phi-in-console', 'phi-third-party',
  'phi-referrer-leak', 'phi-restored-after-logout',
]);

// The language-of-content rules judge by word lists the package leaves out to stay small
// (the core's `word-lists` feature; its report says so in coverage, `word_lists`): there
// it fails only text in another writing system (as the crawler does) and otherwise counts
// function words. Like the facts above, its answer must be
// `review`, nothing, or the crawler's own.
const NEEDS_WORD_LISTS = new Set(['page-lang-matches', 'element-lang-matches']);

// text-contrast and text-contrast-enhanced (the same measurement, crates/core/src/paint/
// text.rs, with AA and AAA thresholds) read paint order, which no page API gives: where
// another box overlaps a text, the package answers review (crates/core/src/paint/
// layers.rs); the crawler, knowing which paints on top, fail or pass. Everywhere else they
// must agree exactly.
const NEEDS_PAINT_ORDER = new Set(['text-contrast', 'text-contrast-enhanced']);

const pagePath = (url) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};
const keyOf = (f) => `${pagePath(f.url)} ${f.rule} ${f.outcome} ${f.selector}`;

/** Counts of each key (a rule may report the same selector twice: two cookies...). */
function counts(findings) {
  const out = new Map();
  for (const f of findings) out.set(keyOf(f), (out.get(keyOf(f)) ?? 0) + 1);
  return out;
}

/** Starts the fixture portal on a free loopback port; resolves to its origin and process. */
async function startPortal() {
  const child = spawn(fixture, [], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`portal-fixture exited (${code})`)));
  });
  return { child, origin: new URL(first).origin };
}

/** `portalscan crawl` over the portal, as crates/cli/tests/crawl_portal.rs runs it. */
function crawl(origin, dir) {
  const config = path.join(dir, 'portalscan.toml');
  fs.writeFileSync(
    config,
    `[scope]\nexclude = ["*/logout*"]\n\n[logout]\nurl = "${origin}/s/logout"\n`,
  );
  const out = spawnSync(
    cli,
    ['crawl', `${origin}/s/home`, '--config', config, '--chrome', chrome, '--jobs', '1',
      '--format', 'json', '--all', '--no-screenshots', '--output-dir', path.join(dir, 'out')],
    { encoding: 'utf8' },
  );
  const file = path.join(dir, 'out/report.json');
  assert.ok(fs.existsSync(file), `the crawl wrote no report (exit ${out.status}):\n${out.stderr}`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Scans `url` with the package in a fresh browser context (the crawler visits each page in
 * a context of its own), at the crawler's window size, once the page settled. The package
 * is served from the page's own origin (a route), as a test or the extension would load it.
 */
async function scanWithPackage(browser, url, crawledSelectors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/__portalscan/**', (route) => {
    const name = path.basename(new URL(route.request().url()).pathname);
    const file = path.join(pkg, name);
    if (!fs.existsSync(file)) return route.fulfill({ status: 404 });
    return route.fulfill({
      contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
      body: fs.readFileSync(file),
    });
  });
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    return await page.evaluate(async (crawledSelectors) => {
      const m = await import('/__portalscan/portalscan.js');
      await m.default('/__portalscan/portalscan_bg.wasm');
      const report = await m.scan(document, { all: true });
      // LWC synthetic shadow (the Aura-style pages): the page's own `childNodes` of the
      // app's host hides the component's rendered tree; the snapshot must hold it.
      const host = document.querySelector('c-portal-app');
      const dom = (await m.snapshot()).dom;
      const at = dom.findIndex((n) => n.name === 'c-portal-app');
      const synthetic = {
        patchedChildren: host ? host.childNodes.length : -1,
        snapshotChildren: dom.filter((n) => n.parent === at).length,
        bundle: document.querySelector('script[src*="/synthetic/"]') ? 'synthetic' : 'other',
      };
      // Custom elements whose shadow root is closed: the page cannot see inside (the
      // protocol can). Read with the browser's own accessors: synthetic shadow patches the
      // page's. The crawler's selectors cross `>>>` only at real shadow hosts, so a host
      // without an open root there is a closed one.
      const frame = document.createElement('iframe');
      document.body.appendChild(frame);
      const native = frame.contentWindow;
      const all = (scope) =>
        (scope.nodeType === Node.DOCUMENT_NODE ? native.Document : native.DocumentFragment)
          .prototype.querySelectorAll.call(scope, '*');
      const shadowRoot = Object.getOwnPropertyDescriptor(native.Element.prototype, 'shadowRoot').get;
      const closedHosts = [];
      const visit = (scope) => {
        for (const el of all(scope)) {
          const open = shadowRoot.call(el);
          if (open) visit(open);
          else if (el.localName.includes('-')) closedHosts.push(el.localName);
        }
      };
      visit(document);
      // The crawler's selectors that pass through a frame of another origin: the page may
      // not read that frame's document (the crawler reads it over its own DevTools target).
      const querySelector = (scope, part) =>
        (scope.nodeType === Node.DOCUMENT_NODE ? native.Document : native.DocumentFragment)
          .prototype.querySelector.call(scope, part);
      const contentDocument = Object.getOwnPropertyDescriptor(native.HTMLIFrameElement.prototype, 'contentDocument').get;
      const behindOtherOrigin = crawledSelectors.filter((selector) => {
        let scope = document;
        const parts = selector.split(' >>> ');
        for (let i = 0; i < parts.length - 1; i++) {
          let el = null;
          try {
            el = querySelector(scope, parts[i]);
          } catch {
            return false;
          }
          if (!el) return false;
          if (el.localName === 'iframe') {
            const doc = contentDocument.call(el);
            if (!doc) return true;
            scope = doc;
          } else {
            scope = shadowRoot.call(el);
            if (!scope) return false;
          }
        }
        return false;
      });
      frame.remove();
      return { report, closedHosts: [...new Set(closedHosts)], synthetic, behindOtherOrigin };
    }, crawledSelectors);
  } finally {
    await context.close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portalscan-parity-'));
const { child, origin } = await startPortal();
let failures = 0;
let syntheticPages = 0;
try {
  const crawled = crawl(origin, dir);
  const pages = crawled.pages.map((p) => p.url).filter((u) => !pagePath(u).endsWith('/logout'));
  assert.ok(pages.length >= 6, `the crawl visited the fixture's six pages: ${pages}`);
  const browser = await chromium.launch({
    executablePath: chrome,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const url of pages) {
      const where = pagePath(url);
      const start = Date.now();
      const theirs = crawled.findings.filter((f) => pagePath(f.url) === where);
      const { report, closedHosts, synthetic, behindOtherOrigin } = await scanWithPackage(browser,
        `${origin}${new URL(url).pathname}${new URL(url).search}`, [...new Set(theirs.map((f) => f.selector))]);
      const mine = report.findings;
      const problems = compare(mine, theirs, closedHosts, new Set(behindOtherOrigin));
      // What the page cannot read is said, not skipped: each such frame is a coverage gap.
      const frameGaps = report.pages[0].coverage.gaps.filter((g) => g.what === 'frame');
      if (behindOtherOrigin.length && frameGaps.length === 0) {
        problems.push(`the crawler found ${behindOtherOrigin.length} selector(s) inside a frame of another origin, and the package lists no frame gap`);
      }
      if (synthetic.bundle === 'synthetic' && synthetic.patchedChildren >= 0) {
        syntheticPages++;
        // Under synthetic shadow the page's childNodes of the host shows none of the tree
        // the component rendered; the collector reads the browser's own accessors.
        if (synthetic.patchedChildren !== 0 || synthetic.snapshotChildren === 0) {
          problems.push(`synthetic shadow: the page shows ${synthetic.patchedChildren} children of c-portal-app, the snapshot ${synthetic.snapshotChildren}`);
        }
      }
      if (problems.length) {
        failures++;
        console.log(`FAIL ${where}: the package and the crawler differ:\n  ${problems.join('\n  ')}`);
      } else {
        console.log(`ok   ${where}: ${mine.length} findings agree (${Date.now() - start} ms)`);
      }
    }
  } finally {
    await browser.close();
  }
  if (syntheticPages === 0) {
    failures++;
    console.log('FAIL no page ran LWC synthetic shadow: the test checked nothing of it');
  } else {
    console.log(`ok   synthetic shadow: the snapshot holds the real tree on ${syntheticPages} pages`);
  }
} finally {
  child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * One line per difference between the package's findings and the crawler's on one page.
 * Behind a closed shadow root, or inside a frame of another origin, only the protocol
 * sees: the package reports nothing there.
 */
function compare(mine, crawled, closedHosts, behindOtherOrigin) {
  const hidden = (f) =>
    behindOtherOrigin.has(f.selector) ||
    f.selector.split(' >>> ').slice(0, -1).some((part) => {
      const host = part.trim().split(/[\s>]+/).pop().split(/[.#:[]/)[0];
      return closedHosts.includes(host);
    });
  const problems = [];
  const reviewed = new Set(
    mine.filter((f) => NEEDS_PAINT_ORDER.has(f.rule) && f.outcome === 'review').map((f) => `${f.rule} ${f.selector}`),
  );
  const theirs = crawled.map((f) =>
    NEEDS_PAINT_ORDER.has(f.rule) && reviewed.has(`${f.rule} ${f.selector}`) ? { ...f, outcome: 'review' } : f,
  );
  const same = (f) => !NEEDS_UNKNOWN_FACTS.has(f.rule) && !NEEDS_WORD_LISTS.has(f.rule);
  const want = counts(theirs.filter((f) => same(f) && !hidden(f)));
  const got = counts(mine.filter(same));
  for (const [key, n] of want) {
    if ((got.get(key) ?? 0) !== n) problems.push(`crawler ${n}, package ${got.get(key) ?? 0}: ${key}`);
  }
  for (const [key, n] of got) {
    if (!want.has(key)) problems.push(`package ${n}, crawler 0: ${key}`);
  }
  // The others: a package fail or pass must be one the crawler gave too.
  const theirsAll = counts(theirs);
  for (const [key, n] of counts(mine.filter((f) => !same(f) && f.outcome !== 'review'))) {
    if ((theirsAll.get(key) ?? 0) < n) problems.push(`package ${n}, crawler ${theirsAll.get(key) ?? 0} (a fact the page cannot know): ${key}`);
  }
  return problems;
}

if (failures) {
  console.log(`${failures} page(s) differ`);
  process.exit(1);
}
console.log('parity: all pages agree');
