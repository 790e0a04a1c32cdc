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
    rolldownOptions: {
      output: {
        // Named vendor chunks: React and the router (every page needs them; they change only with an upgrade, so
        // they stay cached across releases) and ECharts (only the workspace's charts import it: the portal never
        // downloads it). antd stays split per component by the bundler, so a page loads the components it uses.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'router', test: /node_modules[\\/]react-router[\\/]/, priority: 20 },
            {
              name: 'echarts',
              test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
