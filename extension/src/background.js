// The service worker: records what only the browser sees about a tab's page while it
// loads (every request with the headers really sent and received), so a scan from the
// panel can give the PHI rules the facts the crawler's DevTools capture gives.
//
// webRequest reports only sites the user allowed (optional host permissions): a page
// loaded before that has no record, and the panel then leaves these facts unknown.
// Nothing leaves the machine: records stay in memory and chrome.storage.session (which
// lives in memory too and is cleared with the browser session).

const MAX_REQUESTS = 1000; // per page, as the crawler bounds its capture
const ALL = { urls: ['<all_urls>'] };

/** tabId -> { documentId, requests: [...], document: index of the main response } */
const tabs = new Map();
/** requestId -> the request entry of its current hop */
const hops = new Map();

// Opening the side panel is what the toolbar button does.
chrome.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: true }).catch(() => {});

/** webRequest types in the crawler's (DevTools') names, lower case. */
function resourceType(type) {
  switch (type) {
    case 'main_frame':
    case 'sub_frame':
      return 'document';
    case 'xmlhttprequest':
      return 'xhr'; // webRequest does not tell fetch() from XHR; the rules treat both alike
    case 'csp_report':
      return 'cspviolationreport';
    default:
      return type;
  }
}

const headers = (list) => (list || []).map((h) => ({ name: h.name, value: h.value ?? '' }));

let saveTimer = null;
function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const all = {};
    for (const [id, record] of tabs) all[`tab:${id}`] = record;
    chrome.storage.session.set(all).catch(() => {});
  }, 300);
}

chrome.webRequest.onBeforeRequest.addListener((d) => {
  if (d.tabId < 0) return; // the browser's or an extension's own requests
  let record = tabs.get(d.tabId);
  // A new top-level document starts a new page (its redirects stay part of it).
  if (d.type === 'main_frame' && (!record || record.mainRequestId !== d.requestId)) {
    record = { mainRequestId: d.requestId, requests: [], document: null };
    tabs.set(d.tabId, record);
  }
  if (!record || record.requests.length >= MAX_REQUESTS) return;
  const entry = {
    url: d.url,
    method: d.method,
    resource_type: resourceType(d.type),
    request_headers: [],
    response_headers: [],
  };
  record.requests.push(entry);
  if (d.type === 'main_frame') record.document = record.requests.length - 1;
  hops.set(d.requestId, entry);
}, ALL);

chrome.webRequest.onSendHeaders.addListener(
  (d) => {
    const entry = hops.get(d.requestId);
    // extraHeaders: Referer and Cookie as really sent.
    if (entry) entry.request_headers = headers(d.requestHeaders);
  },
  ALL,
  ['requestHeaders', 'extraHeaders'],
);

chrome.webRequest.onHeadersReceived.addListener(
  (d) => {
    const entry = hops.get(d.requestId);
    if (!entry) return;
    entry.status = d.statusCode;
    // extraHeaders: Set-Cookie included, as the crawler's raw headers have it.
    entry.response_headers = headers(d.responseHeaders);
    save();
  },
  ALL,
  ['responseHeaders', 'extraHeaders'],
);

const done = (d) => hops.delete(d.requestId);
chrome.webRequest.onCompleted.addListener(done, ALL);
chrome.webRequest.onErrorOccurred.addListener(done, ALL);

chrome.tabs.onRemoved.addListener((tabId) => {
  tabs.delete(tabId);
  chrome.storage.session.remove(`tab:${tabId}`).catch(() => {});
});

/** The record of a tab, from memory or (after the worker was stopped) session storage. */
async function recordOf(tabId) {
  if (tabs.has(tabId)) return tabs.get(tabId);
  const key = `tab:${tabId}`;
  const stored = (await chrome.storage.session.get(key))[key];
  if (stored) tabs.set(tabId, stored);
  return stored ?? null;
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (message?.type !== 'network-facts' || sender.id !== chrome.runtime.id) return false;
  recordOf(message.tabId).then(
    (record) => {
      if (!record || record.document === null) return reply(null);
      const doc = record.requests[record.document];
      reply({
        documentUrl: doc.url,
        response: doc.status ? { status: doc.status, headers: doc.response_headers } : null,
        requests: record.requests,
      });
    },
    () => reply(null),
  );
  return true; // replies asynchronously
});
