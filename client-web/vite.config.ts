/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { encuentroServiceWorker } from './src/core/pwa/vite-plugin';

// The server (encuentro-server) serves dist/; `npm run dev` proxies the live socket and the
// public API to a server on :8080 so the app can be developed with hot reload.
export default defineConfig({
  plugins: [preact(), encuentroServiceWorker()],
  build: { target: 'es2020', sourcemap: true },
  server: {
    proxy: {
      '/live': { target: 'ws://127.0.0.1:8080', ws: true },
      '/api': 'http://127.0.0.1:8080',
    },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
