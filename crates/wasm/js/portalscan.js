// portalscan in the browser: the JS API over the Wasm rule core.
//
//   import init, { scan, snapshot, contrast } from './portalscan.js';
//   await init();
//   const report = await scan(document, { rules: ['image-name'] });
//
// Every call crosses into Wasm once, with one JSON string (see crates/wasm/src/lib.rs).
// Errors never escape as exceptions: `scan()` and `snapshot()` reject with an Error whose
// message says what went wrong; `contrast()` throws on a colour it cannot parse.

import initWasm, * as core from './glue.js';
import { collectSnapshot, snapshotJson } from './collect.js';

export { snapshotJson };

let ready = null;

/** Loads the Wasm module (once); resolves when the API can be used. */
export default function init(input) {
  if (!ready) {
    ready = initWasm(input === undefined ? undefined : { module_or_path: input }).catch((e) => {
      ready = null;
      throw new Error(`portalscan: cannot load the Wasm module: ${e && e.message ? e.message : e}`);
    });
  }
  return ready;
}

function requireReady() {
  if (!ready) throw new Error('portalscan: call init() (the default export) first');
  return ready;
}

const message = (e) => (e && e.message ? e.message : String(e));

function randomKey() {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function collect(root) {
  await requireReady();
  const target = root ?? document;
  if (!target || typeof target.nodeType !== 'number') {
    throw new Error('portalscan: the root must be a Document or an Element');
  }
  const properties = JSON.parse(core.capturedProperties());
  return collectSnapshot(target, properties);
}

/** The core's snapshot of the live page, as JSON (scan it again with `portalscan scan`). */
export async function snapshot(root = document) {
  try {
    return (await collect(root)).snapshot;
  } catch (e) {
    throw new Error(`portalscan: snapshot failed: ${message(e)}`);
  }
}

/**
 * Scans the live page with every rule (or those `options.rules` names, minus
 * `options.skip`) and resolves to the CLI's JSON report. `options.all` lists passes too;
 * `options.fingerprintKey` keys PHI fingerprints (random per scan otherwise).
 */
export async function scan(root = document, options = {}) {
  try {
    const { snapshot: snap, unknown } = await collect(root);
    const request = {
      ...(options.rules ? { rules: options.rules } : {}),
      skip: options.skip ?? [],
      all: Boolean(options.all),
      fingerprintKey: options.fingerprintKey ?? randomKey(),
      unknown,
    };
    return JSON.parse(core.scanSnapshot(snapshotJson(snap), JSON.stringify(request)));
  } catch (e) {
    throw new Error(`portalscan: scan failed: ${message(e)}`);
  }
}

/** Scans a saved snapshot (an object or its JSON text) as `scan()` scans a live page. */
export async function scanSnapshot(snap, options = {}) {
  try {
    await requireReady();
    const text = typeof snap === 'string' ? snap : snapshotJson(snap);
    const request = {
      ...(options.rules ? { rules: options.rules } : {}),
      skip: options.skip ?? [],
      all: Boolean(options.all),
      fingerprintKey: options.fingerprintKey ?? randomKey(),
    };
    return JSON.parse(core.scanSnapshot(text, JSON.stringify(request)));
  } catch (e) {
    throw new Error(`portalscan: scan failed: ${message(e)}`);
  }
}

/**
 * A report (as `scan()` gives it, or its JSON text) as SARIF 2.1.0 or the self-contained
 * HTML report, by the CLI's own writers: the same text `portalscan merge report.json
 * --format sarif|html` writes for it (the HTML without the CLI's exit gate line).
 */
export function toSarif(report) {
  if (!ready) throw new Error('portalscan: call init() (the default export) first');
  return core.toSarif(typeof report === 'string' ? report : JSON.stringify(report));
}

/** See `toSarif`. */
export function toHtml(report) {
  if (!ready) throw new Error('portalscan: call init() (the default export) first');
  return core.toHtml(typeof report === 'string' ? report : JSON.stringify(report));
}

/**
 * WCAG 2 contrast of a text colour over a background, both in any CSS Color 4 syntax,
 * exactly as the rules compute it. `options.over`: the page colour under a translucent
 * background (default white). Throws on a colour it cannot parse.
 */
export function contrast(foreground, background, options = {}) {
  if (!ready) throw new Error('portalscan: call init() (the default export) first');
  return JSON.parse(core.contrastJson(String(foreground), String(background), options.over ?? undefined));
}

/** The rule ids this build runs. */
export function rules() {
  if (!ready) throw new Error('portalscan: call init() (the default export) first');
  return JSON.parse(core.ruleIds());
}

/**
 * The contrast page's full check of one pair: ratio, every level's verdict, APCA Lc
 * (informative), and, for a pair failing `options.level` (default 'aa'), the nearest
 * passing colours in OKLCH (text, background, both) and from `options.palette`; plus
 * colour-vision simulations. `options.page`: the colour under a translucent background.
 */
export function checkPair(foreground, background, options = {}) {
  if (!ready) throw new Error('portalscan: call init() (the default export) first');
  const request = {
    fg: String(foreground),
    bg: String(background),
    ...(options.page ? { page: String(options.page) } : {}),
    ...(options.level ? { level: String(options.level) } : {}),
    palette: (options.palette ?? []).map(String),
  };
  return JSON.parse(core.pairJson(JSON.stringify(request)));
}

/** Every text × background pair of a list of colours: ratios and best level. */
export function paletteMatrix(colours, options = {}) {
  if (!ready) throw new Error('portalscan: call init() (the default export) first');
  const request = { colours: colours.map(String), ...(options.page ? { page: String(options.page) } : {}) };
  return JSON.parse(core.matrixJson(JSON.stringify(request)));
}
