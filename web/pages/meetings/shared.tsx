/** Small pieces shared by the meeting pages: time labels in Beijing time, status tags, cited items, countdowns, the session/agenda/overview queries. */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type {
  Agenda,
  CitedItem,
  MeetingSession,
  Overview,
  Party,
  RequestStatus,
  SlotView,
} from '../../api/meetings.ts';
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { hm, ModeTag } from '../../components/meetings/SessionParts.tsx';

export const slotLabel = (s: Pick<SlotView, 'startsAt' | 'endsAt'>): string => `${hm(s.startsAt)}–${hm(s.endsAt)}`;

const REQUEST_TONE: Record<RequestStatus, Tone> = {
  pending: 'orange',
  accepted: 'green',
  declined: 'red',
  withdrawn: 'grey',
  expired: 'grey',
  cancelled: 'grey',
};

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const t = useT();
  return <ToneTag tone={REQUEST_TONE[status] ?? 'grey'}>{t(`meetings.request.${status}` as MessageKey)}</ToneTag>;
}

export function MeetingStatusTag({ status }: { status: 'accepted' | 'scheduled' | 'cancelled' }) {
  const t = useT();
  const tone: Tone = status === 'scheduled' ? 'green' : status === 'accepted' ? 'blue' : 'grey';
  return <ToneTag tone={tone}>{t(`meetings.meeting.${status}` as MessageKey)}</ToneTag>;
}

export function SessionStateTags({ s }: { s: Pick<MeetingSession, 'status' | 'publishedAt' | 'mode'> }) {
  const t = useT();
  return (
    <>
      <ModeTag mode={s.mode} />
      {s.status === 'closed' ? (
        <ToneTag tone="grey">{t('meetings.status.closed')}</ToneTag>
      ) : (
        <ToneTag tone="green">{t('meetings.status.open')}</ToneTag>
      )}
      {s.mode === 'organiser' ? (
        s.publishedAt ? (
          <ToneTag tone="green">{t('meetings.published')}</ToneTag>
        ) : (
          <ToneTag tone="orange">{t('meetings.notPublished')}</ToneTag>
        )
      ) : null}
    </>
  );
}

const CITE_PATH: Record<string, string> = { demand: 'demands', resource: 'resources', result: 'results' };

/** The cited demand/resource/result by title (falls back to its kind when it cannot be read). */
export function CitedItemLabel({ item }: { item: CitedItem | null }) {
  const t = useT();
  const path = item ? CITE_PATH[item.type] : undefined;
  const q = useQuery({
    queryKey: ['meetings', 'cited', item?.type, item?.id],
    queryFn: () => api.get<{ title: string }>(`/${path}/${item!.id}`),
    enabled: !!item && !!path,
    retry: false,
    staleTime: 300_000,
  });
  if (!item) return null;
  const kind = CITE_PATH[item.type] ? t(`meetings.cite.${item.type}` as MessageKey) : item.type;
  return (
    <span className="rt-meet-cite">
      {kind}：{q.data?.title ?? (q.isLoading ? '…' : item.id.slice(-8))}
    </span>
  );
}

/** "还剩 5 小时 12 分" until an instant, refreshed every 30 seconds. */
export function Countdown({ until }: { until: string }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(h);
  }, []);
  const ms = new Date(until).getTime() - now;
  if (ms <= 0) return <ToneTag tone="grey">{t('meetings.request.expired')}</ToneTag>;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return (
    <ToneTag tone={h < 6 ? 'red' : h < 24 ? 'orange' : 'blue'} testId="request-countdown">
      {h > 0 ? t('meetings.leftHm', { h, m }) : t('meetings.leftM', { m })}
    </ToneTag>
  );
}

export const useSession = (id: string | undefined) =>
  useQuery({
    queryKey: ['meetings', 'session', id],
    queryFn: () => api.get<MeetingSession>(`/meeting-sessions/${id}`),
    enabled: !!id,
  });

/** Styles for the printable pages: the workspace chrome and on-screen controls disappear on paper. */
export const PRINT_CSS = `
@media print {
  .rt-sider, .rt-header, .rt-skip, .rt-noprint, .ant-layout-sider { display: none !important; }
  .rt-content { padding: 0 !important; margin: 0 !important; }
  .ant-layout { background: #fff !important; }
  .rt-print-sheet { page-break-after: always; break-after: page; }
  .rt-print-sheet:last-child { page-break-after: auto; break-after: auto; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 10px; }
}
.rt-print table { width: 100%; border-collapse: collapse; }
.rt-print th, .rt-print td { border: 1px solid #bfbfbf; padding: 6px 8px; text-align: left; vertical-align: top; }
.rt-print th { background: #fafafa; }
.rt-print h2 { font-size: 18px; margin: 16px 0 8px; }
`;

/** My agenda in a session (the agenda tab and its printable page). */
export function useAgenda(sessionId: string) {
  return useQuery({
    queryKey: ['meetings', 'agenda', sessionId],
    queryFn: () => api.get<Agenda>(`/meeting-sessions/${sessionId}/agenda`),
  });
}

/** The organisers' overview of a session (the overview tab and its printable page). */
export function useOverview(id: string) {
  return useQuery({
    queryKey: ['meetings', 'overview', id],
    queryFn: () => api.get<Overview>(`/meeting-sessions/${id}/overview`),
  });
}

/** The organisations of a meeting, 'A × B'. */
export const pair = (ps: Party[]) => ps.map((p) => p.organisationName).join(' × ');
