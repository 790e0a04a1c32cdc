/**
 * Checks of question lists that zod's structural schema cannot word well: each returns field errors with
 * Chinese messages (the server refuses with them; a page may run the same checks as the user types).
 */
import { HOST_KEY_PREFIX, HOST_QUESTIONS_MAX, OVERALL_KEY, RECOMMEND_KEY, type Question } from './contracts/surveys.ts';
import type { FieldError } from './contracts/problem.ts';

function duplicates(qs: readonly Question[], field: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  qs.forEach((q, i) => {
    if (seen.has(q.key)) out.push({ field: `${field}.${i}.key`, code: 'duplicate_key', message: '题目标识不能重复' });
    seen.add(q.key);
  });
  return out;
}

/** The host's questions: prefixed `host_` so they can never replace a core question, now or in a later version. */
export function checkHostQuestions(qs: readonly Question[], field: string): FieldError[] {
  const out = duplicates(qs, field);
  if (qs.length > HOST_QUESTIONS_MAX)
    out.push({ field, code: 'too_many', message: `承办方自设题目不超过${HOST_QUESTIONS_MAX}道` });
  qs.forEach((q, i) => {
    if (!q.key.startsWith(HOST_KEY_PREFIX))
      out.push({
        field: `${field}.${i}.key`,
        code: 'core_key',
        message: `承办方自设题目的标识须以“${HOST_KEY_PREFIX}”开头，不能修改或替换核心题目`,
      });
  });
  return out;
}

/** A core version: unique keys, none reserved for hosts, and the two questions the headline figures need. */
export function checkCoreQuestions(qs: readonly Question[], field: string): FieldError[] {
  const out = duplicates(qs, field);
  qs.forEach((q, i) => {
    if (q.key.startsWith(HOST_KEY_PREFIX))
      out.push({
        field: `${field}.${i}.key`,
        code: 'reserved_key',
        message: `核心题目的标识不能以“${HOST_KEY_PREFIX}”开头`,
      });
  });
  const o = qs.find((q) => q.key === OVERALL_KEY);
  const r = qs.find((q) => q.key === RECOMMEND_KEY);
  if (!o || o.type !== 'rating' || !o.required)
    out.push({ field, code: 'overall_required', message: '核心问卷须保留必答的“总体满意度”评分题（overall）' });
  if (!r || r.type !== 'nps' || !r.required)
    out.push({ field, code: 'recommend_required', message: '核心问卷须保留必答的“推荐意愿”题（recommend，0—10分）' });
  return out;
}
