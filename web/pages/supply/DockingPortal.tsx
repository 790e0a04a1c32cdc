/**
 * Portal pages of 创新主体深度对接: expert seminars and supply–demand docking sessions (agenda, venue or
 * online link, and where to register — registration itself belongs to the events area), and alliances
 * with their members and charter.
 */
import { Card, Col, Descriptions, Empty, Pagination, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { DOCKING_KINDS, type Alliance, type DockingSession } from '../../api/supply.ts';
import { InvitationBanner } from './docking/AllianceInvitations.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { industryName } from '../../../common/industry.ts';
import { Paragraphs, sessionWhen } from './shared.tsx';

/** Where a session takes place: venue and/or online link. */
export function SessionPlace({ s }: { s: Pick<DockingSession, 'venue' | 'onlineLink'> }) {
  const t = useT();
  return (
    <>
      {s.venue ? (
        <div>
          {t('supply.docking.venue')}：{s.venue}
        </div>
      ) : null}
      {s.onlineLink ? (
        <div>
          {t('supply.docking.onlineLink')}：
          <a
            href={s.onlineLink}
            target="_blank"
            rel="noreferrer"
            className="rt-inline-link"
            style={{ wordBreak: 'break-all' }}
          >
            {s.onlineLink}
          </a>
        </div>
      ) : null}
    </>
  );
}

function SessionsTab() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const kind = params.get('kind') ?? undefined;
  const q = useQuery({
    queryKey: ['docking-sessions', 'public', page, kind],
    queryFn: () =>
      api.get<Page<DockingSession>>('/docking-sessions', { page, pageSize: 12, kind, sort: 'startsAt', order: 'asc' }),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <label htmlFor="docking-kind">{t('supply.docking.kind')}</label>
        <Select
          id="docking-kind"
          allowClear
          placeholder={t('common.all')}
          style={{ width: 150 }}
          value={kind}
          onChange={(v: string | undefined) =>
            setParams((p) => {
              const n = new URLSearchParams(p);
              if (v) n.set('kind', v);
              else n.delete('kind');
              n.delete('page');
              return n;
            })
          }
          options={DOCKING_KINDS.map((k) => ({ value: k, label: t(`supply.dockingKind.${k}` as MessageKey) }))}
        />
      </Space>
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
        {q.data?.items.length ? (
          <>
            <Row gutter={[12, 12]} data-testid="docking-sessions">
              {q.data.items.map((s) => (
                <Col key={s.id} xs={24} md={12} lg={8}>
                  <Card size="small" style={{ height: '100%' }}>
                    <h3 className="rt-card-title" style={{ paddingTop: 0 }}>
                      <Link to={`/docking/${s.id}`}>{s.title}</Link>
                    </h3>
                    <Space size={4} wrap>
                      <ToneTag tone={s.kind === 'seminar' ? 'purple' : 'blue'}>
                        {t(`supply.dockingKind.${s.kind}` as MessageKey)}
                      </ToneTag>
                      {s.onlineLink ? <ToneTag tone="green">{t('supply.docking.online')}</ToneTag> : null}
                    </Space>
                    <div className="rt-text-secondary" style={{ marginTop: 6 }}>
                      {sessionWhen(s)}
                    </div>
                    <div className="rt-text-secondary">{s.organiser.name}</div>
                    {s.venue ? <div className="rt-text-secondary">{s.venue}</div> : null}
                  </Card>
                </Col>
              ))}
            </Row>
            <Pagination
              style={{ marginTop: 16 }}
              align="center"
              current={page}
              pageSize={12}
              total={q.data.total}
              showSizeChanger={false}
              onChange={(p) =>
                setParams((prev) => {
                  const n = new URLSearchParams(prev);
                  n.set('page', String(p));
                  return n;
                })
              }
            />
          </>
        ) : (
          <Card>
            <Empty description={t('supply.docking.sessionsEmpty')} />
          </Card>
        )}
      </QueryState>
    </>
  );
}

function AlliancesTab() {
  const t = useT();
  const q = useQuery({
    queryKey: ['alliances', 'public'],
    queryFn: () => api.get<Page<Alliance>>('/alliances', { pageSize: 50 }),
  });
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {q.data?.items.length ? (
        <Row gutter={[12, 12]} data-testid="alliances">
          {q.data.items.map((a) => (
            <Col key={a.id} xs={24} md={12}>
              <Card size="small" style={{ height: '100%' }}>
                <h3 className="rt-card-title" style={{ paddingTop: 0 }}>
                  <Link to={`/docking/alliances/${a.id}`}>{a.name}</Link>
                </h3>
                <div className="rt-text-secondary">
                  {t('supply.docking.founder')}：{a.founder.name} ·{' '}
                  {t('supply.docking.memberCount', { n: a.members.length })}
                </div>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0' }}>
                  {a.charter}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
      ) : (
        <Card>
          <Empty description={t('supply.docking.alliancesEmpty')} />
        </Card>
      )}
    </QueryState>
  );
}

export function DockingPortalPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'alliances' ? 'alliances' : 'sessions';
  return (
    <>
      <PageHeader title={t('supply.docking.portalTitle')} subtitle={t('supply.docking.portalSubtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'sessions' ? {} : { tab: k })}
        items={[
          { key: 'sessions', label: t('supply.docking.sessions'), children: <SessionsTab /> },
          { key: 'alliances', label: t('supply.docking.alliances'), children: <AlliancesTab /> },
        ]}
      />
    </>
  );
}

/** Where sign-ups happen: the events area owns registration; this only points there. */
export function RegistrationPlace({ s }: { s: DockingSession }) {
  const t = useT();
  return (
    <Card
      title={<h2 className="rt-card-title">{t('supply.docking.registration')}</h2>}
      data-testid="docking-registration"
    >
      {s.registration ? (
        <Space orientation="vertical">
          <span>{t('supply.docking.registrationOpen')}</span>
          <LinkButton to={`/sessions/${s.registration.eventSessionId}`} type="primary">
            {t('supply.docking.registerAction')}
          </LinkButton>
        </Space>
      ) : (
        <span className="rt-text-secondary">{t('supply.docking.registrationNone')}</span>
      )}
    </Card>
  );
}

export function DockingSessionPage() {
  const t = useT();
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['docking-sessions', id],
    queryFn: () => api.get<DockingSession>(`/docking-sessions/${id}`),
  });
  const s = q.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {s ? (
        <>
          <PageHeader
            title={s.title}
            subtitle={
              <ToneTag tone={s.kind === 'seminar' ? 'purple' : 'blue'}>
                {t(`supply.dockingKind.${s.kind}` as MessageKey)}
              </ToneTag>
            }
            extra={<LinkButton to="/docking">{t('supply.docking.backToList')}</LinkButton>}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Card
                title={<h2 className="rt-card-title">{t('supply.docking.agenda')}</h2>}
                style={{ marginBottom: 16 }}
              >
                <Table
                  size="small"
                  rowKey={(_r, i) => String(i)}
                  pagination={false}
                  dataSource={s.agenda}
                  columns={[
                    { title: t('supply.docking.agendaTime'), dataIndex: 'time', width: 140 },
                    { title: t('supply.docking.agendaItem'), dataIndex: 'item' },
                  ]}
                />
              </Card>
              {s.description ? (
                <Card title={<h2 className="rt-card-title">{t('supply.docking.description')}</h2>}>
                  <Paragraphs text={s.description} />
                </Card>
              ) : null}
            </Col>
            <Col xs={24} lg={8}>
              <Card title={<h2 className="rt-card-title">{t('supply.docking.facts')}</h2>} style={{ marginBottom: 16 }}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('supply.docking.organiser')}>{s.organiser.name}</Descriptions.Item>
                  <Descriptions.Item label={t('supply.docking.when')}>
                    {sessionWhen(s)}（{t('common.beijingTime')}）
                  </Descriptions.Item>
                  {s.themeDay ? (
                    <Descriptions.Item label={t('supply.themeDay')}>
                      <Link to={`/theme-days/${s.themeDay.id}`}>{s.themeDay.title}</Link>
                    </Descriptions.Item>
                  ) : null}
                </Descriptions>
                <SessionPlace s={s} />
              </Card>
              <RegistrationPlace s={s} />
            </Col>
          </Row>
        </>
      ) : null}
    </QueryState>
  );
}

export function AlliancePage() {
  const t = useT();
  const { id } = useParams();
  const q = useQuery({ queryKey: ['alliances', id], queryFn: () => api.get<Alliance>(`/alliances/${id}`) });
  const a = q.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {a ? (
        <>
          <PageHeader
            title={a.name}
            subtitle={a.fieldCode ? `${a.fieldCode} ${industryName(a.fieldCode) ?? ''}` : undefined}
            extra={<LinkButton to="/docking?tab=alliances">{t('supply.docking.backToList')}</LinkButton>}
          />
          <InvitationBanner alliance={a} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card title={<h2 className="rt-card-title">{t('supply.docking.charter')}</h2>}>
                <Paragraphs text={a.charter} />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={<h2 className="rt-card-title">{t('supply.docking.members')}</h2>}>
                <Table
                  size="small"
                  rowKey={(m) => m.organisation.id}
                  pagination={false}
                  dataSource={a.members}
                  columns={[
                    { title: t('supply.docking.memberOrg'), render: (_: unknown, m) => m.organisation.name },
                    { title: t('supply.docking.memberRole'), dataIndex: 'role', width: 110 },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </QueryState>
  );
}
