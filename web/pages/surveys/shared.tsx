/** Pieces shared by the workspace survey pages: number formats, the status tag. */
import { SURVEY_STATUS_LABELS, type SurveyStatus } from '../../api/surveys.ts';
import { ToneTag } from '../../components/StatusTag.tsx';

/** A share 0..1 as a percentage with one decimal at most: 0.8235 → "82.4%". */
export const pct = (v: number | null | undefined): string =>
  v == null ? '—' : `${(Math.round(v * 1000) / 10).toLocaleString('zh-CN')}%`;

/** NPS points with one decimal at most (signed). */
export const points = (v: number): string => {
  const r = Math.round(v * 10) / 10;
  return `${r > 0 ? '+' : ''}${r.toLocaleString('zh-CN')}`;
};

export function SurveyStatusTag({ status, testId }: { status: SurveyStatus; testId?: string }) {
  return (
    <ToneTag tone={status === 'open' ? 'green' : 'grey'} testId={testId}>
      {SURVEY_STATUS_LABELS[status]}
    </ToneTag>
  );
}
