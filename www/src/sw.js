// Offline once loaded: the checker's files are cached at install; requests go to the
// network first (a rebuilt page shows at once) and fall back to the cache when offline.
const CACHE = 'portalscan-contrast-v1';
const FILES = ['./', 'index.html', 'style.css', 'app.js', 'matrix.js', 'snippet.js', 'slds-palette.json',
  'pkg/portalscan.js', 'pkg/collect.js', 'pkg/glue.js', 'pkg/portalscan_bg.wasm'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (e.request.method !== 'GET' || new URL(e.request.url).origin !== location.origin) return;
  e.respondWith(fetch(e.request).then((res) => {
    const copy = res.clone();
    caches.open(CACHE).then((c) => c.put(e.request, copy));
    return res;
  }).catch(() => caches.match(e.request, { ignoreSearch: true })));
});
