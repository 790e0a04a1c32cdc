/** Small pieces of a meeting session, used by the meeting pages and by the portal's theme-day page: Beijing-time labels, the session path, the mode tag. */
import { formatShanghai } from '../../../common/time.ts';
import type { MeetingSession, SlotView } from '../../api/meetings.ts';
import { ToneTag } from '../StatusTag.tsx';
import { fmtDate } from '../format.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';

/** 'HH:mm' in Beijing time. */
export const hm = (iso: string): string => formatShanghai(iso).slice(-5);

export const sessionPath = (id: string) => `/workspace/meetings/${id}`;

/** '2020年11月11日 09:00–15:40' for a session. */
export function sessionWhen(s: {
  date: string;
  slots?: SlotView[];
  startsAt?: string | null;
  endsAt?: string | null;
}): string {
  const first = s.slots?.[0]?.startsAt ?? s.startsAt;
  const last = s.slots?.[s.slots.length - 1]?.endsAt ?? s.endsAt;
  return first && last ? `${fmtDate(s.date)} ${hm(first)}–${hm(last)}` : fmtDate(s.date);
}

export function ModeTag({ mode }: { mode: MeetingSession['mode'] }) {
  const t = useT();
  return <ToneTag tone={mode === 'organiser' ? 'purple' : 'blue'}>{t(`meetings.mode.${mode}` as MessageKey)}</ToneTag>;
}
