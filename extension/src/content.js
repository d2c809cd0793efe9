// The extension's content script (isolated world), appended to the package's live-DOM
// collector by scripts/build-extension.sh. The isolated world has its own JS prototypes,
// so LWC synthetic shadow's patches (made in the page's world) never reach it; the Wasm
// does not run here either (portals' CSP has no 'wasm-unsafe-eval'): the snapshot goes
// to the panel, which scans it.
//
// globalThis.__portalscan (in this extension's isolated world only):
//   snapshot(properties) → JSON text of { snapshot, unknown }
//   highlight(selector) → whether the element was found; outlines it, scrolled into view
//     (in another origin's frame: { frame, rest }, see highlight())
//   tabStops(on) → how many stops were numbered; clear() removes every overlay
//   frameToken() → the token this frame's parent posted to it (see below), or null
if (globalThis.__portalscan) return; // injected again by a rescan: keep the first

// Closed shadow roots too (the crawler reads them over DevTools); the page's own view
// when the API is missing.
// The API takes HTML elements only (SVG and MathML elements host no shadow roots).
const openOrClosed = (el) =>
  chrome.dom?.openOrClosedShadowRoot && el instanceof HTMLElement
    ? (chrome.dom.openOrClosedShadowRoot(el) ?? null)
    : (el.shadowRoot ?? null);

// ---- overlays: one fixed, pointer-transparent layer outside the page's flow -----------
let layer = null; // the overlay host element, kept out of snapshots
let marks = []; // [{ el, box, label? }]

function ensureLayer() {
  if (layer?.isConnected) return layer.shadowRoot ?? openOrClosed(layer);
  layer = document.createElement('portalscan-overlay');
  // position: fixed + zero size: adding it never moves anything on the page.
  layer.style.cssText =
    'position:fixed;inset:0 auto auto 0;width:0;height:0;margin:0;padding:0;border:0;' +
    'z-index:2147483647;pointer-events:none;contain:layout style';
  const root = layer.attachShadow({ mode: 'closed' });
  root.innerHTML = `<style>
    .box{position:fixed;box-sizing:border-box;outline:3px solid #c00;outline-offset:2px;
      box-shadow:0 0 0 5px rgba(255,255,255,.85);pointer-events:none}
    .stop{position:fixed;min-width:1.5em;padding:0 .3em;font:bold 12px/1.5em system-ui,sans-serif;
      text-align:center;color:#fff;background:#1b4f9c;border-radius:.75em;pointer-events:none}
    .stop.box{background:none;outline:2px dashed #1b4f9c}
  </style>`;
  document.documentElement.append(layer);
  return root;
}

/** The element's border box in the top document's viewport (a frame's moved by its frame). */
function viewportRect(el) {
  const r = el.getBoundingClientRect();
  let left = r.left;
  let top = r.top;
  for (let win = el.ownerDocument.defaultView; win && win !== window && win.frameElement; win = win.parent) {
    const frame = win.frameElement;
    const f = frame.getBoundingClientRect();
    left += f.left + frame.clientLeft;
    top += f.top + frame.clientTop;
  }
  return { left, top, width: r.width, height: r.height };
}

function place() {
  for (const m of marks) {
    const r = viewportRect(m.el);
    Object.assign(m.box.style, {
      left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px`,
    });
    if (m.label) Object.assign(m.label.style, { left: `${r.left - 10}px`, top: `${r.top - 10}px` });
  }
}
addEventListener('scroll', () => marks.length && place(), { capture: true, passive: true });
addEventListener('resize', () => marks.length && place(), { passive: true });

function clear() {
  marks = [];
  layer?.remove();
  layer = null;
}

/**
 * The element a report selector names; ` >>> ` steps into a shadow root (closed too) or a
 * same-origin frame's document. At another origin's frame (not this script's to reach)
 * it stops: `rest` is the selector inside that frame.
 */
function locate(selector) {
  const parts = selector.split(' >>> ');
  let scope = document;
  for (let i = 0; i < parts.length; i++) {
    let el;
    try {
      el = scope.querySelector(parts[i]);
    } catch {
      return null;
    }
    if (!el) return null;
    if (i === parts.length - 1) return { el };
    const frame = el.localName === 'iframe' || el.localName === 'frame';
    scope = frame ? el.contentDocument : openOrClosed(el);
    if (!scope) return frame ? { el, rest: parts.slice(i + 1).join(' >>> ') } : null;
  }
  return null;
}

/**
 * Outlines the element `selector` names: true, or false when it is gone. Inside another
 * origin's frame: { frame, rest }, the token just posted to that frame and the selector
 * left, for the panel to hand to the frame's own content script.
 */
function highlight(selector) {
  clear();
  const found = selector ? locate(selector) : null;
  if (!found) return false;
  found.el.scrollIntoView({ block: 'center', inline: 'nearest' });
  if (found.rest) return { frame: tagFrame(found.el), rest: found.rest };
  const root = ensureLayer();
  const box = document.createElement('div');
  box.className = 'box';
  root.append(box);
  marks.push({ el: found.el, box });
  place();
  return true;
}

// ---- Tab stops: the sequential focus order, numbered (positive tabindex first) ----------
const NATIVE = 'a[href],area[href],button,input,select,textarea,iframe,summary,[contenteditable=""],[contenteditable="true"]';

function focusable(el) {
  if (el.matches(':disabled') || el.closest('[inert]')) return false;
  if (el.localName === 'input' && el.type === 'hidden') return false;
  const t = el.getAttribute('tabindex');
  if (t !== null && Number.parseInt(t, 10) < 0) return false;
  if (t === null && !el.matches(NATIVE)) return false;
  // Rendered and visible: hidden elements are skipped by Tab.
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
}

/** Focusable elements in tree order, walking into shadow roots at their hosts. */
function walk(root, out) {
  for (const el of root.querySelectorAll('*')) {
    if (el === layer) continue;
    if (el.hasAttribute('tabindex') || el.matches(NATIVE)) {
      if (focusable(el)) out.push(el);
    }
    const shadow = openOrClosed(el);
    if (shadow) walk(shadow, out);
  }
  return out;
}

function tabStops(on) {
  clear();
  if (!on) return 0;
  const all = walk(document, []);
  const positive = all
    .filter((el) => el.tabIndex > 0)
    .sort((a, b) => a.tabIndex - b.tabIndex);
  const order = [...positive, ...all.filter((el) => !(el.tabIndex > 0))];
  const root = ensureLayer();
  order.forEach((el, i) => {
    const box = document.createElement('div');
    box.className = 'stop box';
    const label = document.createElement('div');
    label.className = 'stop';
    label.textContent = String(i + 1);
    root.append(box, label);
    marks.push({ el, box, label });
  });
  place();
  return order.length;
}

// ---- change watching: route changes and DOM settling, debounced, told to the panel -----
let collecting = false;
let lastUrl = location.href;
let timer = null;
let routeChanged = false;

function changed(route) {
  routeChanged ||= route;
  clearTimeout(timer);
  // Debounced: an LWC page re-renders in bursts; one message once the DOM is quiet.
  timer = setTimeout(() => {
    const message = { type: 'page-changed', route: routeChanged, url: location.href };
    routeChanged = false;
    chrome.runtime.sendMessage(message).catch(() => {}); // no panel open: nobody listens
  }, 700);
}

const ours = (node) => node === layer || (node.localName === 'iframe' && collecting);
const observer = new MutationObserver((records) => {
  if (collecting) return;
  const route = location.href !== lastUrl;
  lastUrl = location.href;
  if (route || records.some((r) => !ours(r.target) && ![...r.addedNodes, ...r.removedNodes].every(ours))) {
    changed(route);
  }
});
observer.observe(document, { childList: true, subtree: true, characterData: true });
for (const type of ['popstate', 'hashchange']) addEventListener(type, () => changed(true));
// pushState from the page's world is invisible here; the Navigation API sees it.
globalThis.navigation?.addEventListener('navigatesuccess', () => {
  if (location.href !== lastUrl) {
    lastUrl = location.href;
    changed(true);
  }
});

async function snapshot(properties) {
  const shown = marks.length > 0;
  layer?.remove(); // overlays are the extension's, never part of the page's snapshot
  collecting = true;
  try {
    const collected = await collectSnapshot(document, properties, {
      shadowRoot: openOrClosed,
      // Frames of other origins: the panel collects each in its own frame (this script
      // runs there too) and attaches it, by the random token posted to it here.
      frameKey: tagFrame,
    });
    collected.snapshot.source = 'extension';
    return JSON.stringify(collected);
  } catch (e) {
    // executeScript drops a rejection's message: hand it over as data.
    return JSON.stringify({ error: String(e?.stack ?? e) });
  } finally {
    observer.takeRecords();
    collecting = false;
    if (shown && layer) document.documentElement.append(layer);
  }
}

// Which frame element shows this frame, when it is another origin's: its parent's content
// script posts a random token to it while collecting (only the token crosses; Chromium does
// not give content scripts `runtime.getFrameId`), and the panel asks every frame for its
// token to pair the frame's id with that element.
let frameToken = null;

/** Posts a fresh random token to the frame element's window; the token, or null. */
function tagFrame(el) {
  const win = el.contentWindow;
  if (!win) return null;
  const token = crypto.randomUUID();
  win.postMessage({ portalscanFrameToken: token }, '*');
  return token;
}

addEventListener('message', (event) => {
  const token = event.data?.portalscanFrameToken;
  if (event.source === window.parent && window.parent !== window && typeof token === 'string') {
    frameToken = token;
  }
});

globalThis.__portalscan = { snapshot, highlight, tabStops, clear, frameToken: () => frameToken };
