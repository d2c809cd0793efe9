// An accessibility and PHI check inside a browser test, the way @axe-core/playwright users
// write theirs: open the page, act on it, scan it, assert on the findings. Runs in CI
// (scripts/test.sh) with Node's test runner:   node --test examples/playwright/
// The same calls work in a @playwright/test `test(...)` with its `page` fixture.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { scanPage } from './portalscan-playwright.mjs';

// The app under test. Here a page fulfilled by a route (no server, no network); in your
// own tests, `page.goto()` your portal.
const APP = 'https://portal.test/s/appointments';
const PAGE = `<!doctype html><html lang="en"><head><title>Appointments</title></head><body>
  <main>
    <h1>Appointments</h1>
    <img src="/logo.png" alt="Riverside Health">
    <form><label for="q">Search</label><input id="q"><button id="go" style="min-width:44px;min-height:44px"></button></form>
  </main>
  <script>
    // A component that renders after load, in an open shadow root.
    customElements.define('c-visit', class extends HTMLElement {
      connectedCallback() {
        this.attachShadow({ mode: 'open' }).innerHTML = '<img src="/visit.png">';
      }
    });
    document.querySelector('main').append(document.createElement('c-visit'));
  </script>
</body></html>`;

let browser;
let page;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROME ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  page = await browser.newPage();
  await page.route('https://portal.test/**', (route) =>
    route.request().url() === APP
      ? route.fulfill({ contentType: 'text/html', body: PAGE })
      : route.fallback(), // the package's files: scanPage() routes them
  );
  await page.goto(APP);
});
after(() => browser?.close());

const failures = (report) => report.findings.filter((f) => f.outcome === 'fail');

test('the appointments page has the two planted failures and no others', async () => {
  const report = await scanPage(page);
  const found = failures(report).map((f) => `${f.rule} ${f.selector}`);
  assert.deepEqual(found.sort(), [
    'button-name #go',
    'image-name html > body > main > c-visit >>> img',
  ]);
  assert.equal(report.summary.fail, 2);
});

test('a scan limited to one rule, with passes listed', async () => {
  const report = await scanPage(page, { rules: ['image-name'], all: true });
  const outcomes = report.findings.map((f) => `${f.outcome} ${f.selector}`);
  assert.deepEqual(outcomes.sort(), [
    'fail html > body > main > c-visit >>> img',
    'pass html > body > main > img',
  ]);
});

test('fixing the page in the test fixes the finding', async () => {
  await page.evaluate(() => document.getElementById('go').append('Search'));
  const report = await scanPage(page, { rules: ['button-name'] });
  assert.deepEqual(failures(report), []);
});

test('the report says which facts a page cannot give', async () => {
  const report = await scanPage(page, { skip: ['image-name'] });
  // Response headers and cookie flags are only known to the CLI's crawler: rules that
  // need them answer review (or nothing), and the report lists them as unknown.
  assert.ok(report.pages[0].unknown.includes('response'), report.pages[0].unknown.join(', '));
});
