// Registers the service worker (src/core/pwa/sw.js, built into dist/sw.js) so the app opens
// offline. Browsers offer service workers only in secure contexts (https, or localhost): on a
// plain-http LAN address `navigator.serviceWorker` is missing and this does nothing. Not in
// development (`npm run dev`), where the files change all the time.
// main.tsx: `import './core/sw-register';`

/** Registers /sw.js once the page has loaded; resolves false where there is no worker. */
export async function registerServiceWorker(): Promise<boolean> {
  if (!import.meta.env.PROD) return false;
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
  if (document.readyState !== 'complete') {
    await new Promise<void>((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
  }
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    return true;
  } catch {
    return false;
  }
}

if (typeof window !== 'undefined') void registerServiceWorker();
