/** Pieces shared by the evaluation pages: the status tag and number formats. */
import { EVALUATION_STATUS_LABELS, type EvaluationStatus } from '../../api/evaluation.ts';
import { ToneTag } from '../../components/StatusTag.tsx';

const TONE = { commissioned: 'blue', in_progress: 'orange', submitted: 'purple', accepted: 'green' } as const;

export function EvaluationStatusTag({ status, testId }: { status: EvaluationStatus; testId?: string }) {
  return (
    <ToneTag tone={TONE[status]} testId={testId}>
      {EVALUATION_STATUS_LABELS[status]}
    </ToneTag>
  );
}

/** A share 0..1 as a percentage with one decimal, as the report writes it: 0.8235 → "82.4%". */
export const pct = (v: number | null | undefined): string =>
  v == null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`;

/** Whole yuan as 万元 with two decimals at most. */
export const wan = (yuan: number): string => (Math.round(yuan / 100) / 100).toLocaleString('zh-CN');
