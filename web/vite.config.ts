import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The SPA lives in web/ and builds to dist/web, which the server serves with an index.html fallback
 * for client routes. In development, /api is proxied to the API on port 3000.
 */
export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    // WEB_OUT_DIR lets several builds coexist (e.g. parallel browser-test runs); the server reads WEB_ROOT.
    outDir: process.env.WEB_OUT_DIR ?? '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // .vite/manifest.json: the chunk graph web/build-budget.test.ts checks the JS budgets of the portal with.
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
