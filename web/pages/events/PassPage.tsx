/**
 * The printable pass (电子参会证, /workspace/events/passes/:registrationId): name, organisation, session,
 * time, venue, a large QR code of the check-in code and the code typed out. The print stylesheet hides
 * the workspace around it so it prints on one A4 page.
 */
import { Alert, Button, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Pass } from '../../api/events.ts';
import { useT } from '../../i18n/index.tsx';
import { usePageTitle } from '../../hooks/usePageTitle.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtSessionTime, RegStatusTag } from '../../components/events/SessionParts.tsx';

const PRINT_CSS = `
.rt-pass { max-width: 560px; margin: 0 auto; background: #fff; border: 1px solid #d9d9d9; border-radius: 12px; overflow: hidden; }
.rt-pass-head { background: #003a8c; color: #fff; padding: 16px 24px; }
.rt-pass-head h1 { color: #fff; font-size: 22px; margin: 0; }
.rt-pass-head div { opacity: .9; font-size: 14px; }
.rt-pass-body { padding: 20px 24px; }
.rt-pass-name { font-size: 26px; font-weight: 600; margin: 0; }
.rt-pass-org { font-size: 16px; color: rgba(0,0,0,.72); margin-bottom: 12px; }
.rt-pass dl { display: grid; grid-template-columns: 4.5em 1fr; gap: 6px 12px; margin: 0 0 16px; font-size: 15px; }
.rt-pass dt { color: rgba(0,0,0,.62); }
.rt-pass dd { margin: 0; }
.rt-pass-qr { display: flex; flex-direction: column; align-items: center; gap: 8px; padding: 8px 0 4px; }
.rt-pass-qr svg { width: min(280px, 70vw); height: auto; display: block; }
.rt-pass-code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 28px; letter-spacing: .18em; font-weight: 700; }
.rt-pass-foot { border-top: 1px dashed #d9d9d9; padding: 10px 24px; font-size: 13px; color: rgba(0,0,0,.62); }
@media print {
  @page { size: A4 portrait; margin: 14mm; }
  body { background: #fff !important; }
  .rt-sider, .rt-header, .rt-skip, .rt-no-print, .ant-layout-sider, .ant-message, .ant-float-btn { display: none !important; }
  .rt-content { padding: 0 !important; margin: 0 !important; }
  .ant-layout { background: #fff !important; min-height: 0 !important; }
  .rt-pass { border: 2px solid #000; break-inside: avoid; page-break-inside: avoid; max-width: 150mm; }
  .rt-pass-head { background: #fff !important; color: #000; border-bottom: 2px solid #000; }
  .rt-pass-head h1 { color: #000; }
  .rt-pass-qr svg { width: 70mm; }
}
`;

export function PassPage() {
  const { registrationId } = useParams();
  const t = useT();
  const q = useQuery({
    queryKey: ['events', 'pass', registrationId],
    queryFn: () => api.get<Pass>(`/event-registrations/${registrationId}/pass`),
  });
  const p = q.data;
  usePageTitle(p ? `${t('events.passTitle')} · ${p.session.title}` : t('events.passTitle'));
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      <style>{PRINT_CSS}</style>
      {p ? (
        <>
          <Space className="rt-no-print" wrap style={{ marginBottom: 16 }}>
            <LinkButton to="/workspace/events">{t('events.backToList')}</LinkButton>
            <LinkButton to={`/sessions/${p.session.id}`}>{t('events.backToSession')}</LinkButton>
            {p.qrSvg ? (
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-pass">
                {t('events.print')}
              </Button>
            ) : null}
          </Space>
          {!p.qrSvg ? (
            <Alert
              className="rt-no-print"
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('events.passNotValid', { status: t(`events.status.${p.registration.status}`) })}
              description={
                p.registration.waitlistPosition
                  ? t('events.waitlistExplain', { n: p.registration.waitlistPosition })
                  : undefined
              }
            />
          ) : null}
          <article className="rt-pass" data-testid="pass">
            <header className="rt-pass-head">
              <h1>{t('events.passTitle')}</h1>
              <div>{p.session.themeDay.title}</div>
            </header>
            <div className="rt-pass-body">
              <p className="rt-pass-name" data-testid="pass-name">
                {p.registration.user.name}
              </p>
              <div className="rt-pass-org">{p.registration.organisation?.name ?? '—'}</div>
              <dl>
                <dt>{t('events.session')}</dt>
                <dd data-testid="pass-session">{p.session.title}</dd>
                <dt>{t('events.time')}</dt>
                <dd>{fmtSessionTime(p.session.startsAt, p.session.endsAt)}</dd>
                {p.registration.attendance === 'offline' ? (
                  <>
                    <dt>{t('events.venue')}</dt>
                    <dd>{p.session.venue ?? '—'}</dd>
                  </>
                ) : (
                  <>
                    <dt>{t('events.onlineChannel')}</dt>
                    <dd style={{ wordBreak: 'break-all' }}>{p.session.onlineChannel ?? '—'}</dd>
                  </>
                )}
                <dt>{t('common.status')}</dt>
                <dd>
                  <RegStatusTag
                    status={p.registration.status}
                    position={p.registration.waitlistPosition}
                    checkedIn={!!p.registration.checkedInAt}
                  />
                </dd>
              </dl>
              {p.qrSvg ? (
                <div className="rt-pass-qr">
                  <div
                    role="img"
                    aria-label={`${t('events.codeLabel')} ${p.registration.code ?? ''}`}
                    dangerouslySetInnerHTML={{ __html: p.qrSvg }}
                  />
                  <div className="rt-pass-code" data-testid="pass-code">
                    {p.registration.code}
                  </div>
                  <div className="rt-muted">{t('events.passHint')}</div>
                </div>
              ) : null}
            </div>
            <footer className="rt-pass-foot">{t('events.passFooter', { host: p.session.themeDay.hostName })}</footer>
          </article>
        </>
      ) : null}
    </QueryState>
  );
}
