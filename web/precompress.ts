/**
 * A Vite build plugin: after the bundle is written, every text asset of the output (JS, CSS, HTML, SVG, JSON)
 * gets a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) sibling, so the server sends them with
 * @fastify/static's `preCompressed` without compressing on each request. Only node:zlib.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|mjs|css|html|svg|json|txt|xml)$/;
/** Below this a compressed copy saves less than the headers it costs. */
const MIN_BYTES = 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Writes `<file>.br` and `<file>.gz` beside each text file of `dir` (when compression makes it smaller). */
export function precompressDir(dir: string): number {
  let n = 0;
  for (const file of files(dir)) {
    if (!TEXT.test(file)) continue;
    const raw = readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
    n++;
  }
  return n;
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'rongtong-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
