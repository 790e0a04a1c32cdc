/**
 * A Vite build plugin that keeps each language's strings in its own chunk. Every part file
 * (web/i18n/parts/*.ts) exports both languages (`demandsZh`, `demandsEn`), and a bundler never splits one module
 * across chunks: with en-US.ts loaded on demand, both languages would stay in the first load. So the imports of a
 * part from zh-CN.ts and from en-US.ts resolve to two copies of the file (`?lang=zh`, `?lang=en`); in each copy
 * only one export is used and the other is tree-shaken away. The sources (and TypeScript) see plain imports.
 */
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

const LANG_OF: Record<string, string> = { 'zh-CN.ts': 'zh', 'en-US.ts': 'en' };

export function i18nSplit(): Plugin {
  return {
    name: 'rongtong:i18n-split',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('./parts/')) return null;
      const clean = importer.split('?')[0] ?? importer;
      const dir = dirname(clean);
      if (!dir.endsWith(join('web', 'i18n'))) return null;
      const lang = LANG_OF[clean.slice(dir.length + 1)];
      if (!lang) return null;
      return `${resolve(dir, source)}?lang=${lang}`;
    },
  };
}
