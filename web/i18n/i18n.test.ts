/**
 * The two UI languages stay in step: every zh-CN key has an en-US translation and the other way round, no
 * string is empty, the `{placeholders}` of a key are the same in both, and English strings carry no Chinese
 * characters (an English reader would otherwise see Chinese without noticing a gap in the dictionary).
 */
import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN.ts';
import { enUS } from './en-US.ts';
import { demandsEn, demandsZh } from './parts/demands.ts';
import { eventsEn, eventsZh } from './parts/events.ts';
import { meetingsEn, meetingsZh } from './parts/meetings.ts';
import { roadshowsEn, roadshowsZh } from './parts/roadshows.ts';
import { supplyEn, supplyZh } from './parts/supply.ts';
import { projectsEn, projectsZh } from './parts/projects.ts';
import { surveysEn, surveysZh } from './parts/surveys.ts';
import { evaluationEn, evaluationZh } from './parts/evaluation.ts';
import { outcomesEn, outcomesZh } from './parts/outcomes.ts';
import { publicityEn, publicityZh } from './parts/publicity.ts';
import { coorganisersEn, coorganisersZh } from './parts/coorganisers.ts';
import { trustEn, trustZh } from './parts/trust.ts';
import { lexiconEn, lexiconZh } from './parts/lexicon.ts';
import { supervisionEn, supervisionZh } from './parts/supervision.ts';
import { EXACT_STATUSES } from '../../common/contracts/meetings.ts';

type Dict = Record<string, string>;

const zh: Dict = zhCN;
const en: Dict = enUS;

/**
 * The only Chinese allowed in English strings, by key. Keep this list short and explain each entry.
 * - header.langZh: the language switch names each language in that language (中文 / English).
 * - programme.titlePreview: {简称} is the literal placeholder a title template must contain (see
 *   common/programme-rules.ts); owners type it as is, whatever the UI language.
 */
const ALLOWED_CJK: Record<string, readonly string[]> = {
  'header.langZh': ['中文'],
  'programme.titlePreview': ['{简称}'],
};

/** Han characters, CJK symbols and punctuation (、。「」〔〕…) and full-width forms (（）：，). */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** The placeholders `format()` in index.tsx fills: `{name}` with a word name, sorted, repeats kept. */
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

const PARTS: [string, Dict, Dict][] = [
  ['demands', demandsZh, demandsEn],
  ['events', eventsZh, eventsEn],
  ['meetings', meetingsZh, meetingsEn],
  ['roadshows', roadshowsZh, roadshowsEn],
  ['supply', supplyZh, supplyEn],
  ['projects', projectsZh, projectsEn],
  ['surveys', surveysZh, surveysEn],
  ['evaluation', evaluationZh, evaluationEn],
  ['outcomes', outcomesZh, outcomesEn],
  ['publicity', publicityZh, publicityEn],
  ['trust', trustZh, trustEn],
  ['lexicon', lexiconZh, lexiconEn],
  ['supervision', supervisionZh, supervisionEn],
  ['coorganisers', coorganisersZh, coorganisersEn],
];

describe('i18n dictionaries', () => {
  it('has every zh-CN key in en-US and no en-US key without a zh-CN one', () => {
    expect(
      Object.keys(en).filter((k) => !(k in zh)),
      'en-US keys missing in zh-CN',
    ).toEqual([]);
    expect(
      Object.keys(zh).filter((k) => !(k in en)),
      'zh-CN keys missing in en-US',
    ).toEqual([]);
  });

  it.each(PARTS)('keeps the %s part file complete in both languages', (_name, partZh, partEn) => {
    expect(
      Object.keys(partZh).filter((k) => !(k in partEn)),
      'missing in the part’s en-US object',
    ).toEqual([]);
    expect(
      Object.keys(partEn).filter((k) => !(k in partZh)),
      'missing in the part’s zh-CN object',
    ).toEqual([]);
  });

  it('has no empty string in either language', () => {
    const empty = [
      ...Object.entries(zh).map(([k, v]) => ['zh-CN', k, v]),
      ...Object.entries(en).map(([k, v]) => ['en-US', k, v]),
    ]
      .filter(([, , v]) => typeof v !== 'string' || v.trim() === '')
      .map(([lang, k]) => `${lang} ${k}`);
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const differ = Object.keys(zh)
      .filter((k) => k in en && placeholders(zh[k] ?? '').join() !== placeholders(en[k] ?? '').join())
      .map(
        (k) =>
          `${k}: zh-CN {${placeholders(zh[k] ?? '').join(', ')}} vs en-US {${placeholders(en[k] ?? '').join(', ')}}`,
      );
    expect(differ).toEqual([]);
  });

  it('has no Chinese in English strings except the allowed ones', () => {
    const chinese = Object.entries(en)
      .filter(([k, v]) => CJK.test((ALLOWED_CJK[k] ?? []).reduce((s, allowed) => s.split(allowed).join(''), v)))
      .map(([k, v]) => `${k}: ${v}`);
    expect(chinese).toEqual([]);
  });

  it('allows Chinese only where the entry is still needed', () => {
    const stale = Object.entries(ALLOWED_CJK).flatMap(([k, list]) =>
      list.filter((s) => !(en[k] ?? '').includes(s)).map((s) => `${k}: ${s}`),
    );
    expect(stale).toEqual([]);
  });

  it('explains every way the exact part of the scheduler can end, in both languages', () => {
    // The schedule tab shows t(`meetings.exact.${status}`) for the run's exact status.
    const keys = EXACT_STATUSES.map((st) => `meetings.exact.${st}`);
    expect(keys.filter((k) => !zh[k])).toEqual([]);
    expect(keys.filter((k) => !en[k])).toEqual([]);
  });
});
