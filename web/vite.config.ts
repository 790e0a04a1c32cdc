import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.ts';
import { i18nSplit } from './i18n/split.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The stylesheet before the scripts in index.html's head, and the scripts at low fetch priority: Vite puts the
 * CSS after the entry's module preloads, so on a slow link the CSS (which the server-rendered page needs to
 * paint) would queue behind the JavaScript (issue 16).
 */
function cssFirst(): Plugin {
  return {
    name: 'rongtong:css-first',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const links: string[] = [];
        const rest = html.replace(/\s*<link rel="stylesheet"[^>]*>/g, (m) => {
          links.push(m.trim());
          return '';
        });
        // The server-rendered page is readable without the scripts: they come after the CSS on a slow link.
        const scripts = rest
          .replace(/<script type="module"/g, '<script type="module" fetchpriority="low"')
          .replace(/<link rel="modulepreload"/g, '<link rel="modulepreload" fetchpriority="low"');
        if (!links.length) return scripts;
        return scripts.replace(/(\s*)<script type="module"/, (m, ws: string) => `${ws}${links.join(ws)}${m}`);
      },
    },
  };
}

/**
 * The SPA lives in web/ and builds to dist/web, which the server serves with an index.html fallback
 * for client routes. In development, /api is proxied to the API on port 3000.
 */
export default defineConfig({
  root,
  plugins: [i18nSplit(), react(), cssFirst(), precompress()],
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
            // TanStack Query in one piece: every page reads with it, and split by the bundler it moves between
            // chunks as pages come and go (costing the entry a few hundred bytes each time).
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 15 },
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
