// Encuentro's service worker: the app shell opens offline. Generated into dist/sw.js by
// src/core/pwa/vite-plugin.ts, which fills in the version and the list of built files.
// Never touches the live socket (/live) or the API (/api/): those are always the network's.
/* eslint-disable */
const VERSION = '__ENCUENTRO_SW_VERSION__';
const PRECACHE = __ENCUENTRO_SW_PRECACHE__;
const CACHE = 'encuentro-shell-' + VERSION;
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('encuentro-shell-') && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function bypass(request, url) {
  return (
    request.method !== 'GET' ||
    url.origin !== self.location.origin ||
    url.pathname === '/live' ||
    url.pathname.startsWith('/live/') ||
    url.pathname.startsWith('/api/')
  );
}

// Pages: the network first (a new version shows at once), the cached shell when offline or slow.
async function navigate(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), NAVIGATION_TIMEOUT_MS)),
    ]);
    if (response.ok) return response;
    throw new Error('status ' + response.status);
  } catch (error) {
    const shell = (await cache.match('/index.html')) || (await cache.match('/'));
    if (shell) return shell;
    throw error;
  }
}

// Built files have hashed names: the cache first, then the network (and keep what came).
async function asset(request, url) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && url.pathname.startsWith('/assets/')) cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (bypass(request, url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
    return;
  }
  event.respondWith(asset(request, url));
});
