// The Wasm package in headless Chromium: scan(), snapshot() and contrast() on live pages
// served from 127.0.0.1. Run after scripts/build-wasm.sh (scripts/test.sh does):
//   node crates/wasm/tests/browser.mjs
// Each case asserts real behaviour of the collector and the core; any failure exits 1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(here, '../pkg');
assert.ok(fs.existsSync(path.join(pkg, 'portalscan_bg.wasm')), `${pkg}: run scripts/build-wasm.sh first`);

const MRN = '00123456';
const pages = {
  '/shadow': `<!doctype html><html lang="en"><head><title>Shadow</title></head><body>
    <main><img src="a.png"><div id="outer"></div><a href="/s/chart?mrn=${MRN}">Chart</a></main>
    <script>
      const outer = document.getElementById('outer').attachShadow({ mode: 'open' });
      outer.innerHTML = '<section><div id="inner"></div><slot></slot></section>';
      const inner = outer.getElementById('inner').attachShadow({ mode: 'open' });
      inner.innerHTML = '<button></button><input id="q">';
      localStorage.setItem('visit', 'follow-up');
    </script></body></html>`,
  '/throws': `<!doctype html><html lang="en"><head><title>Throws</title></head><body>
    <img src="x.png"><script>window.addEventListener('load', () => { throw new Error('page bug'); });
    throw new Error('the page own script fails');</script></body></html>`,
  '/deep': `<!doctype html><html lang="en"><head><title>Deep</title></head><body>
    <script>let n = document.body; for (let i = 0; i < 1000; i++) { const d = document.createElement('div'); n.appendChild(d); n = d; }
    n.appendChild(document.createElement('img'));</script></body></html>`,
  '/large': `<!doctype html><html lang="en"><head><title>Large</title></head><body><main id="m"></main>
    <script>const m = document.getElementById('m'); const rows = [];
    for (let i = 0; i < 20000; i++) rows.push('<p>Visit ' + i + ' <a href="/s/v/' + i + '">open</a></p><span></span><span></span><span></span>');
    m.innerHTML = rows.join('');</script></body></html>`,
  // 1,000 rows of a few styles: most nodes share a style.
  '/rows': `<!doctype html><html lang="en"><head><title>Rows</title></head><body><main id="m"></main>
    <script>const m = document.getElementById('m'); const rows = [];
    for (let i = 0; i < 1000; i++) rows.push('<p>Visit ' + i + ' <a href="/s/v/' + i + '">open</a> <img src="v.png"></p><span style="color:#999">note</span>');
    m.innerHTML = rows.join('');</script></body></html>`,
  // A same-origin frame by src and one by srcdoc (its image 30px in, inside a 7px border),
  // and a frame from another origin (127.0.0.2) the page cannot read.
  '/frames': `<!doctype html><html lang="en"><head><title>Frames</title></head><body style="margin:0">
    <iframe id="visit" title="Visit" src="/frame-inner" style="border:0"></iframe>
    <iframe id="card" title="Card" style="position:absolute; left:100px; top:200px; border:7px solid #000"
      srcdoc="<body style='margin:0'><img src='c.png' style='display:block; margin:30px; width:10px; height:10px'></body>"></iframe>
    <iframe id="pay" title="Payment" src="OTHER_ORIGIN/frame-inner?mrn=${MRN}"></iframe></body></html>`,
  // A component scanned on its own: scan(element) checks it, not the page around it.
  '/part': `<!doctype html><html lang="en"><head><title>Part</title></head><body>
    <aside><button id="outside"></button></aside>
    <main id="part"><h1>Visits</h1><img src="v.png"><div id="host"></div></main>
    <script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<input id="q">';</script>
    </body></html>`,
  // A dialog shown modally at load: the frame behind it (tabindex=-1, a link inside) is
  // inert, so not a keyboard failure now; the image behind it is still checked.
  '/modal': `<!doctype html><html lang="en"><head><title>Modal</title></head><body>
    <img src="behind.png"><iframe title="Links" tabindex="-1" srcdoc="<a href='/'>Home</a>"></iframe>
    <dialog id="consent"><button>Accept</button></dialog>
    <script>document.getElementById('consent').showModal();</script></body></html>`,
  '/hidden': `<!doctype html><html lang="en"><head><title>Hidden</title></head><body>
    <nav id="menu" style="display:none"><ul><li><a href="/a" style="color:#eee">Closed menu</a></li></ul></nav>
    <p id="seen" style="border-top:2px solid rgb(0, 0, 255); color:#777">Low contrast</p>
    <p id="plain">Plain</p></body></html>`,
  '/frame-inner': `<!doctype html><html lang="en"><head><title>Inner</title></head><body><button></button></body></html>`,
  // Chinese instructions under lang="en", English ones under lang="es": without word lists
  // the package fails the first (another script) and leaves the second to people.
  '/lang': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Visit instructions</title></head><body>
    <p>Please arrive fifteen minutes before your visit and bring your insurance card.</p>
    <p id="zh" lang="en">请在就诊前十五分钟到达诊所</p>
    <p id="es" lang="es">Take your medicine with food and drink plenty of water.</p></body></html>`,
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (pages[url.pathname]) {
    res.setHeader('content-type', 'text/html');
    return res.end(pages[url.pathname]);
  }
  const file = path.join(pkg, path.normalize(url.pathname));
  if (!file.startsWith(pkg) || !fs.existsSync(file)) {
    res.statusCode = 404;
    return res.end();
  }
  res.setHeader('content-type', file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
  res.end(fs.readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
// Another origin on loopback for the cross-origin frame: the same pages from 127.0.0.2.
const other = http.createServer((req, res) => server.emit('request', req, res));
await new Promise((ok) => other.listen(0, '127.0.0.2', ok));
pages['/frames'] = pages['/frames'].replace('OTHER_ORIGIN', `http://127.0.0.2:${other.address().port}`);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function inPage(route, fn) {
  const page = await browser.newPage();
  page.on('pageerror', () => {}); // the pages' own errors are part of the test
  await page.goto(origin + route);
  try {
    return await page.evaluate(fn);
  } finally {
    await page.close();
  }
}

let failures = 0;
async function test(name, body) {
  const start = Date.now();
  try {
    await body();
    console.log(`ok   ${name} (${Date.now() - start} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n${e.stack || e}`);
  }
}

await test('snapshot and scan see open shadow roots, nested, with storage', async () => {
  const out = await inPage('/shadow', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    const snap = await m.snapshot();
    const report = await m.scan();
    return { snap, report, text: JSON.stringify(report) };
  });
  assert.ok(JSON.stringify(out.snap.dom).includes('inner'), 'the nested shadow content is in the snapshot');
  assert.ok(JSON.stringify(out.snap).includes('visit'), 'localStorage is in the snapshot');
  const fails = out.report.findings.filter((f) => f.outcome === 'fail').map((f) => `${f.rule} ${f.selector}`);
  assert.ok(fails.some((f) => f.startsWith('image-name ')), `image-name fails: ${fails}`);
  assert.ok(fails.some((f) => f.startsWith('button-name ') && f.split('>>>').length === 3),
    `the button two shadow roots deep fails button-name: ${fails}`);
  assert.ok(fails.some((f) => f.startsWith('phi-in-url ')), `the MRN in a link fails phi-in-url: ${fails}`);
  assert.ok(!out.text.includes(MRN), 'the report never shows the raw MRN');
  for (const key of ['version', 'tool', 'findings', 'errors', 'summary', 'pages']) {
    assert.ok(key in out.report, `the report has ${key} (the CLI's JSON contract)`);
  }
  assert.equal(out.report.summary.fail, out.report.findings.filter((f) => f.outcome === 'fail').length);
  assert.ok(Array.isArray(out.report.pages[0].unknown) && out.report.pages[0].unknown.length > 0,
    'the report lists what the page could not tell');
});

await test('snapshotJson writes each style once, and scans to the same report as the array form', async () => {
  const out = await inPage('/rows', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    const snap = await m.snapshot();
    const table = m.snapshotJson(snap);
    const array = JSON.stringify(snap);
    const key = '0'.repeat(64);
    const findings = async (text) => (await m.scanSnapshot(text, { all: true, fingerprintKey: key })).findings
      .map((f) => `${f.rule} ${f.outcome} ${f.selector} ${f.message}`);
    // What crossed a message channel (the extension's content script) has no shared objects.
    const cloned = m.snapshotJson(structuredClone(snap));
    return {
      nodes: snap.dom.length,
      styles: JSON.parse(table).dom.styles.length,
      tableBytes: table.length,
      arrayBytes: array.length,
      clonedSame: cloned === table,
      same: JSON.stringify(await findings(table)) === JSON.stringify(await findings(array)),
      count: (await findings(table)).length,
    };
  });
  assert.ok(out.styles > 1 && out.styles * 50 < out.nodes, `${out.styles} styles for ${out.nodes} nodes`);
  assert.ok(out.tableBytes * 4 < out.arrayBytes, `table form ${out.tableBytes} bytes, array form ${out.arrayBytes}`);
  assert.ok(out.clonedSame, 'styles are matched by content when identity was lost');
  assert.ok(out.count > 100 && out.same, `the same ${out.count} findings from both forms`);
});

await test('a page whose own scripts throw is still scanned', async () => {
  const out = await inPage('/throws', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    return (await m.scan()).findings.map((f) => `${f.rule}:${f.outcome}`);
  });
  assert.ok(out.includes('image-name:fail'), String(out));
});

await test('a page 1,000 levels deep resolves', async () => {
  const out = await inPage('/deep', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    try {
      return { findings: (await m.scan()).findings.map((f) => f.rule) };
    } catch (e) {
      return { error: String(e && e.message) };
    }
  });
  if (out.error) assert.match(out.error, /^portalscan: /, 'an error is a clear, rejected promise');
  else assert.ok(out.findings.includes('image-name'), String(out.findings));
});

await test('a 100,000-element page resolves', async () => {
  const out = await inPage('/large', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    const elements = document.getElementsByTagName('*').length;
    try {
      const report = await m.scan();
      return { elements, findings: report.findings.length };
    } catch (e) {
      return { elements, error: String(e && e.message) };
    }
  });
  assert.ok(out.elements >= 100000, `the page has ${out.elements} elements`);
  if (out.error) assert.match(out.error, /^portalscan: /);
});

await test('same-origin frames are scanned in place; another origin\'s is a named gap', async () => {
  // page.goto waits for the load event, which waits for every frame's.
  const out = await inPage('/frames', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    const snap = await m.snapshot();
    const report = await m.scan();
    return { snap, report, text: JSON.stringify(report) };
  });
  const fails = out.report.findings.filter((f) => f.outcome === 'fail').map((f) => `${f.rule} ${f.selector}`);
  assert.ok(fails.includes('button-name #visit >>> html > body > button'), `the src frame's button: ${fails}`);
  assert.ok(fails.some((f) => f.startsWith('image-name #card >>> ')), `the srcdoc frame's image: ${fails}`);
  // Frame boxes in page coordinates: the frame's place plus its border, then the image's margin.
  const img = out.snap.dom.find((n) => n.type === 'element' && n.name === 'img');
  assert.deepEqual(img.rect, { x: 100 + 7 + 30, y: 200 + 7 + 30, width: 10, height: 10 });
  const documents = out.snap.dom.filter((n) => n.type === 'content_document');
  assert.equal(documents.length, 2, `two frame documents attached: ${JSON.stringify(documents)}`);
  // The other origin's frame: not attached, named in the coverage, its URL redacted.
  const gaps = out.report.pages[0].coverage.gaps.filter((g) => g.what === 'frame');
  assert.equal(gaps.length, 1, JSON.stringify(out.report.pages[0].coverage));
  assert.match(gaps[0].why, /127\.0\.0\.2/);
  assert.ok(!out.text.includes(MRN), 'the report never shows the raw MRN');
  assert.ok(!out.report.pages[0].unknown.includes('frames'), 'frames are no longer unknown as a whole');
  // The package has no word lists: a page with lang says its language was judged less.
  assert.ok(
    out.report.pages[0].coverage.gaps.some((g) => g.what === 'word_lists'),
    `word_lists gap: ${JSON.stringify(out.report.pages[0].coverage)}`,
  );
});

await test('the language rules without word lists: another script fails, the rest is named a gap', async () => {
  const out = await inPage('/lang', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    return await m.scan(document, { all: true });
  });
  const lang = out.findings
    .filter((f) => f.rule === 'element-lang-matches')
    .map((f) => `${f.outcome} ${f.selector}`)
    .sort();
  assert.ok(lang.includes('fail #zh'), `Chinese marked English fails: ${lang}`);
  assert.ok(!lang.includes('fail #es'), `English marked Spanish is not failed without word lists: ${lang}`);
  assert.ok(out.pages[0].coverage.gaps.some((g) => g.what === 'word_lists'), JSON.stringify(out.pages[0].coverage));
});

await test('scan(element) checks that element and its shadow content only', async () => {
  const out = await inPage('/part', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    const part = await m.scan(document.getElementById('part'), { all: true });
    const page = await m.scan(document);
    const list = (r) => r.findings.map((f) => `${f.rule} ${f.outcome} ${f.selector}`);
    return { part: list(part), page: list(page) };
  });
  const fails = (list) => list.filter((f) => f.split(' ')[1] === 'fail');
  assert.ok(fails(out.part).some((f) => f.startsWith('image-name fail #part > img')), String(out.part));
  assert.ok(fails(out.part).some((f) => /^form-field-name fail #host >>> #q/.test(f)), String(out.part));
  // The page's button is outside the element: the page scan fails it, the part scan never sees it.
  assert.ok(fails(out.page).some((f) => f.startsWith('button-name fail #outside')), String(out.page));
  assert.ok(!out.part.some((f) => f.includes('#outside')), String(out.part));
  // Page-level rules judge a document, which an element is not: no title or lang verdicts.
  for (const rule of ['document-title', 'html-has-lang']) {
    assert.ok(!fails(out.part).some((f) => f.startsWith(`${rule} `)), `${rule} on a part: ${out.part}`);
  }
});

await test('a dialog shown modally makes the page behind it inert, and it is still checked', async () => {
  const out = await inPage('/modal', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    const snap = await m.snapshot();
    const report = await m.scan();
    return { modal: snap.dom.filter((n) => n.modal).map((n) => n.name), findings: report.findings.map((f) => `${f.rule}:${f.outcome}`) };
  });
  assert.deepEqual(out.modal, ['dialog']);
  assert.ok(!out.findings.some((f) => f.startsWith('iframe-not-focusable:')), String(out.findings));
  assert.ok(out.findings.includes('image-name:fail'), String(out.findings));
});

await test('a display: none subtree is read as not rendered; values that cannot matter are not read', async () => {
  const out = await inPage('/hidden', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    const snap = await m.snapshot();
    const report = await m.scan(document, { all: true });
    const byId = (id) => snap.dom.find((n) => n.attrs && n.attrs.some(([k, v]) => k === 'id' && v === id));
    const link = snap.dom.find((n) => n.name === 'a');
    return {
      menu: byId('menu'), link, seen: byId('seen').style, plain: byId('plain').style,
      contrast: report.findings.filter((f) => f.rule === 'text-contrast').map((f) => `${f.outcome} ${f.selector}`),
    };
  });
  assert.deepEqual(out.menu.style, { display: 'none' });
  assert.deepEqual(out.link.style, { display: 'none' }, 'inside the hidden menu');
  assert.ok(!out.link.rect, 'no box read inside a hidden subtree');
  // The core's conditions (css.rs relevant_when): a drawn side's colour is read, an
  // undrawn side's is not; a static box's top and a non-clipping box's width neither.
  assert.equal(out.seen['border-top-color'], 'rgb(0, 0, 255)');
  assert.ok(!('border-left-color' in out.seen) && !('top' in out.seen) && !('width' in out.seen), JSON.stringify(out.seen));
  assert.equal(out.plain['border-top-width'], '0px');
  assert.ok(!('outline-width' in out.plain), 'no outline drawn: no width read');
  assert.ok(out.contrast.some((f) => f.startsWith('fail ') && f.includes('#seen')), String(out.contrast));
  assert.ok(!out.contrast.some((f) => f.includes('menu')), String(out.contrast));
});

await test('contrast() gives the core\'s unrounded ratio', async () => {
  const out = await inPage('/throws', async () => {
    const m = await import('/portalscan.js');
    await m.default();
    return [m.contrast('#777', 'white'), m.contrast('oklch(0% 0 0)', 'rgb(255 255 255)')];
  });
  const [grey, black] = out;
  const ratio = (c) => (typeof c.ratio === 'number' ? c.ratio : Number(c.ratio));
  assert.ok(ratio(grey) > 4.47 && ratio(grey) < 4.5, `#777 on white is 4.478…, not rounded up: ${JSON.stringify(grey)}`);
  assert.ok(Math.abs(ratio(black) - 21) < 1e-6, JSON.stringify(black));
});

await browser.close();
server.close();
other.close();
if (failures) {
  console.log(`${failures} failed`);
  process.exit(1);
}
console.log('all passed');
