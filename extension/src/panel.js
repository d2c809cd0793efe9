// The panel (side panel, or panel.html?tab=<id> in a tab): scans the tab's page and
// shows the report. The Wasm runs here, on the extension's page (its CSP allows
// 'wasm-unsafe-eval'; a portal's does not): the content script sends the DOM snapshot,
// the service worker the recorded requests, chrome.cookies the cookies with their flags.
//
// Only the report is ever shown: it is redacted by the core. The snapshot (raw page
// text, values, cookies) never reaches the DOM of this page.
import init from './pkg/portalscan.js';
import * as core from './pkg/glue.js';
import { snapshotJson } from './pkg/collect.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let tabId = params.has('tab') ? Number(params.get('tab')) : null;
let report = null;
let criteria = new Map();
let scanning = false;
let rescanTimer = null;

// PHI fingerprints are keyed. By default one random key per panel: equal values group
// within a session. A key the user sets (the CLI's PORTALSCAN_FINGERPRINT_KEY) makes the
// export's fingerprints the CLI's, so an export can serve as a CLI baseline. It is kept in
// chrome.storage.local on this machine only and never shown again.
const sessionKey = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) =>
  b.toString(16).padStart(2, '0')).join('');
let fingerprintKey = sessionKey;

// Short names of the core's coverage gaps (`pages[].coverage.gaps[].what`); the core's
// `why` follows each.
const GAP_TEXT = {
  response: 'Response headers of the page (allow the site, then reload the page)',
  cookies: 'Cookies and their flags (allow the site)',
  requests: 'Requests the page made (allow the site, then reload the page)',
  storage: 'Web storage, IndexedDB and Cache Storage',
  console: 'Console messages',
  focus_order: 'Focus order as the browser walks it',
  keyboard: 'A live Tab walk (keyboard traps, unreachable controls, focus indicators)',
  pointer_handlers: 'Elements with pointer listeners',
  viewport: 'The viewport',
  closed_shadow_roots: 'Closed shadow roots',
  paint_order: 'Paint order (what covers what)',
  focus_style: 'The focused style of controls',
  text_backdrop: 'The pixels behind text over a background image',
  bodies: 'Request and response bodies (the extension sees headers only)',
  review: 'Rules that could not decide (their findings are under “To review”)',
  frame: 'A frame’s document',
  layout: 'Layout',
  stylesheet: 'A stylesheet',
};

async function targetTab() {
  if (tabId !== null) return chrome.tabs.get(tabId);
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab) throw new Error('no active tab');
  tabId = tab.id;
  return tab;
}

const originPattern = (url) => {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? `${u.origin}/*` : null;
  } catch {
    return null;
  }
};

/** Cookies in the snapshot's shape (crates/core/src/snapshot.rs `Cookie`). */
function snapshotCookie(c) {
  const sameSite = { no_restriction: 'None', lax: 'Lax', strict: 'Strict' }[c.sameSite];
  return {
    name: c.name, value: c.value, domain: c.domain, path: c.path,
    secure: c.secure, http_only: c.httpOnly, session: c.session,
    ...(sameSite ? { same_site: sameSite } : {}),
  };
}

const sameDocument = (a, b) => {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

/**
 * Runs `func(arg)` with content.js in tab `tab`'s top frame, or in frame `frameId`;
 * its result.
 */
async function runIn(tab, frameId, func, arg) {
  const target = frameId === undefined ? { tabId: tab } : { tabId: tab, frameIds: [frameId] };
  await chrome.scripting.executeScript({ target, files: ['content.js'] });
  const [{ result }] = await chrome.scripting.executeScript({ target, func, args: [arg] });
  return result;
}

/** Runs the collector in one frame of the tab (the top one without `frameId`). */
async function collectFrame(tab, properties, frameId) {
  const result = await runIn(tab, frameId, (p) => globalThis.__portalscan.snapshot(p), properties);
  if (typeof result !== 'string') throw new Error('the page did not answer (reload it and scan again)');
  const collected = JSON.parse(result);
  if (collected.error) throw new Error(`reading the page failed: ${collected.error}`);
  return collected;
}

// Frames of other origins attached, as the crawler and the collector bound them
// (crates/browser/src/capture.rs): at most 4 deep and 32 in all.
const MAX_FRAME_DEPTH = 4;
const MAX_FRAMES = 32;

/**
 * Collects each frame of another origin in its own frame (the content script runs there
 * with the site's access) and attaches its document to its frame element, as the crawler
 * attaches an out-of-process frame. A frame the extension may not read (no access to its
 * site) stays unattached: the core lists it as a coverage gap.
 */
async function attachFrames(tabId, properties, dom, frames, budget) {
  if (frames.length === 0) return dom;
  const frameIds = await frameIdsByToken(tabId, frames);
  // The last element first: splicing a frame in moves only the nodes after it.
  for (const frame of [...frames].sort((a, b) => b.node - a.node)) {
    const frameId = frameIds.get(frame.key);
    if (frameId === undefined || budget.left === 0 || frame.depth > MAX_FRAME_DEPTH) continue;
    let inner;
    try {
      inner = await collectFrame(tabId, properties, frameId);
    } catch {
      continue;
    }
    budget.left -= 1;
    const frameDom = await attachFrames(tabId, properties, inner.snapshot.dom, inner.frames ?? [],
      budget);
    dom = spliceFrame(dom, frame, frameDom, inner.snapshot.url);
  }
  return dom;
}

/**
 * The tab's frame ids by the token each frame's content script was posted by its parent's
 * (content.js `frameToken`). Messages arrive asynchronously: asked again, briefly, until
 * every frame answered; a frame the extension may not access never does.
 */
async function frameIdsByToken(tabId, frames) {
  let ids = new Map();
  for (let attempt = 0; attempt < 8; attempt++) {
    const answers = await chrome.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => globalThis.__portalscan?.frameToken?.() ?? null,
    }).catch(() => []);
    ids = new Map(answers.filter((a) => typeof a.result === 'string').map((a) => [a.result, a.frameId]));
    if (frames.every((f) => ids.has(f.key))) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return ids;
}

/**
 * The arena with `frameDom` (node 0 its document) attached as the `content_document` of
 * the frame element at `frame.node`, right after it, its boxes moved onto the page.
 */
function spliceFrame(dom, frame, frameDom, url) {
  const owner = frame.node;
  const added = frameDom.length; // its document node becomes the content_document
  const inside = frameDom.slice(1).map((n) => ({
    ...n,
    parent: owner + 1 + n.parent,
    ...(n.rect ? { rect: { ...n.rect, x: n.rect.x + frame.dx, y: n.rect.y + frame.dy } } : {}),
  }));
  const after = dom.slice(owner + 1).map((n) => (n.parent > owner ? { ...n, parent: n.parent + added } : n));
  return [...dom.slice(0, owner + 1), { parent: owner, type: 'content_document', url }, ...inside, ...after];
}

/** Runs the collector in the tab and adds the browser's facts; never shown. */
async function collect(tab) {
  const properties = JSON.parse(core.capturedProperties());
  // Into every frame the extension may access, so other origins' frames can be collected.
  await chrome.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: ['content.js'] })
    .catch(() => {});
  const collected = await collectFrame(tab.id, properties);
  const { snapshot, unknown } = collected;
  snapshot.dom = await attachFrames(tab.id, properties, snapshot.dom, collected.frames ?? [],
    { left: MAX_FRAMES });
  const pattern = originPattern(snapshot.url);
  const allowed = pattern ? await chrome.permissions.contains({ origins: [pattern] }) : false;
  if (allowed) {
    // Without host access getAll answers [] (not "no cookies"): only asked when allowed.
    snapshot.cookies = (await chrome.cookies.getAll({ url: snapshot.url })).map(snapshotCookie);
    const net = await chrome.runtime.sendMessage({ type: 'network-facts', tabId: tab.id });
    if (net && sameDocument(net.documentUrl, snapshot.url)) {
      if (net.response) snapshot.response = net.response;
      snapshot.requests = net.requests;
      unknown.push('bodies');
    }
  }
  return { snapshot, unknown, allowed, pattern };
}

async function scan() {
  if (scanning) return;
  scanning = true;
  document.body.dataset.state = 'scanning';
  $('status').textContent = 'Scanning…';
  $('rescan').disabled = true;
  try {
    await ready;
    const tab = await targetTab();
    const { snapshot, unknown, allowed, pattern } = await collect(tab);
    const request = { skip: [], all: false, fingerprintKey, unknown };
    report = JSON.parse(core.scanSnapshot(snapshotJson(snapshot), JSON.stringify(request)));
    showPermission(allowed, pattern);
    render();
    $('stale').hidden = true;
    for (const id of Object.keys(EXPORTS)) $(id).disabled = false;
    document.body.dataset.state = 'done';
  } catch (e) {
    document.body.dataset.state = 'error';
    $('status').textContent = `Cannot scan this page: ${e?.message ?? e}. Click the portalscan toolbar button on the page, or allow the site.`;
  } finally {
    scanning = false;
    $('rescan').disabled = false;
  }
}

function showPermission(allowed, pattern) {
  $('permission').hidden = allowed || !pattern;
  if (!allowed && pattern) {
    $('permission-text').textContent =
      `Response headers, requests and cookie flags need access to ${pattern.slice(0, -2)}.`;
    $('allow').onclick = async () => {
      if (await chrome.permissions.request({ origins: [pattern] })) {
        $('permission-text').textContent = 'Allowed. Reload the page so its response is recorded, then scan.';
        $('allow').hidden = true;
      }
    };
  }
}

// ---- rendering -------------------------------------------------------------------------
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

function filtered() {
  const [outcome, category, criterion, component] = ['outcome', 'category', 'criterion', 'component']
    .map((f) => $(`f-${f}`).value);
  return report.findings.filter((f) =>
    (!outcome || f.outcome === outcome) &&
    (!category || f.category === category) &&
    (!criterion || f.wcag.includes(criterion)) &&
    (!component || (f.component ?? '(none)') === component));
}

function fillSelect(id, values, label = (v) => v) {
  const select = $(id);
  const current = select.value;
  select.replaceChildren(el('option', { value: '', textContent: 'All' }),
    ...values.map((v) => el('option', { value: v, textContent: label(v) })));
  select.value = values.includes(current) ? current : '';
}

const criterionName = (n) => (criteria.has(n) ? `${n} ${criteria.get(n).name}` : n);

/** Groups: WCAG criterion for accessibility findings, PHI location for PHI ones. */
function groupsOf(findings) {
  const groups = new Map();
  const add = (key, title, f) => {
    if (!groups.has(key)) groups.set(key, { title, findings: [] });
    groups.get(key).findings.push(f);
  };
  for (const f of findings) {
    if (f.category === 'phi') {
      const where = (f.phi?.location ?? 'the page').replaceAll('_', ' ');
      add(`phi:${where}`, `PHI in ${where}`, f);
    }
    else if (f.wcag.length) {
      for (const n of f.wcag) add(`wcag:${n}`, `WCAG ${criterionName(n)}`, f);
    } else add('other', 'Other', f);
  }
  return [...groups.values()].sort((a, b) => a.title.localeCompare(b.title, 'en', { numeric: true }));
}

function findingItem(f) {
  const show = el('button', { type: 'button', textContent: 'Show on page' });
  // Page-level findings (selector `html`) and findings about no element have nothing to show.
  show.disabled = !f.selector || f.selector === 'html';
  show.setAttribute('aria-label', `Show on page: ${f.rule}${f.selector ? ` at ${f.selector}` : ''}`);
  show.addEventListener('click', () => highlight(f.selector));
  return el('li', {},
    el('div', { className: 'finding-head' }, el('strong', { textContent: f.rule }),
      f.component ? el('span', { textContent: `in ${f.component}` }) : null, show),
    el('p', { textContent: f.message }),
    f.selector ? el('p', {}, 'Element: ', el('code', { textContent: f.selector })) : null,
    f.html ? el('p', {}, el('code', { textContent: f.html })) : null,
    el('details', { className: 'help' }, el('summary', { textContent: 'How to fix' }),
      el('p', { textContent: f.help })));
}

/** The W3C Understanding links of a group's criteria. */
function groupLinks(g) {
  const numbers = [...new Set(g.findings.flatMap((f) => f.wcag))];
  const links = numbers.map((n) => criteria.get(n)).filter(Boolean).map((c) =>
    el('a', { href: c.url, target: '_blank', rel: 'noreferrer', textContent: `Understanding ${c.number} ${c.name} (W3C)` }));
  return links.length ? el('p', { className: 'links' }, ...links.flatMap((a, i) => (i ? [' · ', a] : [a]))) : null;
}

function render() {
  const page = report.pages[0];
  $('page').textContent = `Page: ${page.url}`;
  fillSelect('f-criterion', [...new Set(report.findings.flatMap((f) => f.wcag))]
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true })), criterionName);
  fillSelect('f-component', [...new Set(report.findings.map((f) => f.component ?? '(none)'))].sort());
  renderFindings();
  renderCoverage(page.coverage);
}

/** `pages[].coverage`: each gap (what, why), the review gap's rules apart from the facts. */
function renderCoverage(coverage) {
  const gaps = coverage?.gaps ?? [];
  $('coverage-state').textContent = !coverage
    ? 'Coverage unknown: this report does not say what was evaluated.'
    : coverage.complete
      ? 'Everything on this page was evaluated.'
      : `${gaps.length} thing${gaps.length === 1 ? '' : 's'} not fully evaluated:`;
  const item = (g) => el('li', { className: `gap gap-${g.what}` },
    el('strong', { textContent: GAP_TEXT[g.what] ?? g.what }), ' ', el('code', { textContent: g.what }),
    el('p', { className: 'why', textContent: g.why }),
    g.rules?.length ? el('p', { className: 'rules' }, 'Rules: ', el('code', { textContent: g.rules.join(', ') })) : null);
  // Facts first, then the rules that answered review (findings, not missing facts).
  $('coverage').replaceChildren(...gaps.filter((g) => g.what !== 'review').map(item),
    ...gaps.filter((g) => g.what === 'review').map(item));
}

function renderFindings() {
  const shown = filtered();
  const fails = shown.filter((f) => f.outcome === 'fail');
  const reviews = shown.filter((f) => f.outcome === 'review');
  const section = (outcome, title, list) => {
    if (!list.length) return null;
    const id = `h-${outcome}`;
    return el('section', { className: outcome },
      el('h3', { id, textContent: `${title} (${list.length})` }),
      ...groupsOf(list).map((g) => el('details', { open: list.length <= 30 },
        el('summary', {}, g.title, el('span', { className: 'count', textContent: String(g.findings.length) })),
        groupLinks(g),
        el('ol', { className: 'findings' }, ...g.findings.map(findingItem)))));
  };
  $('groups').replaceChildren(
    ...[section('fail', 'Fail', fails), section('review', 'To review', reviews)].filter(Boolean));
  if (!shown.length) $('groups').append(el('p', { textContent: 'No findings match.' }));
  const of = shown.length === report.findings.length ? '' : ` (of ${report.findings.length})`;
  $('status').textContent = `${fails.length} fail, ${reviews.length} to review${of}.`;
}

// ---- on the page ---------------------------------------------------------------------------
/** Runs `func(arg)` in the panel's tab (see runIn). */
const inTab = (func, arg, frameId) => runIn(tabId, frameId, func, arg);

async function highlight(selector) {
  $('tabstops').setAttribute('aria-pressed', 'false');
  await chrome.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: () => globalThis.__portalscan?.clear(),
  }).catch(() => {});
  let found = await inTab((s) => globalThis.__portalscan.highlight(s), selector);
  // Inside another origin's frame: that frame's content script outlines it, frame by frame.
  for (let depth = 0; found && typeof found === 'object' && depth < MAX_FRAME_DEPTH; depth++) {
    const frameId = (await frameIdsByToken(tabId, [{ key: found.frame }])).get(found.frame);
    found = frameId === undefined
      ? false
      : await inTab((s) => globalThis.__portalscan.highlight(s), found.rest, frameId);
  }
  found = found === true;
  $('status').textContent = found ? `Outlined ${selector} on the page.` : `${selector} is no longer on the page: rescan.`;
}

$('tabstops').addEventListener('click', async () => {
  const on = $('tabstops').getAttribute('aria-pressed') !== 'true';
  const n = await inTab((o) => globalThis.__portalscan.tabStops(o), on);
  $('tabstops').setAttribute('aria-pressed', String(on));
  $('status').textContent = on ? `${n} tab stops numbered on the page.` : 'Tab stops hidden.';
});

/** Saves `text` as a local download (no request: a blob: URL of this page). */
function save(text, type, name) {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
// JSON: exactly the report scanSnapshot gave (the CLI's JSON contract). SARIF and HTML:
// the CLI's own writers (crates/report) over that report, as `portalscan merge
// report.json --format sarif|html` writes them.
const EXPORTS = {
  export: () => save(JSON.stringify(report, null, 2), 'application/json', 'portalscan-report.json'),
  'export-sarif': () => save(core.toSarif(JSON.stringify(report)), 'application/sarif+json', 'portalscan-report.sarif'),
  'export-html': () => save(core.toHtml(JSON.stringify(report)), 'text/html', 'portalscan-report.html'),
};
for (const [id, run] of Object.entries(EXPORTS)) {
  $(id).addEventListener('click', () => {
    try {
      run();
    } catch (e) {
      $('status').textContent = `Export failed: ${e?.message ?? e}`;
    }
  });
}

for (const f of ['outcome', 'category', 'criterion', 'component']) {
  $(`f-${f}`).addEventListener('change', () => report && renderFindings());
}
$('rescan').addEventListener('click', scan);

function useBaselineKey(key) {
  fingerprintKey = key || sessionKey;
  $('baseline-state').textContent = key
    ? 'A baseline key is set: fingerprints match the CLI run with the same key.'
    : 'No baseline key: fingerprints are this session’s own.';
}
$('baseline').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = $('baseline-key').value;
  $('baseline-key').value = '';
  await chrome.storage.local.set({ fingerprintKey: key });
  useBaselineKey(key);
  if (report) scan();
});

// SPA: the content script reports route changes and a settled DOM (debounced there).
chrome.runtime.onMessage.addListener((message, sender) => {
  if (message?.type !== 'page-changed' || sender.tab?.id !== tabId || !report) return;
  $('stale').hidden = false;
  if ($('auto').checked) {
    clearTimeout(rescanTimer);
    rescanTimer = setTimeout(scan, message.route ? 300 : 1500);
  }
});
// The side panel follows the active tab (a tab opened with ?tab= stays on its tab).
if (!params.has('tab')) {
  chrome.tabs.onActivated.addListener(({ tabId: id }) => {
    tabId = id;
    if (report) $('stale').hidden = false;
  });
}

globalThis.portalscanPanel = { scan, report: () => report };
const ready = Promise.all([
  init(),
  chrome.storage.local.get('fingerprintKey').then((stored) => useBaselineKey(stored.fingerprintKey)),
  fetch('criteria.json').then((r) => r.json()).then((list) => {
    criteria = new Map(list.map((c) => [c.number, c]));
  }),
]);
ready.then(() => {
  document.body.dataset.state = 'ready';
  if (!params.has('tab')) scan(); // the side panel scans the page it opens on
}, (e) => {
  document.body.dataset.state = 'error';
  $('status').textContent = String(e?.message ?? e);
});
