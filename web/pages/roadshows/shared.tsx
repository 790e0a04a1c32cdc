/** Small pieces shared by the roadshow and exhibition-hall pages: status tags and the time of a session. */
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import type { BoothStatus, ContactStatus, ProjectStatus, RoadshowStatus, SessionRef } from '../../api/roadshows.ts';

const RS_TONE: Record<RoadshowStatus, Tone> = { collecting: 'blue', scoring: 'orange', closed: 'green' };
const PROJECT_TONE: Record<ProjectStatus, Tone> = { submitted: 'blue', accepted: 'green', rejected: 'grey' };
const BOOTH_TONE: Record<BoothStatus, Tone> = { pending: 'orange', approved: 'green', rejected: 'red' };
const CONTACT_TONE: Record<ContactStatus, Tone> = { pending: 'orange', accepted: 'green', declined: 'grey' };

export function RoadshowStatusTag({ status }: { status: RoadshowStatus }) {
  const t = useT();
  return <ToneTag tone={RS_TONE[status]} testId="roadshow-status">{t(`roadshows.status.${status}` as MessageKey)}</ToneTag>;
}

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const t = useT();
  return <ToneTag tone={PROJECT_TONE[status]}>{t(`roadshows.project.${status}` as MessageKey)}</ToneTag>;
}

export function BoothStatusTag({ status }: { status: BoothStatus }) {
  const t = useT();
  return <ToneTag tone={BOOTH_TONE[status]}>{t(`roadshows.hall.booth.${status}` as MessageKey)}</ToneTag>;
}

export function ContactStatusTag({ status }: { status: ContactStatus }) {
  const t = useT();
  return <ToneTag tone={CONTACT_TONE[status]}>{t(`roadshows.hall.contact.${status}` as MessageKey)}</ToneTag>;
}

/** "2026年12月19日 14:00—17:00" for a session on one day. */
export function sessionTime(s: Pick<SessionRef, 'startsAt' | 'endsAt'>): string {
  const a = fmtDateTime(s.startsAt);
  const b = fmtDateTime(s.endsAt);
  const [da, ta] = [a.slice(0, a.lastIndexOf(' ')), a.slice(a.lastIndexOf(' ') + 1)];
  const [db, tb] = [b.slice(0, b.lastIndexOf(' ')), b.slice(b.lastIndexOf(' ') + 1)];
  return da === db ? `${da} ${ta}—${tb}` : `${a}—${b}`;
}

export const fmtScore = (v: number | null | undefined): string => (v == null ? '—' : v.toFixed(2));
