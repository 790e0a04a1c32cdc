import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTICE_CITATION, NOTICE_NUMBER } from './notice.ts';

/** Every .ts/.tsx file under the folders that cite the notice (the app's own code, not tests). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.includes('.test.') ? [p] : [];
  });
}

describe('the notice is cited by its exact title', () => {
  it('the title has the words and quotation marks of the original', () => {
    expect(NOTICE_CITATION).toBe(
      '《国家发展改革委办公厅关于发挥双创示范基地带动作用 办好2020年“融通创新”主题日的通知》（发改办高技〔2020〕417号）',
    );
  });

  it('every 《…通知》 next to its number, or standing for it, is the exact title', () => {
    const root = join(import.meta.dirname, '..');
    const wrong: string[] = [];
    for (const file of [
      ...sources(join(root, 'web')),
      ...sources(join(root, 'server')),
      ...sources(join(root, 'common')),
    ]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/《[^》]*主题日[^》]*通知》/g)) {
        if (m[0] !== NOTICE_CITATION.slice(0, NOTICE_CITATION.indexOf('》') + 1)) wrong.push(`${file}: ${m[0]}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(NOTICE_CITATION.endsWith(`（${NOTICE_NUMBER}）`)).toBe(true);
  });
});
