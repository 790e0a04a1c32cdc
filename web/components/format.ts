/**
 * Display helpers. Instants are shown in Beijing time whatever the browser's zone. Dates follow the UI language:
 * "2020年9月15日" in Chinese, "Sep 15, 2020" in English (a foreign partner reads no 年月日); the language is the
 * one the i18n layer last set (see setApiLocale), so components re-rendered by a language switch show the new one.
 */
import { daysBetween, shanghaiToday, utcToShanghaiParts } from '../../common/time.ts';
import { DEPARTMENT_LABELS, type Department } from '../../common/roles.ts';
import { apiLocale } from '../api/client.ts';
import { translate, type MessageKey } from '../i18n/index.tsx';

export type DisplayLang = 'zh' | 'en';

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The language dates are written in now. */
export const displayLang = (): DisplayLang => (apiLocale() === 'en-US' ? 'en' : 'zh');

interface Ymd {
  year: number;
  month: number;
  day: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date ('YYYY-MM-DD', taken as written) or an instant (its Beijing date and time). */
function parts(v: string): Ymd & { hm: string } {
  const m = DATE_RE.exec(v);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hm: '00:00' };
  const p = utcToShanghaiParts(v);
  return { year: p.year, month: p.month, day: p.day, hm: `${pad(p.hour)}:${pad(p.minute)}` };
}

const shortMonth = (m: number) => MONTHS_EN[m - 1]!.slice(0, 3);

/** Month and day: "9月15日" / "Sep 15". */
function md(d: Ymd, lang: DisplayLang): string {
  return lang === 'en' ? `${shortMonth(d.month)} ${d.day}` : `${d.month}月${d.day}日`;
}

function ymd(d: Ymd, lang: DisplayLang): string {
  return lang === 'en' ? `${md(d, lang)}, ${d.year}` : `${d.year}年${md(d, lang)}`;
}

/** Runs a formatter, falling back to the raw value when it is not a date. */
function safe(v: string | null | undefined, f: (v: string) => string): string {
  if (!v) return '—';
  try {
    return f(v);
  } catch {
    return v;
  }
}

/** "2020年9月15日 09:00" / "Sep 15, 2020 09:00" (Beijing time). */
export function fmtDateTime(v: string | null | undefined, lang: DisplayLang = displayLang()): string {
  return safe(v, (x) => {
    const p = parts(x);
    return `${ymd(p, lang)} ${p.hm}`;
  });
}

/** "2020年9月15日" / "Sep 15, 2020". */
export function fmtDate(v: string | null | undefined, lang: DisplayLang = displayLang()): string {
  return safe(v, (x) => ymd(parts(x), lang));
}

/** "9月15日" / "Sep 15": a date whose year the reader already knows (an agenda, a calendar). */
export function fmtMonthDay(v: string | null | undefined, lang: DisplayLang = displayLang()): string {
  return safe(v, (x) => md(parts(x), lang));
}

/** A month's name: "9月" / "September". */
export function fmtMonth(month: number, lang: DisplayLang = displayLang()): string {
  return lang === 'en' ? (MONTHS_EN[month - 1] ?? String(month)) : `${month}月`;
}

/**
 * A theme day's dates ('YYYY-MM-DD'): "2020年9月15日—16日" / "Sep 15–16, 2020"; across months "2020年9月30日—10月2日"
 * / "Sep 30 – Oct 2, 2020". `withYear: false` leaves the year out ("9月15日—16日" / "Sep 15–16").
 */
export function fmtDateRange(
  start: string,
  end: string,
  { withYear = true, lang = displayLang() }: { withYear?: boolean; lang?: DisplayLang } = {},
): string {
  try {
    const a = parts(start);
    const b = parts(end);
    const first = withYear ? (x: Ymd) => ymd(x, lang) : (x: Ymd) => md(x, lang);
    if (start === end) return first(a);
    if (lang === 'en') {
      const year = withYear ? `, ${b.year}` : '';
      if (a.year === b.year && a.month === b.month) return `${md(a, lang)}–${b.day}${year}`;
      if (a.year === b.year) return `${md(a, lang)} – ${md(b, lang)}${year}`;
      return `${ymd(a, lang)} – ${ymd(b, lang)}`;
    }
    if (a.year === b.year && a.month === b.month) return `${first(a)}—${b.day}日`;
    if (a.year === b.year) return `${first(a)}—${md(b, lang)}`;
    return `${ymd(a, lang)}—${ymd(b, lang)}`;
  } catch {
    return `${start}—${end}`;
  }
}

/**
 * Punctuation around data in the UI language: Chinese full-width "：（）、" would look broken between English
 * labels ("Theme: 能源互联网 (held)", "Partner bases: 北辰理工, 滨江高新").
 */
export function punct(lang: DisplayLang = displayLang()) {
  return lang === 'en'
    ? { colon: ': ', open: ' (', close: ')', sep: ', ' }
    : { colon: '：', open: '（', close: '）', sep: '、' };
}

/** Han characters: an "English" string that still has them is no translation. */
const HAN = /[\u3400-\u9fff]/;

/**
 * An enum value's label in the UI language. Chinese: the contract's *_LABELS text (`zh`, often sent by the server
 * as `…Label`). English: the i18n key `${prefix}.${value}` (e.g. demands.mode.joint_rd), or the Chinese label when
 * the dictionaries have no English for it.
 */
export function enumLabel(prefix: string, value: string, zh: string, lang: DisplayLang = displayLang()): string {
  if (lang === 'zh') return zh;
  const key = `${prefix}.${value}`;
  const en = translate('en-US', key as MessageKey);
  return en === key || HAN.test(en) ? zh : en;
}

/** Days from today (Shanghai) to a 'YYYY-MM-DD' date; negative when past. */
export function daysUntil(date: string, now: Date = new Date()): number {
  return daysBetween(shanghaiToday(now), date.slice(0, 10));
}

/** A department (指导部门) by its code, in the UI language; the code itself when unknown. */
export function deptLabel(code: string | null | undefined): string {
  if (!code) return '';
  return DEPARTMENT_LABELS[code as Department]?.[displayLang()] ?? code;
}
