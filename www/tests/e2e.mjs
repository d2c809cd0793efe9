// The contrast page in headless Chromium over a loopback server. Run after
// scripts/build-www.sh (scripts/test.sh does):  node www/tests/e2e.mjs
// Asserts real behaviour: typed colours and their verdicts, applying a suggestion, a shared
// URL, keyboard-only use, the SLDS palette and CSV, a snippet check, no request off the
// origin, and no violation from axe-core or portalscan in light and dark schemes.
// Screenshots go to www/tests/artifacts/ (gitignored).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');
const artifacts = path.join(here, 'artifacts');
const root = path.resolve(here, '../..');
assert.ok(fs.existsSync(path.join(dist, 'index.html')), `${dist}: run scripts/build-www.sh first`);
fs.mkdirSync(artifacts, { recursive: true });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const rel = url.pathname === '/' ? 'index.html' : path.normalize(url.pathname).slice(1);
  const file = path.join(dist, rel);
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.statusCode = 404;
    return res.end();
  }
  res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
  res.end(fs.readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const offOrigin = [];
let failures = 0;

async function open(query = '', contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !/^(data|blob|about):/.test(u)) offOrigin.push(u);
  });
  page.on('pageerror', (e) => { throw e; });
  await page.goto(`${origin}/${query}`);
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true');
  return page;
}

const verdict = (page, level) => page.textContent(`#verdicts tr[data-level="${level}"] .verdict`);

async function test(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${name}\n${e.stack}`);
  }
}

await test('typed colours give the core verdicts, never rounded up', async () => {
  const page = await open();
  await page.fill('#fg', '#777');
  await page.fill('#bg', 'white');
  assert.equal(await page.textContent('#ratio'), '4.47');
  assert.match(await verdict(page, 'aa'), /Fail/);
  assert.match(await verdict(page, 'aa-large'), /Pass/);
  assert.match(await verdict(page, 'non-text'), /Pass/);
  assert.match(await page.textContent('#apca'), /^7\d\.\d$/);
  // The live region announces the settled result.
  await page.waitForFunction(() => document.getElementById('announce').textContent.includes('4.47 to 1'));
  // A bad colour is reported on its field, not guessed.
  await page.fill('#fg', 'not a colour');
  assert.equal(await page.getAttribute('#fg', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#fg-error'), /Not a text colour the core can read/);
  await page.context().close();
});

await test('applying a suggestion passes and lands in the URL', async () => {
  const page = await open('?fg=%23777&bg=%23fff&level=aa');
  const first = page.locator('#suggestions li').first();
  assert.match(await first.textContent(), /Text: #767676 — 4\.54:1/);
  assert.equal(await page.locator('#suggestions li').count(), 3);
  await first.locator('button').click();
  assert.equal(await page.inputValue('#fg'), '#767676');
  assert.equal(await page.textContent('#ratio'), '4.54');
  assert.match(await verdict(page, 'aa'), /Pass/);
  assert.match(page.url(), /fg=%23767676/);
  assert.equal(await page.locator('#cvd li').count(), 4);
  await page.screenshot({ path: path.join(artifacts, 'applied.png'), fullPage: true });
  await page.context().close();
});

await test('a shared URL reproduces the check (translucent pair on a page colour)', async () => {
  const q = new URLSearchParams({ fg: '#ffffff', bg: 'rgb(0 0 0 / 50%)', page: 'black', level: 'aaa' });
  const page = await open(`?${q}`);
  assert.equal(await page.inputValue('#bg'), 'rgb(0 0 0 / 50%)');
  assert.equal(await page.inputValue('#bg-alpha'), '50');
  assert.equal(await page.inputValue('#level'), 'aaa');
  assert.equal(await page.textContent('#ratio'), '21.00');
  await page.fill('#page', 'white');
  assert.equal(await page.textContent('#ratio'), '3.97');
  await page.context().close();
});

await test('the page numbers are the native core numbers (pairs table)', async () => {
  const pairs = JSON.parse(fs.readFileSync(path.join(here, 'pairs.json'), 'utf8'));
  const nativeFile = path.join(here, 'pairs-native.json');
  assert.ok(fs.existsSync(nativeFile), `${nativeFile}: run cargo test -p portalscan-wasm --test pairs_table first`);
  const native = JSON.parse(fs.readFileSync(nativeFile, 'utf8'));
  const page = await open();
  const got = await page.evaluate(async (pairs) => {
    const m = await import('./pkg/portalscan.js');
    await m.default();
    return pairs.map((p) => m.checkPair(p.fg, p.bg, { page: p.page, level: 'aa' }));
  }, pairs);
  assert.equal(native.length, pairs.length, 'pairs-native.json is stale: run cargo test -p portalscan-wasm --test pairs_table');
  pairs.forEach((p, i) => {
    const [w, n] = [got[i], native[i]];
    const what = `${p.fg} on ${p.bg}`;
    assert.ok(Math.abs(w.ratio - n.ratio) < 1e-9, `${what}: page ${w.ratio}, core ${n.ratio}`);
    assert.equal(w.ratioText, n.ratioText, what);
    assert.deepEqual(w.verdicts, n.verdicts, what);
    assert.deepEqual(w.suggestions.map((s) => [s.fg, s.bg]), n.suggestions.map((s) => [s.fg, s.bg]), what);
    if (p.ratioText) assert.equal(w.ratioText, p.ratioText, what);
    assert.equal(w.verdicts.aa, p.aa, what);
  });
  await page.context().close();
});

await test('keyboard only: type a colour and apply a suggestion', async () => {
  const page = await open();
  const tabTo = async (predicate, max = 60) => {
    for (let i = 0; i < max; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(predicate)) return;
    }
    throw new Error(`not reached with Tab: ${predicate}`);
  };
  await tabTo(() => document.activeElement.id === 'fg');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('#999');
  assert.match(await verdict(page, 'aa'), /Fail/);
  await tabTo(() => document.activeElement.textContent === 'Apply');
  await page.keyboard.press('Enter');
  assert.match(await verdict(page, 'aa'), /Pass/);
  await page.context().close();
});

await test('the SLDS palette loads into a matrix with CSV export', async () => {
  const page = await open();
  await page.click('#palette-slds');
  await page.waitForSelector('#matrix table');
  const n = JSON.parse(fs.readFileSync(path.join(dist, 'slds-palette.json'), 'utf8')).length;
  assert.equal(await page.locator('#matrix tbody tr').count(), n);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#palette-csv')]);
  const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(csv.length, n * n + 1);
  // SLDS neutral 50 (#747474) on white: 4.6x:1, AA.
  assert.ok(csv.some((l) => /^neutral-base-50,"rgb\(116, 116, 116\)",neutral-base-100,"rgb\(255, 255, 255\)",4\.6\d,aa$/.test(l)), csv.slice(0, 3).join('\n'));
  // With a palette loaded, a failing pair also gets the nearest passing palette colour.
  await page.fill('#fg', '#939393');
  assert.match(await page.textContent('#suggestions'), /Palette text: rgb\(116, 116, 116\)/);
  await page.screenshot({ path: path.join(artifacts, 'palette.png') });
  await page.context().close();
});

await test('a snippet is checked in the browser', async () => {
  const page = await open();
  await page.fill('#snippet', '<main><p style="color:#aaa;background:#fff">Your results are ready</p><img src="x.png"></main>');
  await page.click('#snippet-check');
  await page.waitForFunction(() => /failure/.test(document.getElementById('snippet-status').textContent));
  const text = await page.textContent('#snippet-findings');
  assert.match(text, /text-contrast/);
  assert.match(text, /image-name|image-alt/);
  await page.context().close();
});

await test('works offline once loaded', async () => {
  const page = await open('?fg=%23777&bg=%23fff');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true');
  assert.equal(await page.textContent('#ratio'), '4.47');
  await page.context().close();
});

await test('screenshot for the README (failing pair with suggestions)', async () => {
  const page = await open('?fg=%231b96ff&bg=%23ffffff&level=aa', { viewport: { width: 820, height: 1500 } });
  // From the result to the suggestions: the part a designer comes for.
  const top = await page.locator('section:has(#result-h)').boundingBox();
  const end = await page.locator('section:has(#suggest-h)').boundingBox();
  const clip = { x: 0, y: top.y - 8, width: 820, height: end.y + end.height - top.y + 16 };
  await page.screenshot({ path: path.join(artifacts, 'contrast-page.png'), clip, fullPage: true });
  await page.context().close();
});

for (const scheme of ['light', 'dark']) {
  await test(`no violation from axe-core or portalscan (${scheme})`, async () => {
    // bypassCSP: axe is injected inline, which the page's own policy rightly refuses.
    const page = await open('', { bypassCSP: true, colorScheme: scheme });
    await page.click('#palette-slds');
    await page.waitForSelector('#matrix table');
    await page.addScriptTag({ content: fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8') });
    const axe = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    const fails = await page.evaluate(async () => {
      const m = await import('./pkg/portalscan.js');
      await m.default();
      // transport-https: the test server is plain http on loopback, not the page's fault.
      const r = await m.scan(document, { skip: ['transport-https'] });
      // The page's target is AA, as axe's tags above and the CLI's gate (level AAA
      // findings, `level: "AAA"`, are reported and never gate; the preview shows the
      // designer's own pair on purpose).
      return r.findings.filter((f) => f.outcome === 'fail' && f.level !== 'AAA')
        .map((f) => `${f.rule} ${f.selector}: ${f.message}`);
    });
    assert.deepEqual(fails, []);
    await page.screenshot({ path: path.join(artifacts, `page-${scheme}.png`) });
    await page.context().close();
  });
}

assert.deepEqual(offOrigin, [], 'the page requested another site');
await browser.close();
server.close();
if (failures) {
  console.log(`${failures} failing`);
  process.exit(1);
}
console.log('www e2e: all passed');
