/**
 * Printable pages: my agenda, the table sheets (one page per table or online room, to put on the table) and
 * the session overview. On paper the workspace menu, header and buttons disappear (@media print).
 */
import type { ReactNode } from 'react';
import { Alert, Button, Flex } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { TableSheets } from '../../api/meetings.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { fmtDate } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { sessionPath } from '../../components/meetings/SessionParts.tsx';
import { PRINT_CSS, slotLabel, useAgenda, useOverview } from './shared.tsx';

function PrintFrame({
  title,
  subtitle,
  back,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  back: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className="rt-print" data-testid="print-page">
      <style>{PRINT_CSS}</style>
      <Flex gap={8} className="rt-noprint" style={{ marginBottom: 12 }} wrap>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
          {t('meetings.print')}
        </Button>
        <LinkButton to={back}>{t('common.back')}</LinkButton>
      </Flex>
      <PageHeader title={title} subtitle={subtitle} />
      {children}
    </div>
  );
}

export function AgendaPrintPage() {
  const t = useT();
  const { sessionId = '' } = useParams();
  const agenda = useAgenda(sessionId);
  const a = agenda.data;
  return (
    <QueryState isLoading={agenda.isLoading} error={agenda.error}>
      {a ? (
        <PrintFrame
          title={t('meetings.myAgendaTitle', { title: a.session.title })}
          subtitle={`${fmtDate(a.session.date)}${a.session.venue ? ` · ${a.session.venue}` : ''} · ${t('common.beijingTime')}`}
          back={sessionPath(sessionId)}
        >
          {a.items.length ? (
            <table data-testid="print-agenda">
              <thead>
                <tr>
                  <th scope="col">{t('meetings.slot')}</th>
                  <th scope="col">{t('meetings.location')}</th>
                  <th scope="col">{t('meetings.counterpart')}</th>
                  <th scope="col">{t('meetings.message')}</th>
                </tr>
              </thead>
              <tbody>
                {a.items.map((it) => (
                  <tr key={it.meetingId}>
                    <td style={{ whiteSpace: 'nowrap' }}>{slotLabel(it.slot)}</td>
                    <td>
                      {it.location?.label ?? '—'}
                      {it.onlineLink ? (
                        <div>
                          <a href={it.onlineLink}>{t('meetings.onlineLink')}</a>
                        </div>
                      ) : null}
                    </td>
                    <td>
                      <strong>{it.counterpart.organisationName}</strong>
                      <div>{it.counterpart.name}</div>
                    </td>
                    <td>{it.message ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Alert type="info" showIcon title={t('meetings.agendaEmpty')} />
          )}
          {a.unscheduled.length ? (
            <p style={{ marginTop: 12 }}>{t('meetings.unscheduledNote', { n: a.unscheduled.length })}</p>
          ) : null}
        </PrintFrame>
      ) : null}
    </QueryState>
  );
}

export function TablesPrintPage() {
  const t = useT();
  const { sessionId = '' } = useParams();
  const q = useQuery({
    queryKey: ['meetings', 'table-sheets', sessionId],
    queryFn: () => api.get<TableSheets>(`/meeting-sessions/${sessionId}/table-sheets`),
  });
  const d = q.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error}>
      {d ? (
        <PrintFrame
          title={t('meetings.tableSheetsTitle', { title: d.session.title })}
          subtitle={`${fmtDate(d.session.date)}${d.session.venue ? ` · ${d.session.venue}` : ''}`}
          back={`${sessionPath(sessionId)}/organise`}
        >
          {d.sheets.every((sh) => sh.rows.every((r) => !r.meetingId)) ? (
            <Alert type="info" showIcon title={t('meetings.noSheets')} />
          ) : null}
          {d.sheets.some((sh) => sh.rows.every((r) => !r.meetingId)) ? (
            <p className="rt-muted">
              {t('meetings.emptySheets', { n: d.sheets.filter((sh) => sh.rows.every((r) => !r.meetingId)).length })}
            </p>
          ) : null}
          {d.sheets
            .filter((sh) => sh.rows.some((r) => r.meetingId))
            .map((sh) => (
              <section key={sh.location.label} className="rt-print-sheet" aria-label={sh.location.label}>
                <h2>{sh.location.label}</h2>
                <table>
                  <thead>
                    <tr>
                      <th scope="col" style={{ width: 130 }}>
                        {t('meetings.slot')}
                      </th>
                      <th scope="col">{t('meetings.parties')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sh.rows.map((r) => (
                      <tr key={r.slot.index}>
                        <td>{slotLabel(r.slot)}</td>
                        <td>
                          {r.participants.length ? (
                            r.participants.map((p) => `${p.organisationName}（${p.name}）`).join(' × ')
                          ) : (
                            <span className="rt-muted">{t('meetings.free')}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))}
        </PrintFrame>
      ) : null}
    </QueryState>
  );
}

export function OverviewPrintPage() {
  const t = useT();
  const { sessionId = '' } = useParams();
  const ov = useOverview(sessionId);
  const o = ov.data;
  return (
    <QueryState isLoading={ov.isLoading} error={ov.error}>
      {o ? (
        <PrintFrame
          title={t('meetings.overviewTitle', { title: o.session.title })}
          subtitle={`${fmtDate(o.session.date)}${o.session.venue ? ` · ${o.session.venue}` : ''}`}
          back={`${sessionPath(sessionId)}/organise`}
        >
          <p>
            {t('meetings.overviewCounts', {
              p: o.counts.participants,
              s: o.counts.scheduled,
              u: o.counts.unscheduled,
              b: o.totalBreaks,
            })}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col" style={{ width: 130 }}>
                  {t('meetings.slot')}
                </th>
                <th scope="col">{t('meetings.meetingsInSlot')}</th>
              </tr>
            </thead>
            <tbody>
              {o.grid.map((r) => (
                <tr key={r.slot.index}>
                  <td>{slotLabel(r.slot)}</td>
                  <td>
                    {r.meetings.length
                      ? r.meetings.map((m) => (
                          <div key={m.meetingId}>
                            {m.location?.label ?? '—'}：{m.participants.map((p) => p.organisationName).join(' × ')}
                          </div>
                        ))
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {o.unscheduled.length ? (
            <>
              <h2>{t('meetings.unscheduledTitle')}</h2>
              <ul>
                {o.unscheduled.map((u) => (
                  <li key={u.meetingId}>{u.participants.map((p) => p.organisationName).join(' × ')}</li>
                ))}
              </ul>
            </>
          ) : null}
        </PrintFrame>
      ) : null}
    </QueryState>
  );
}
