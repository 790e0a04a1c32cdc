/** The sentences under a finished scheduler run: the gap to the lower bound, how the exact part ended, the worker's memory. */
import type { ExactRunStatus } from '../../../../common/contracts/meetings.ts';
import type { ScheduleRun } from '../../../api/meetings.ts';
import type { TFunction } from '../../../i18n/index.tsx';

/** Endings of the exact part whose own sentence already says that the fewest breaks are not proved. */
const SAYS_UNPROVED: ReadonlySet<ExactRunStatus> = new Set(['stopped', 'too-large', 'gap-too-large']);

export function runNotes(
  t: TFunction,
  r: Pick<ScheduleRun, 'gap' | 'provedOptimal' | 'exactStatus' | 'workerMemoryMb'>,
): string[] {
  const notes: string[] = [];
  if (r.gap && !r.provedOptimal) {
    // The plain figure when the next sentence explains it; otherwise the figure with what it means.
    const key = r.exactStatus && SAYS_UNPROVED.has(r.exactStatus) ? 'meetings.gapFigure' : 'meetings.gap';
    notes.push(t(key, { n: r.gap }));
  }
  if (r.exactStatus) notes.push(t(`meetings.exact.${r.exactStatus}`));
  if (r.workerMemoryMb != null) notes.push(t('meetings.workerMemory', { mb: r.workerMemoryMb }));
  return notes;
}

/** One paragraph: no space after a Chinese full stop, one space otherwise (English). */
export function joinSentences(sentences: readonly string[]): string {
  return sentences.reduce((text, s) => (text === '' || /[。！？；]$/.test(text) ? text + s : `${text} ${s}`), '');
}
