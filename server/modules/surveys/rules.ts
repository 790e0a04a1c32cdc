/**
 * Pure survey rules: the questions of a version, answer validation, and the figures (CSAT, NPS, response rate
 * with their 95% intervals, distributions, small-group suppression). No I/O; tested through the API.
 */
import {
  MIN_GROUP_SIZE,
  OVERALL_KEY,
  RATING_LABELS,
  RECOMMEND_KEY,
  SUPPRESSED_LABEL,
  TEXT_MAX_LENGTH,
  type AnswerValue,
  type Estimate,
  type GroupFigures,
  type NpsEstimate,
  type Question,
  type QuestionDistribution,
  type SplitGroup,
} from '../../../common/contracts/surveys.ts';
import type { FieldError } from '../../lib/errors.ts';

export type Answers = Record<string, AnswerValue>;

/** z for a two-sided 95% interval. */
const Z = 1.959963984540054;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Wilson score interval for a proportion x/n (Wilson 1927), better than the normal approximation for small n
 * and for shares near 0 or 1 — typical of satisfaction data:
 *   p̂ = x/n;  centre = (p̂ + z²/2n) / (1 + z²/n);  half = z·√(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n)
 * Shares are rounded to 4 decimals.
 */
export function wilson(x: number, n: number): Estimate | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = Z * Z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return {
    value: round(p, 4),
    low: round(clamp(centre - half, 0, 1), 4),
    high: round(clamp(centre + half, 0, 1), 4),
    n,
  };
}

/**
 * NPS = share of promoters (9–10) − share of detractors (0–6), in points (×100). The two shares come from
 * one multinomial sample, so Var(p̂P − p̂D) = [pP(1−pP) + pD(1−pD) + 2·pP·pD] / n = [pP + pD − (pP − pD)²] / n
 * (their covariance is −pP·pD/n). The interval is the normal approximation NPS ± z·√Var, clamped to
 * [−100, 100]; values are rounded to 2 decimals.
 */
export function nps(scores: number[]): NpsEstimate | null {
  const n = scores.length;
  if (!n) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const pP = promoters / n;
  const pD = detractors / n;
  const d = pP - pD;
  const se = Math.sqrt(Math.max(0, pP + pD - d * d) / n);
  return {
    value: round(d * 100, 2),
    low: round(clamp(d - Z * se, -1, 1) * 100, 2),
    high: round(clamp(d + Z * se, -1, 1) * 100, 2),
    n,
    promoters,
    passives: n - promoters - detractors,
    detractors,
  };
}

/** CSAT: share of 4–5 on the overall rating among those who gave one, with its Wilson interval. */
export function csat(overall: number[]): Estimate | null {
  return wilson(overall.filter((s) => s >= 4).length, overall.length);
}

// ----- validation --------------------------------------------------------------------------------------------

const fe = (key: string, code: string, message: string): FieldError => ({ field: `answers.${key}`, code, message });

const isBlank = (v: AnswerValue | null | undefined) =>
  v == null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * Checks answers against the survey's questions (required ones, ranges, choices, lengths) and returns them
 * normalised (only answered keys, text trimmed), or every field error at once.
 */
export function validateAnswers(
  questions: readonly Question[],
  raw: Record<string, AnswerValue | null>,
): { answers: Answers; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const answers: Answers = {};
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const k of Object.keys(raw)) if (!byKey.has(k)) errors.push(fe(k, 'unknown_question', '问卷中没有该题目'));
  for (const q of questions) {
    const v = raw[q.key];
    if (isBlank(v)) {
      if (q.required) errors.push(fe(q.key, 'required', '此题为必答题'));
      continue;
    }
    switch (q.type) {
      case 'rating':
      case 'nps': {
        const [lo, hi] = q.type === 'rating' ? [1, 5] : [0, 10];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi)
          errors.push(fe(q.key, 'out_of_range', `请选择${lo}—${hi}分之间的整数分值`));
        else answers[q.key] = v;
        break;
      }
      case 'single': {
        if (typeof v !== 'string' || !q.options?.some((o) => o.key === v))
          errors.push(fe(q.key, 'invalid_choice', '请从列出的选项中选择一项'));
        else answers[q.key] = v;
        break;
      }
      case 'multiple': {
        const keys = q.options?.map((o) => o.key) ?? [];
        if (!Array.isArray(v) || v.some((x) => !keys.includes(x)) || new Set(v).size !== v.length)
          errors.push(fe(q.key, 'invalid_choice', '请从列出的选项中选择，且不要重复'));
        else if (q.maxChoices && v.length > q.maxChoices)
          errors.push(fe(q.key, 'too_many_choices', `最多选择${q.maxChoices}项`));
        else answers[q.key] = v;
        break;
      }
      case 'text': {
        const max = q.maxLength ?? TEXT_MAX_LENGTH;
        if (typeof v !== 'string') errors.push(fe(q.key, 'invalid_type', '请填写文字'));
        else if ([...v.trim()].length > max) errors.push(fe(q.key, 'too_long', `不超过${max}字`));
        else answers[q.key] = v.trim();
        break;
      }
    }
  }
  return { answers, errors };
}

// ----- figures -------------------------------------------------------------------------------------------------

function distribution(q: Question, core: boolean, rows: Answers[], withTexts: boolean): QuestionDistribution {
  const vals = rows.map((a) => a[q.key]).filter((v): v is AnswerValue => v !== undefined);
  const base = { key: q.key, type: q.type, text: q.text, core, answered: vals.length };
  if (q.type === 'rating' || q.type === 'nps') {
    const nums = vals.filter((v): v is number => typeof v === 'number');
    const range = q.type === 'rating' ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    return {
      ...base,
      counts: range.map((s) => ({
        value: String(s),
        label: q.type === 'rating' ? RATING_LABELS[s as 1 | 2 | 3 | 4 | 5] : `${s}分`,
        count: nums.filter((x) => x === s).length,
      })),
      mean: nums.length ? round(nums.reduce((a, b) => a + b, 0) / nums.length, 2) : null,
    };
  }
  if (q.type === 'single' || q.type === 'multiple') {
    const picked = vals.flatMap((v) => (Array.isArray(v) ? v : [v]));
    return {
      ...base,
      counts: (q.options ?? []).map((o) => ({
        value: o.key,
        label: o.label,
        count: picked.filter((x) => x === o.key).length,
      })),
    };
  }
  return withTexts ? { ...base, texts: vals.filter((v): v is string => typeof v === 'string') } : base;
}

/**
 * The figures of one group of answers, or "样本不足" below MIN_GROUP_SIZE. Free-text answers are listed only
 * for the whole survey (`withTexts`), never per group: a sentence can name its author more surely than a number.
 */
export function figures(
  questions: readonly { q: Question; core: boolean }[],
  rows: Answers[],
  withTexts: boolean,
): GroupFigures {
  if (rows.length < MIN_GROUP_SIZE) return { suppressed: true, label: SUPPRESSED_LABEL };
  const nums = (key: string) => rows.map((a) => a[key]).filter((v): v is number => typeof v === 'number');
  return {
    suppressed: false,
    answers: rows.length,
    csat: csat(nums(OVERALL_KEY)),
    nps: nps(nums(RECOMMEND_KEY)),
    questions: questions.map(({ q, core }) => distribution(q, core, rows, withTexts)),
  };
}

/**
 * One split (by size class, or by kind) over fixed group keys, every key listed whether or not it has answers
 * (so a group's mere presence tells nothing). Primary suppression hides groups under MIN_GROUP_SIZE; then,
 * because the whole survey's figures are shown too, a lone small group could be recovered by subtraction
 * (total − the shown groups). Secondary suppression therefore also hides the smallest shown groups until the
 * hidden answers number 0 or at least MIN_GROUP_SIZE.
 */
export function split(
  questions: readonly { q: Question; core: boolean }[],
  rows: { group: string; answers: Answers }[],
  groups: readonly { key: string; label: string }[],
): SplitGroup[] {
  const members = new Map(groups.map((g) => [g.key, rows.filter((r) => r.group === g.key).map((r) => r.answers)]));
  const hidden = new Set(groups.filter((g) => members.get(g.key)!.length < MIN_GROUP_SIZE).map((g) => g.key));
  const hiddenCount = () => [...hidden].reduce((s, k) => s + members.get(k)!.length, 0);
  while (hiddenCount() > 0 && hiddenCount() < MIN_GROUP_SIZE) {
    const next = groups
      .filter((g) => !hidden.has(g.key))
      .sort((a, b) => members.get(a.key)!.length - members.get(b.key)!.length)[0];
    if (!next) break;
    hidden.add(next.key);
  }
  return groups.map((g) => ({
    key: g.key,
    label: g.label,
    figures: hidden.has(g.key)
      ? { suppressed: true as const, label: SUPPRESSED_LABEL }
      : figures(questions, members.get(g.key)!, false),
  }));
}
