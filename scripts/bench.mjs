#!/usr/bin/env node
// The one performance bench (issues 10 and 14): portalscan beside axe-core in the same
// headless Chromium (/usr/bin/chromium), on generated portal pages of 1,000, 10,000, 50,000
// and 200,000 elements (the bench crate's generator, crates/bench/src/page.rs, served on
// 127.0.0.1). Prints tables:
//  1. the crawler (crates/bench page-bench: the crawl library in its own Chromium, a fresh
//     browser context per visit, median of --runs visits after a warm-up visit): context,
//     navigate, settle, snapshot, rules, Tab walk; snapshot + rules against axe.run with the
//     Tab walk off (target >= 20x on 10k) and with it on (target >= 10x); Tab walk against
//     the page's own navigation (target <= 1); the crawler process's peak memory;
//  2. the Wasm package (crates/wasm/pkg, scripts/build-wasm.sh): `scan(document)` against
//     axe.run in the same page (target >= 20x on 10k), and its time per 1,000 elements
//     (linear growth keeps it flat);
//  3. crawl throughput on the fixture portal (crates/bench crawl-bench: pages/min with
//     jobs 1 and 2, Tab walk on) and its profile: wall time per DevTools call by method and
//     step (page-bench prints the same profile per page size, on stderr);
//  4. the static scan against the bare html5ever parse (crates/bench portalscan-bench
//     --scaling: 10,000, 50,000 and 200,000 elements; target <= 2x, linear);
//  5. bounded reports: the JSON report of a page 20,000 levels deep with a finding at every
//     level (`portalscan scan`, default bound of 500 per rule), against the 10 MB limit;
//  6. the PHI detectors against one alternation regex over the same 10 MB
//     (crates/core/benches/phi_throughput.rs; target >= 1).
// axe.run: axe-core from npm (node_modules/axe-core), every rule enabled (experimental and
// off-by-default ones too). Times are medians; no figure is asserted (a benchmark, not a
// test: the figures depend on the machine and its load, which the header prints).
//
//   node scripts/bench.mjs                       # every size, 3 runs up to 10k, 1 above
//   node scripts/bench.mjs --sizes 1000,10000    # some sizes only
//   node scripts/bench.mjs --quick               # 1k and 10k, 1 run, no crawl-bench,
//                                                # no static scaling, PHI or bounded report
//   node scripts/bench.mjs --release             # build the Rust side with --release
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROME = process.env.CHROME ?? '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const USAGE = 'usage: node scripts/bench.mjs [--sizes N,N,...] [--runs N] [--quick] [--release] [--no-crawl-bench (also skips 4-6)]';

function parseArgs(argv) {
  const o = { sizes: [1000, 10000, 50000, 200000], runs: null, release: false, crawlBench: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--sizes') {
      o.sizes = value().split(',').map((s) => Number(s.replace(/_/g, '')));
      if (o.sizes.some((n) => !Number.isInteger(n) || n <= 0)) fail(`--sizes: positive whole numbers, comma-separated`);
    } else if (a === '--runs') {
      o.runs = Number(value());
      if (!Number.isInteger(o.runs) || o.runs <= 0) fail('--runs: a positive whole number');
    } else if (a === '--quick') {
      o.sizes = [1000, 10000];
      o.runs = 1;
      o.crawlBench = false;
    } else if (a === '--release') o.release = true;
    else if (a === '--no-crawl-bench') o.crawlBench = false;
    else fail(`unknown argument ${a}`);
  }
  return o;
}

function fail(message) {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));
const runsFor = (n) => opts.runs ?? (n <= 10000 ? 3 : 1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const log = (m) => process.stderr.write(`bench: ${m}\n`);

// --- The Rust side: built once, in the profile asked for.
const pkg = path.join(root, 'crates/wasm/pkg');
if (!fs.existsSync(path.join(pkg, 'portalscan_bg.wasm'))) {
  console.error(`bench: ${pkg}: no Wasm package (run scripts/build-wasm.sh)`);
  process.exit(1);
}
const axePath = path.join(root, 'node_modules/axe-core/axe.min.js');
if (!fs.existsSync(axePath)) {
  console.error(`bench: ${axePath}: no axe-core (run npm ci)`);
  process.exit(1);
}
log(`building the bench binaries (cargo build -p portalscan-bench --bins${opts.release ? ' --release' : ''})`);
execFileSync('cargo', ['build', '-q', '-p', 'portalscan-bench', '--bins', ...(opts.release ? ['--release'] : [])], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const targetDir = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: root })).target_directory;
const bin = (name) => path.join(targetDir, opts.release ? 'release' : 'debug', name);

/** Runs a bench binary to its end; its stdout, or an error naming it and its stderr. */
function run(name, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin(name), args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    // page-bench's stderr is its DevTools call profile: shown as it comes.
    child.stderr.on('data', (d) => {
      err += d;
      if (name === 'page-bench') process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${name} ${args.join(' ')} exited ${code}: ${err.trim()}`)));
  });
}

// --- The page, axe-core and the package, served on 127.0.0.1.
const pages = new Map();
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const page = url.pathname.match(/^\/s\/records-(\d+)$/);
  if (page && pages.has(Number(page[1]))) {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    return res.end(pages.get(Number(page[1])));
  }
  if (url.pathname === '/__axe/axe.min.js') {
    res.setHeader('content-type', 'text/javascript');
    return res.end(fs.readFileSync(axePath));
  }
  const file = path.join(pkg, path.basename(url.pathname));
  if (url.pathname.startsWith('/__portalscan/') && fs.existsSync(file)) {
    res.setHeader('content-type', file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
    return res.end(fs.readFileSync(file));
  }
  res.statusCode = 404;
  res.end();
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
const chromeVersion = browser.version();

/** A fresh context and page at the generated page of `n` elements. */
async function openPage(n) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/s/records-${n}`, { waitUntil: 'load', timeout: 0 });
  return { context, page };
}

/** axe.run with every rule on, timed inside the page. */
async function axeRun(n) {
  const { context, page } = await openPage(n);
  try {
    await page.addScriptTag({ url: `${origin}/__axe/axe.min.js` });
    return await page.evaluate(async () => {
      const rules = Object.fromEntries(window.axe.getRules().map((r) => [r.ruleId, { enabled: true }]));
      const t0 = performance.now();
      const result = await window.axe.run(document, { rules });
      return {
        ms: performance.now() - t0,
        rules: Object.keys(rules).length,
        violations: result.violations.reduce((k, v) => k + v.nodes.length, 0),
        incomplete: result.incomplete.reduce((k, v) => k + v.nodes.length, 0),
      };
    });
  } finally {
    await context.close();
  }
}

/** The Wasm package's scan(document), timed inside the page (init timed apart). */
async function wasmScan(n) {
  const { context, page } = await openPage(n);
  try {
    return await page.evaluate(async (prefix) => {
      const t0 = performance.now();
      const portalscan = await import(`${prefix}portalscan.js`);
      await portalscan.default(`${prefix}portalscan_bg.wasm`);
      const t1 = performance.now();
      const report = await portalscan.scan(document);
      const t2 = performance.now();
      // Where scan()'s time goes, in the same page: collecting the snapshot (JavaScript),
      // its JSON text, reading it in Wasm (a scan with one cheap rule) and the rules.
      const snap = await portalscan.snapshot(document);
      const t3 = performance.now();
      const text = portalscan.snapshotJson(snap); // what scan() sends: the table form
      const t4 = performance.now();
      await portalscan.scanSnapshot(text, { rules: ['document-title'] });
      const t5 = performance.now();
      await portalscan.scanSnapshot(text);
      const t6 = performance.now();
      // The same scan again: V8 has compiled the Wasm and the collector by now (a first
      // scan runs the Wasm in V8's baseline compiler), as for QA's second scan of a page.
      await portalscan.scan(document);
      const t7 = performance.now();
      return {
        againMs: t7 - t6,
        initMs: t1 - t0,
        ms: t2 - t1,
        collectMs: t3 - t2,
        jsonMs: t4 - t3,
        jsonBytes: text.length,
        readMs: t5 - t4,
        scanSnapshotMs: t6 - t5,
        findings: report.findings.length,
      };
    }, '/__portalscan/');
  } finally {
    await context.close();
  }
}

// --- Measure, size by size: the browser side first, then the crawler in its own Chromium.
const rows = [];
for (const n of opts.sizes) {
  const file = path.join(os.tmpdir(), `portalscan-bench-page-${process.pid}-${n}.html`);
  await run('portalscan-bench', ['--elements', String(n), '--write-page', file]);
  pages.set(n, fs.readFileSync(file, 'utf8'));
  fs.rmSync(file);
  const runs = runsFor(n);
  const axe = [];
  const wasm = [];
  for (let r = 0; r < runs; r++) {
    log(`${n} elements: axe.run ${r + 1}/${runs}`);
    axe.push(await axeRun(n));
    log(`${n} elements: Wasm scan(document) ${r + 1}/${runs}`);
    wasm.push(await wasmScan(n));
  }
  pages.delete(n);
  const crawler = {};
  for (const walk of ['off', 'on']) {
    log(`${n} elements: crawler, Tab walk ${walk}, ${runs} visit(s) after a warm-up`);
    const args = ['--elements', String(n), '--tab-walk', walk, '--runs', String(runs)];
    crawler[walk] = JSON.parse((await run('page-bench', args)).trim().split('\n').pop());
  }
  rows.push({
    n,
    runs,
    axe: median(axe.map((a) => a.ms)),
    axeRules: axe[0].rules,
    axeViolations: axe[0].violations,
    wasm: median(wasm.map((w) => w.ms)),
    wasmAgain: median(wasm.map((w) => w.againMs)),
    wasmInit: median(wasm.map((w) => w.initMs)),
    wasmFindings: wasm[0].findings,
    wasmCollect: median(wasm.map((w) => w.collectMs)),
    wasmJson: median(wasm.map((w) => w.jsonMs)),
    wasmJsonBytes: wasm[0].jsonBytes,
    wasmRead: median(wasm.map((w) => w.readMs)),
    wasmRules: median(wasm.map((w) => w.scanSnapshotMs - w.readMs)),
    off: crawler.off,
    on: crawler.on,
  });
}
await browser.close();
server.close();

let crawlBench = [];
let staticScan = [];
let bounded = null;
let phiBench = [];
if (opts.crawlBench) {
  log('crawl-bench on the fixture portal (jobs 1 and 2, Tab walk on)');
  crawlBench = (await run('crawl-bench', ['--runs', '1'])).trim().split('\n');
  log('static scan against the bare parse (portalscan-bench --scaling)');
  staticScan = (await run('portalscan-bench', ['--scaling'])).trim().split('\n');
  log('bounded report of a page 20,000 levels deep');
  bounded = boundedReport(20000);
  log('PHI detectors against one alternation regex (cargo bench phi_throughput)');
  phiBench = execFileSync('cargo', ['bench', '-q', '-p', 'portalscan-core', '--bench', 'phi_throughput'], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  }).trim().split('\n');
}

/**
 * The CLI's JSON report of a page `depth` levels deep with a `positive-tabindex` fail at
 * every level (each selector as long as its element is deep: unbounded, 1.2 GB once), and
 * how many findings it lists and counts as omitted.
 */
function boundedReport(depth) {
  let page = '<!doctype html><html lang="en"><head><title>Bounds</title></head><body><main>';
  for (let i = 0; i < depth; i++) page += `<div tabindex="1" title="item ${i}">item ${i}`;
  page += `${'</div>'.repeat(depth)}</main></body></html>`;
  const cli = path.join(root, `target/${opts.release ? 'release' : 'debug'}/portalscan`);
  execFileSync('cargo', ['build', '-q', '-p', 'portalscan', ...(opts.release ? ['--release'] : [])], { cwd: root, stdio: 'inherit' });
  const started = Date.now();
  let out;
  try {
    out = execFileSync(cli, ['scan', '--format', 'json', '-'], { input: page, maxBuffer: 1 << 30, encoding: 'utf8' });
  } catch (e) {
    out = e.stdout; // exit 1: the page has failures
  }
  const report = JSON.parse(out);
  const omitted = (report.pages[0].truncated ?? []).reduce((n, t) => n + t.omitted, 0);
  return { depth, bytes: Buffer.byteLength(out), listed: report.findings.length, omitted, ms: Date.now() - started };
}

// --- The tables.
const f0 = (x) => x.toFixed(0);
const s2 = (ms) => (ms / 1000).toFixed(2);
const x1 = (r) => `${r.toFixed(1)}x`;
const num = (n) => n.toLocaleString('en-US');
const met = (ok) => (ok ? 'met' : 'NOT met');
const [l1, l5, l15] = os.loadavg();
console.log(`portalscan bench, ${new Date().toISOString().slice(0, 16)}Z; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)}`);
const axeVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/axe-core/package.json'), 'utf8')).version;
console.log(`Chromium ${chromeVersion} (${CHROME}), axe-core ${axeVersion} (${rows[0]?.axeRules ?? '?'} rules, all on), Rust ${opts.release ? 'release' : 'dev (optimised)'} profile; medians of the runs shown`);
console.log('');
console.log('1. Crawler (one visit in a fresh browser context; seconds): snapshot + rules vs axe.run in the same Chromium');
console.log('| elements | runs | own context | navigate | settle | snapshot | rules | Tab walk | walk / navigate | axe.run | ratio, walk off | ratio, walk on | peak memory |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const off = r.off.snapshot_ms + r.off.rules_ms;
  const on = r.on.snapshot_ms + r.on.rules_ms + r.on.tab_walk_ms;
  console.log(`| ${num(r.n)} | ${r.runs} | ${f0(r.on.context_ms)} ms | ${s2(r.on.navigate_ms)} | ${s2(r.on.settle_ms)} | ${s2(r.off.snapshot_ms)} | ${s2(r.off.rules_ms)} | ${s2(r.on.tab_walk_ms)} | ${(r.on.tab_walk_ms / r.on.navigate_ms).toFixed(2)} | ${s2(r.axe)} | ${x1(r.axe / off)} | ${x1(r.axe / on)} | ${f0(Math.max(r.on.peak_rss_kib, r.off.peak_rss_kib) / 1024)} MB |`);
}
console.log('(own context, navigate, settle, Tab walk: from the Tab-walk-on run; snapshot, rules: Tab walk off; ratio walk on: axe.run / (snapshot + rules + Tab walk) of the walk-on run; peak memory: the crawler process, VmHWM)');
console.log('');
console.log('2. Wasm package: scan(document) vs axe.run in the same page (milliseconds)');
console.log('| elements | scan(document) | per 1,000 elements | init (once) | axe.run | ratio | scan again (code warm) | ratio again | findings (fail/review) | axe violations (nodes) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${num(r.n)} | ${f0(r.wasm)} | ${(r.wasm / (r.n / 1000)).toFixed(1)} | ${f0(r.wasmInit)} | ${f0(r.axe)} | ${x1(r.axe / r.wasm)} | ${f0(r.wasmAgain)} | ${x1(r.axe / r.wasmAgain)} | ${r.wasmFindings} | ${r.axeViolations} |`);
}
console.log('');
console.log('Where scan() goes (same page, after the timed scan): collect = snapshot() in JavaScript; JSON = its text in the table form (snapshotJson, as scan() sends it); read = scanSnapshot(text) with one rule (JSON parsed in Wasm); rules = a full scanSnapshot(text) minus read');
console.log('| elements | collect | JSON | JSON size | read in Wasm | rules in Wasm |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${num(r.n)} | ${f0(r.wasmCollect)} | ${f0(r.wasmJson)} | ${(r.wasmJsonBytes / 1e6).toFixed(1)} MB | ${f0(r.wasmRead)} | ${f0(r.wasmRules)} |`);
}
const ten = rows.find((r) => r.n === 10000);
if (ten) {
  console.log('');
  console.log('Targets on the 10,000-element page:');
  const off = ten.off.snapshot_ms + ten.off.rules_ms;
  const on = ten.on.snapshot_ms + ten.on.rules_ms + ten.on.tab_walk_ms;
  console.log(`  crawler snapshot + rules, Tab walk off: ${x1(ten.axe / off)} faster than axe.run (>= 20x: ${met(ten.axe / off >= 20)})`);
  console.log(`  crawler snapshot + rules + Tab walk:    ${x1(ten.axe / on)} faster than axe.run (>= 10x: ${met(ten.axe / on >= 10)})`);
  console.log(`  Wasm scan(document):                    ${x1(ten.axe / ten.wasm)} faster than axe.run (>= 20x: ${met(ten.axe / ten.wasm >= 20)})`);
  console.log(`  fresh browser context:                  ${f0(ten.on.context_ms)} ms (<= 150 ms: ${met(ten.on.context_ms <= 150)})`);
  console.log(`  Tab walk / navigation:                  ${(ten.on.tab_walk_ms / ten.on.navigate_ms).toFixed(2)} (<= 1: ${met(ten.on.tab_walk_ms <= ten.on.navigate_ms)})`);
}
if (crawlBench.length) {
  console.log('');
  console.log('3. Crawl throughput on the fixture portal (crawl-bench --runs 1, Tab walk on; target >= 60 pages/min with 2 jobs):');
  for (const line of crawlBench) console.log(`  ${line}`);
}
if (staticScan.length) {
  console.log('');
  console.log('4. Static scan against the bare html5ever parse (portalscan-bench --scaling; target <= 2x on 10,000 elements, linear to 200,000):');
  for (const line of staticScan) console.log(`  ${line}`);
}
if (bounded) {
  const limit = 10 * 1024 * 1024;
  console.log('');
  console.log(`5. Bounded report: a page ${num(bounded.depth)} levels deep, a finding at every level (portalscan scan --format json, default 500 per rule):`);
  console.log(`  JSON report ${(bounded.bytes / 1048576).toFixed(2)} MB = ${(bounded.bytes / limit).toFixed(3)} of the 10 MB limit (<= 1: ${met(bounded.bytes <= limit)}); ${num(bounded.listed)} findings listed, ${num(bounded.omitted)} counted as omitted; ${s2(bounded.ms)} s`);
}
if (phiBench.length) {
  console.log('');
  console.log('6. PHI detectors against one alternation regex over the same text (target ratio >= 1):');
  for (const line of phiBench) console.log(`  ${line}`);
}
