// Renders public/icon.svg to public/icon-192.png and public/icon-512.png with the Chromium that
// playwright-core drives (no new dependency). Run from client-web/:
//   node src/core/pwa/make-icons.cjs
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { chromium } = require('playwright-core');

(async () => {
  const svg = readFileSync(resolve('public/icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = 'data:image/svg+xml;base64,' + Buffer.from(svg).toString('base64');
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.screenshot({ path: resolve(`public/icon-${size}.png`), omitBackground: true });
    await page.close();
  }
  await browser.close();
})();
