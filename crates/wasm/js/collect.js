// The live-DOM collector: builds the core's snapshot (crates/core/src/snapshot.rs) from the
// page in front of it, in JS (it must read the live DOM), then hands it to Wasm once.
//
// The real tree, not the patched one: LWC synthetic shadow replaces `childNodes`,
// `firstChild`, `querySelector`... on `Node.prototype` in the page's world so a component
// sees only its own children. The browser's own accessors are taken from a fresh
// about:blank frame's prototypes (its realm was never patched) and called on this page's
// nodes, so the walk sees what the browser renders, as the CDP crawler does.
//
// Frames: a same-origin frame's document (srcdoc and about:blank included) is walked as
// the frame's `content_document`, as the CDP crawler attaches it; a frame whose document
// the page cannot read (another origin) stays unattached, and the core lists it, with its
// URL redacted, in the report's coverage.
//
// Facts a page cannot know stay absent (= unknown): response headers, cookie flags,
// requests with their headers, closed shadow roots, paint order, the focused style, the
// pixels behind text over an image (no screenshot from inside a page).

const HTML = 'http://www.w3.org/1999/xhtml';
const SVG = 'http://www.w3.org/2000/svg';
const MATHML = 'http://www.w3.org/1998/Math/MathML';

// Facts this collector never reads; listed in the report's `pages[].unknown`.
export const NEVER_KNOWN = [
  'closed_shadow_roots',
  'paint_order',
  'focus_style',
  'text_backdrop',
];

// Frame documents attached, as the crawler bounds them (crates/browser/src/capture.rs):
// frames nested deeper, or past the count, stay unattached (and listed as coverage gaps).
const MAX_FRAME_DEPTH = 4;
const MAX_FRAMES = 32;
// The style of a light child no slot takes (shared: one entry in the styles table).
const NOT_RENDERED = Object.freeze({ display: 'none' });

/** Native DOM accessors from an unpatched realm, and a function to release it. */
function pristineAccessors(doc) {
  const frame = doc.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'display:none';
  // The frame must be connected for its window to exist; removed right after the walk.
  (doc.documentElement || doc).appendChild(frame);
  const win = frame.contentWindow;
  const getter = (proto, name) => {
    const own = Object.getOwnPropertyDescriptor(proto, name);
    if (!own || !own.get) throw new Error(`no native accessor ${name}`);
    return own.get;
  };
  const acc = {
    firstChild: getter(win.Node.prototype, 'firstChild'),
    nextSibling: getter(win.Node.prototype, 'nextSibling'),
    parentNode: getter(win.Node.prototype, 'parentNode'),
    shadowRoot: getter(win.Element.prototype, 'shadowRoot'),
    contentDocument: getter(win.HTMLIFrameElement.prototype, 'contentDocument'),
    frameDocument: getter(win.HTMLFrameElement.prototype, 'contentDocument'),
    assignedSlot: getter(win.Element.prototype, 'assignedSlot'),
    textAssignedSlot: getter(win.Text.prototype, 'assignedSlot'),
    frame,
    release: () => frame.remove(),
  };
  return acc;
}

/** The element's name and namespace as the snapshot writes them. */
function elementName(el) {
  switch (el.namespaceURI) {
    case HTML:
      return { name: el.localName.toLowerCase() };
    case SVG:
      return { name: el.localName, ns: 'svg' };
    case MATHML:
      return { name: el.localName, ns: 'mathml' };
    default:
      return { name: el.localName, ns: 'other' };
  }
}

/**
 * Attributes in source order, with the live state of form controls folded in exactly as
 * the CDP capture does (crates/browser/src/capture.rs `fold_form_state`): what the user
 * typed or picked replaces the markup's initial state. Password and file values are never
 * copied: they are credentials or local paths.
 */
function attributes(el, name) {
  const attrs = [];
  // Indexed: the iterator protocol over a NamedNodeMap costs 2-4x more (10,000 elements:
  // 11-43 ms against 3-12 ms in Chromium 156).
  const list = el.attributes;
  for (let i = 0; i < list.length; i++) attrs.push([list[i].name, list[i].value]);
  const set = (key, on, value) => {
    const at = attrs.findIndex(([n]) => n === key);
    if (on && at >= 0) attrs[at][1] = value;
    else if (on) attrs.push([key, value]);
    else if (at >= 0) attrs.splice(at, 1);
  };
  const was = (key) => {
    const found = attrs.find(([n]) => n === key);
    return found ? found[1] : '';
  };
  if (name === 'input' && el.namespaceURI === HTML) {
    const type = (el.getAttribute('type') || '').trim().toLowerCase();
    if (type === 'checkbox' || type === 'radio') {
      set('checked', el.checked, was('checked'));
    } else if (type !== 'password' && type !== 'file') {
      const value = String(el.value ?? '');
      if (el.hasAttribute('value') || value !== '') set('value', true, value);
    }
  } else if (name === 'option' && el.namespaceURI === HTML) {
    set('selected', el.selected, was('selected'));
  }
  return attrs;
}

/**
 * Reads the computed properties, each element in its own document's window (a frame's
 * elements in the frame's); equal styles share one object (less JSON, less Wasm).
 *
 * Each `getPropertyValue` costs about a microsecond and a half, so calls are spared where
 * the answer is known: a value the core says cannot matter given those read before it is
 * not read at all, and a side's computed `border-*-width` is `0px` whenever its
 * `border-*-style` is `none` or `hidden` (CSS Backgrounds 3; Chromium follows it), written
 * without asking. On a typical element that is 27 calls of the table's 47.
 */
function styleReader(properties) {
  const interned = new Map();
  const names = properties.map((p) => p.name);
  // The core's conditions (css.rs `relevant_when`): a value that cannot matter given
  // those read before it (a border colour of a side not drawn) is not asked for.
  const conditions = properties.map((p) =>
    (p.when ?? []).map((c) => ({ at: names.indexOf(c.on), values: new Set(c.values), negate: c.negate })),
  );
  const sideStyle = names.map((name) => {
    const side = name.match(/^border-(top|right|bottom|left)-width$/);
    return side ? names.indexOf(`border-${side[1]}-style`) : -1;
  });
  const displayAt = names.indexOf('display');
  return (el, win) => {
    const cs = win.getComputedStyle(el);
    // A `display: none` element is known by that alone (the CDP capture, too, keeps only
    // `display` for an element without a box).
    const display = cs.getPropertyValue('display');
    if (display === 'none') return NOT_RENDERED;
    const values = new Array(names.length);
    for (let i = 0; i < names.length; i++) {
      if (i === displayAt) {
        values[i] = display;
        continue;
      }
      const when = conditions[i];
      if (when.length > 0 && !when.some((c) => !values[c.at] || c.values.has(values[c.at]) !== c.negate)) {
        values[i] = '';
        continue;
      }
      const styleAt = sideStyle[i];
      const unset = styleAt >= 0 && styleAt < i && (values[styleAt] === 'none' || values[styleAt] === 'hidden');
      values[i] = unset ? '0px' : cs.getPropertyValue(names[i]);
    }
    const key = values.join('\u0000');
    let style = interned.get(key);
    if (!style) {
      style = {};
      for (let i = 0; i < names.length; i++) {
        if (values[i] !== '') style[names[i]] = values[i];
      }
      interned.set(key, style);
    }
    return style;
  };
}

/**
 * Border box in page coordinates (see `viewOf`), and client/scroll sizes of a scroll
 * container (overflow auto or scroll: the core's `Style::is_scroll_container`); none
 * without a layout box. The bounding box is the union of the client rects: one that is
 * not all zeros proves a box, so the rect list is only asked for when it is.
 */
function layout(el, view, style) {
  const r = el.getBoundingClientRect();
  if (r.x === 0 && r.y === 0 && r.width === 0 && r.height === 0 && el.getClientRects().length === 0) {
    return {};
  }
  const out = {
    rect: { x: r.left + view.originX, y: r.top + view.originY, width: r.width, height: r.height },
  };
  const scroller = ['overflow-x', 'overflow-y'].some(
    (p) => style[p] === 'auto' || style[p] === 'scroll',
  );
  if (scroller) {
    out.scroll = {
      client_width: el.clientWidth,
      client_height: el.clientHeight,
      scroll_width: el.scrollWidth,
      scroll_height: el.scrollHeight,
    };
  }
  return out;
}

/**
 * A document's window as the walk sees it: `dx`/`dy`, where the document starts on the
 * page (a frame's content box); `originX`/`originY`, what turns its viewport coordinates
 * into page coordinates (read once: nothing scrolls while the snapshot is taken).
 */
function viewOf(win, dx, dy, depth) {
  return { win, dx, dy, depth, originX: win.scrollX + dx, originY: win.scrollY + dy };
}

/**
 * A frame element's document when this page may read it (same origin), else null.
 * The accessor is the unpatched realm's, called on the page's element.
 */
function readableFrameDocument(el, acc) {
  if (el.namespaceURI !== HTML) return null;
  try {
    const get = el.localName === 'iframe' ? acc.contentDocument : acc.frameDocument;
    const doc = get.call(el);
    return doc && doc.defaultView ? doc : null;
  } catch {
    return null; // not an (i)frame of this realm's kind, or another origin
  }
}

/**
 * Where a frame element's document starts on the page: its border box inside its borders
 * (crates/browser/src/capture.rs `content_origin` moves the crawler's frame boxes alike).
 */
function frameOrigin(entry) {
  const px = (v) => parseFloat(v) || 0;
  return {
    dx: entry.rect.x + px(entry.style['border-left-width']),
    dy: entry.rect.y + px(entry.style['border-top-width']),
  };
}

/**
 * The node tree from `root` in the snapshot's arena order: pre-order, each open shadow
 * root right before its host's light children, a readable frame's document as the frame
 * element's only child. Iterative (a 1,000-deep page must not overflow the stack).
 */
export function collectDom(root, properties, shadowRootOf, remoteFrames) {
  const doc = root.ownerDocument || root;
  const win = doc.defaultView;
  const acc = pristineAccessors(doc);
  try {
    const readStyle = styleReader(properties);
    const nodes = [{ type: 'document' }];
    const top = viewOf(win, 0, 0, 0);
    let framesLeft = MAX_FRAMES;
    // Stack of [node, parentId, hidden (in a subtree not rendered: under an unslotted or a
    // `display: none` element), view (the node's document's window and
    // page offset)]; children pushed in reverse order.
    const stack = [];
    const pushChildren = (node, parentId, hidden, view) => {
      const kids = [];
      for (let c = acc.firstChild.call(node); c; c = acc.nextSibling.call(c)) kids.push(c);
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], parentId, hidden, view]);
    };
    if (root.nodeType === Node.DOCUMENT_NODE) pushChildren(root, 0, false, top);
    else stack.push([root, 0, false, top]);

    while (stack.length) {
      const [node, parent, hiddenByParent, view] = stack.pop();
      if (node === acc.frame) continue;
      const id = nodes.length;
      switch (node.nodeType) {
        case Node.ELEMENT_NODE: {
          const { name, ns } = elementName(node);
          const entry = { parent, type: 'element', name, attrs: attributes(node, name) };
          if (ns) entry.ns = ns;
          // A light child of a shadow host that no slot takes is not rendered: the CDP
          // capture gives it `display: none`, and so does this one.
          const hostOfParent = parent > 0 ? nodes[parent] : null;
          const unslotted =
            hostOfParent && hostOfParent.__host && acc.assignedSlot.call(node) === null;
          if (hiddenByParent || unslotted) {
            entry.style = NOT_RENDERED;
          } else {
            entry.style = readStyle(node, view.win);
          }
          // Nothing in a subtree that is not rendered has a box or a style worth reading
          // (a closed menu, an inactive tab): it is all `display: none` to the rules.
          const notRendered = entry.style === NOT_RENDERED;
          if (!notRendered) {
            Object.assign(entry, layout(node, view, entry.style));
            // Shown modally (a dialog opened with showModal(), a fullscreen element): the
            // rest of its document is inert (the core's `modal`).
            if ((name === 'dialog' || node === view.win.document.fullscreenElement) && node.matches(':modal')) {
              entry.modal = true;
            }
          }
          nodes.push(entry);
          // `shadowRootOf`: a reader that also opens closed roots (the extension's).
          const shadow = shadowRootOf ? shadowRootOf(node) : acc.shadowRoot.call(node);
          if (shadow) {
            // Marks the entry as a host for its light children; removed before JSON.
            entry.__host = true;
          }
          // Light children first onto the stack, then the shadow root: popped before them.
          if (name !== 'template' && name !== 'iframe') {
            pushChildren(node, id, notRendered, view);
          }
          if (shadow) stack.push([shadow, id, notRendered, view]);
          const frameDoc =
            (name === 'iframe' || name === 'frame') && view.depth < MAX_FRAME_DEPTH && framesLeft > 0
              ? readableFrameDocument(node, acc)
              : null;
          if (frameDoc) {
            framesLeft -= 1;
            const origin = entry.rect ? frameOrigin(entry) : { dx: view.dx, dy: view.dy };
            const inner = viewOf(frameDoc.defaultView, origin.dx, origin.dy, view.depth + 1);
            stack.push([frameDoc, id, notRendered, inner]);
          } else if (remoteFrames && (name === 'iframe' || name === 'frame') && ns === undefined) {
            // Another origin's frame: the caller may collect it in that frame and attach
            // it here (the extension's content script runs in every frame).
            const key = remoteFrames.keyOf(node);
            if (key !== null && key !== undefined) {
              const origin = entry.rect ? frameOrigin(entry) : { dx: view.dx, dy: view.dy };
              remoteFrames.found.push({ node: id, key, depth: view.depth + 1, ...origin });
            }
          }
          break;
        }
        case Node.DOCUMENT_NODE: // a frame's document, attached to its frame element
          nodes.push({ parent, type: 'content_document', url: node.URL });
          pushChildren(node, id, hiddenByParent, view);
          break;
        case Node.DOCUMENT_FRAGMENT_NODE: // an open shadow root
          nodes.push({ parent, type: 'shadow_root', mode: node.mode === 'closed' ? 'closed' : 'open' });
          pushChildren(node, id, hiddenByParent, view);
          break;
        case Node.TEXT_NODE:
        case Node.CDATA_SECTION_NODE:
          nodes.push({ parent, type: 'text', text: node.data });
          break;
        case Node.COMMENT_NODE:
          nodes.push({ parent, type: 'comment', text: node.data });
          break;
        case Node.DOCUMENT_TYPE_NODE:
          nodes.push({ parent, type: 'doctype', name: node.name });
          break;
        default:
          break; // processing instructions: not part of the core's tree
      }
    }
    for (const n of nodes) delete n.__host;
    return nodes;
  } finally {
    acc.release();
  }
}

/** Key/value pairs of a Web Storage area. */
function webStorage(area) {
  const out = [];
  for (let i = 0; i < area.length; i++) {
    const key = area.key(i);
    out.push({ key, value: area.getItem(key) ?? '' });
  }
  return out;
}

/** Every IndexedDB record the page's origin holds, as JSON text. */
async function indexedDbRecords(win) {
  const idb = win.indexedDB;
  if (!idb || !idb.databases) throw new Error('IndexedDB cannot be listed here');
  const records = [];
  for (const info of await idb.databases()) {
    const db = await new Promise((resolve, reject) => {
      const req = idb.open(info.name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      // Opening must never create or upgrade the page's database.
      req.onupgradeneeded = () => {
        req.transaction.abort();
        reject(new Error(`database ${info.name} vanished`));
      };
    });
    try {
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly');
        const os = tx.objectStore(store);
        const [keys, values] = await Promise.all(
          [os.getAllKeys(), os.getAll()].map(
            (req) =>
              new Promise((resolve, reject) => {
                req.onsuccess = () => resolve(req.result);
                req.onerror = () => reject(req.error);
              }),
          ),
        );
        keys.forEach((key, i) => {
          let value;
          try {
            value = JSON.stringify(values[i]);
          } catch {
            value = String(values[i]);
          }
          records.push({ database: info.name, store, key: String(key), value: value ?? '' });
        });
      }
    } finally {
      db.close();
    }
  }
  return records;
}

/** Cache Storage entries with their headers and text bodies. */
async function cacheEntries(win) {
  if (!win.caches) throw new Error('Cache Storage is not available here');
  const entries = [];
  for (const name of await win.caches.keys()) {
    const cache = await win.caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const headers = [];
      response?.headers.forEach((value, key) => headers.push({ name: key, value }));
      const type = response?.headers.get('content-type') || '';
      const text = /^(text\/|application\/(json|javascript|xml))/.test(type);
      entries.push({
        cache: name,
        url: request.url,
        headers,
        ...(text && response ? { body: await response.text() } : {}),
      });
    }
  }
  return entries;
}

/**
 * Storage as the page's origin sees it. Any area that cannot be read makes the whole
 * fact unknown (an empty list would claim "nothing stored").
 */
async function storage(win, unknown) {
  try {
    return {
      local: webStorage(win.localStorage),
      session: webStorage(win.sessionStorage),
      indexed_db: await indexedDbRecords(win),
      cache_storage: await cacheEntries(win),
    };
  } catch (e) {
    unknown.push(`storage (${e && e.message ? e.message : e})`);
    return undefined;
  }
}

/**
 * The whole snapshot of the live page, and the facts it could not read. `options.frameKey`
 * (frame element → a key for it, or null): each frame of another origin with a key is
 * listed in `frames` ({ node, key, depth, dx, dy }: its element's index in the arena, how
 * deep it nests, where its content box starts on the page) for the caller to collect in
 * that frame and attach. `options.shadowRoot`
 * (element → its shadow root, closed ones too, or null) replaces the page's own view.
 */
export async function collectSnapshot(root, properties, options = {}) {
  const doc = root.ownerDocument || root;
  const win = doc.defaultView;
  if (!win) throw new Error('the root is not in a document shown in a window');
  const unknown = NEVER_KNOWN.filter((f) => !(options.shadowRoot && f === 'closed_shadow_roots'));
  const remoteFrames = options.frameKey ? { keyOf: options.frameKey, found: [] } : null;
  const snapshot = {
    version: 1,
    url: doc.URL,
    source: 'wasm',
    scripts_ran: true,
    laid_out: true,
    dom: collectDom(root, properties, options.shadowRoot, remoteFrames),
    viewport: {
      width: doc.documentElement ? doc.documentElement.clientWidth : win.innerWidth,
      height: doc.documentElement ? doc.documentElement.clientHeight : win.innerHeight,
    },
  };
  const stored = await storage(win, unknown);
  if (stored) snapshot.storage = stored;
  return remoteFrames ? { snapshot, unknown, frames: remoteFrames.found } : { snapshot, unknown };
}

/**
 * A snapshot's JSON text with its dom in the core's table form (crates/core/src/dom_json.rs):
 * each distinct style written once in `styles`, nodes naming it by index. Most elements
 * of a page share a few dozen styles, so the text is a fraction of the array form's and
 * the core reads each style once. Styles are matched by identity (the collector shares
 * equal ones), then by content (a snapshot that crossed a message channel lost identity).
 */
export function snapshotJson(snapshot) {
  if (!Array.isArray(snapshot.dom)) return JSON.stringify(snapshot);
  const byObject = new Map();
  const byContent = new Map();
  const styles = [];
  const indexOf = (style) => {
    let i = byObject.get(style);
    if (i !== undefined) return i;
    const key = Object.entries(style).flat().join('\u0000');
    i = byContent.get(key);
    if (i === undefined) {
      i = styles.length;
      styles.push(style);
      byContent.set(key, i);
    }
    byObject.set(style, i);
    return i;
  };
  const nodes = snapshot.dom.map((node) => {
    if (!node.style && !node.focus_style) return node;
    const out = { ...node };
    if (node.style) out.style = indexOf(node.style);
    if (node.focus_style) out.focus_style = indexOf(node.focus_style);
    return out;
  });
  return JSON.stringify({ ...snapshot, dom: { styles, nodes } });
}
