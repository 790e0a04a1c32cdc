/**
 * The answer page's own checks, the same rules the server applies (server/modules/surveys/rules.ts):
 * required questions, choices among the options, at most `maxChoices`, text within `maxLength`. Messages are
 * the server's wording, so a person sees the same text whichever side caught the problem.
 */
import { TEXT_MAX_LENGTH, type AnswerValue, type Question } from '../../api/surveys.ts';
import type { TFunction } from '../../i18n/index.tsx';

export type Draft = Record<string, AnswerValue | null>;

export const isBlank = (v: AnswerValue | null | undefined): boolean =>
  v == null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Errors by question key (one message each). */
export function checkAnswers(t: TFunction, questions: readonly Question[], draft: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of questions) {
    const v = draft[q.key];
    if (isBlank(v)) {
      if (q.required) out[q.key] = t('surveys.answer.required');
      continue;
    }
    if (q.type === 'multiple' && Array.isArray(v) && q.maxChoices && v.length > q.maxChoices)
      out[q.key] = t('surveys.answer.tooMany', { n: q.maxChoices });
    const max = q.maxLength ?? TEXT_MAX_LENGTH;
    if (q.type === 'text' && typeof v === 'string' && [...v.trim()].length > max)
      out[q.key] = t('surveys.answer.tooLong', { n: max });
  }
  return out;
}

/** What is sent: answered questions only, text trimmed. */
export function toAnswers(questions: readonly Question[], draft: Draft): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const q of questions) {
    const v = draft[q.key];
    if (isBlank(v)) continue;
    out[q.key] = typeof v === 'string' ? v.trim() : v!;
  }
  return out;
}

/** The draft kept in this tab while answering (lost input is the worst outcome on a phone). */
const draftKey = (token: string) => `rt.survey.${token.slice(0, 16)}`;

export function loadDraft(token: string): Draft {
  try {
    const raw = window.sessionStorage.getItem(draftKey(token));
    return raw ? (JSON.parse(raw) as Draft) : {};
  } catch {
    return {};
  }
}

export function saveDraft(token: string, d: Draft): void {
  try {
    window.sessionStorage.setItem(draftKey(token), JSON.stringify(d));
  } catch {
    // Storage full or disabled: the page still keeps the answers while it is open.
  }
}

export function clearDraft(token: string): void {
  try {
    window.sessionStorage.removeItem(draftKey(token));
  } catch {
    // Nothing to clear.
  }
}
