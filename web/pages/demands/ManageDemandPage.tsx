/**
 * /workspace/demands/:id — one demand in the workspace. For the publisher: the responses received (proposal,
 * attachments to download, shortlist / accept / decline), the platform's recommendations with their reasons,
 * and the innovation consortium. For a responder: its own response and the consortium it is asked to sign.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Demand, DemandResponse, Recommendation } from '../../api/demands.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { DeadlineTag } from '../../components/demands/DeadlineTag.tsx';
import { demandPath } from '../../components/demands/paths.ts';
import { budgetText, DemandStatusTag, ResponseStatusTag } from './shared.tsx';
import { AttachmentList } from './responses/Attachments.tsx';
import { MyResponse } from './responses/MyResponse.tsx';
import { DemandFormModal } from './DemandForm.tsx';
import { ConsortiumPanel } from './ConsortiumPanel.tsx';
import { RecList } from './workspace/RecList.tsx';

export function ManageDemandPage() {
  const { id = '' } = useParams();
  const d = useQuery({ queryKey: ['demand', id], queryFn: () => api.get<Demand>(`/demands/${id}`) });
  return (
    <QueryState isLoading={d.isLoading} error={d.error} refetch={() => void d.refetch()}>
      {d.data ? <Manage d={d.data} /> : null}
    </QueryState>
  );
}

function Manage({ d }: { d: Demand }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [editOpen, setEditOpen] = useState(false);
  const pub = d.abilities.viewResponses;
  const act = useMutation({
    mutationFn: (action: 'publish' | 'close') => api.post<Demand>(`/demands/${d.id}/${action}`),
    onSuccess: (x) => {
      qc.setQueryData(['demand', d.id], x);
      void qc.invalidateQueries({ queryKey: ['demands'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <PageHeader
        title={d.title}
        docTitle={t('demands.detail')}
        subtitle={
          <Space wrap>
            <ToneTag tone={d.kind === 'technology' ? 'purple' : 'blue'}>{d.kindLabel}</ToneTag>
            <DemandStatusTag status={d.status} testId="manage-status" />
            <span>{d.organisation.name}</span>
          </Space>
        }
        extra={
          <>
            <LinkButton to="/workspace/demands">{t('common.back')}</LinkButton>
            {d.status !== 'draft' ? <LinkButton to={demandPath(d)}>{t('common.view')}</LinkButton> : null}
            {d.abilities.edit ? <Button onClick={() => setEditOpen(true)}>{t('common.edit')}</Button> : null}
            {d.abilities.publish ? (
              <Button
                type="primary"
                onClick={() =>
                  modal.confirm({
                    title: t('demands.ws.publishConfirm', { title: d.title }),
                    onOk: () => act.mutateAsync('publish'),
                  })
                }
                data-testid="manage-publish"
              >
                {t('demands.ws.publish')}
              </Button>
            ) : null}
            {d.abilities.close ? (
              <Button
                danger
                onClick={() =>
                  modal.confirm({
                    title: t('demands.ws.closeConfirm', { title: d.title }),
                    okButtonProps: { danger: true },
                    onOk: () => act.mutateAsync('close'),
                  })
                }
              >
                {t('demands.ws.close')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('demands.field')}>{d.fieldName ?? d.fieldCode}</Descriptions.Item>
          <Descriptions.Item label={t('demands.cooperationMode')}>{d.cooperationModeLabel}</Descriptions.Item>
          <Descriptions.Item label={t('demands.budget')}>{budgetText(t, d)}</Descriptions.Item>
          <Descriptions.Item label={t('demands.deadline')}>
            <DeadlineTag deadline={d.deadline} expired={d.expired} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {pub ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Responses d={d} />
            {d.status !== 'draft' ? <ConsortiumPanel demand={d} canForm={d.abilities.formConsortium} /> : null}
          </Col>
          <Col xs={24} xl={8}>
            <Recommendations demandId={d.id} />
          </Col>
        </Row>
      ) : (
        <>
          {d.myResponseId ? <MyResponse responseId={d.myResponseId} /> : null}
          <ConsortiumPanel demand={d} canForm={false} />
        </>
      )}
      {pub ? <DemandFormModal open={editOpen} kind={d.kind} editing={d} onClose={() => setEditOpen(false)} /> : null}
    </>
  );
}

function Responses({ d }: { d: Demand }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['demand-responses', 'received', d.id, page],
    queryFn: () =>
      api.get<Page<DemandResponse>>('/demand-responses', {
        box: 'received',
        demandId: d.id,
        page,
        pageSize: 10,
        sort: 'createdAt',
        order: 'asc',
      }),
  });
  const act = useMutation({
    mutationFn: ({ r, action }: { r: DemandResponse; action: 'shortlist' | 'accept' | 'decline' }) =>
      api.post<DemandResponse>(`/demand-responses/${r.id}/${action}`, {}),
    onSuccess: () => {
      void message.success(t('demands.m.done'));
      void qc.invalidateQueries({ queryKey: ['demand-responses'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card
      title={
        <h2 className="rt-card-title">{`${t('demands.m.responses')}${list.data ? `（${list.data.total}）` : ''}`}</h2>
      }
      style={{ marginBottom: 16 }}
      data-testid="responses-panel"
    >
      <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()}>
        <List<DemandResponse>
          dataSource={list.data?.items ?? []}
          pagination={
            list.data && list.data.total > 10
              ? { current: page, pageSize: 10, total: list.data.total, onChange: setPage }
              : false
          }
          locale={{
            emptyText: (
              <Empty description={t('demands.m.noResponses')}>
                <Typography.Paragraph className="rt-text-secondary">
                  {t('demands.m.noResponsesHint')}
                </Typography.Paragraph>
              </Empty>
            ),
          }}
          renderItem={(r) => (
            <List.Item key={r.id} data-testid={`response-${r.id}`} className="rt-response-item">
              <Flex vertical gap={8} style={{ width: '100%', minWidth: 0 }}>
                <Flex justify="space-between" wrap gap={8}>
                  <Space wrap>
                    <strong data-testid="response-org">{r.organisation.name}</strong>
                    <ResponseStatusTag status={r.status} testId="response-status" />
                  </Space>
                  <Space wrap size={4}>
                    {r.abilities.shortlist ? (
                      <Button
                        size="small"
                        onClick={() => act.mutate({ r, action: 'shortlist' })}
                        data-testid="response-shortlist"
                        aria-label={`${t('demands.m.shortlist')} ${r.organisation.name}`}
                      >
                        {t('demands.m.shortlist')}
                      </Button>
                    ) : null}
                    {r.abilities.accept ? (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() =>
                          modal.confirm({
                            title: t('demands.m.acceptConfirm', { org: r.organisation.name }),
                            onOk: () => act.mutateAsync({ r, action: 'accept' }),
                          })
                        }
                        data-testid="response-accept"
                        aria-label={`${t('demands.m.accept')} ${r.organisation.name}`}
                      >
                        {t('demands.m.accept')}
                      </Button>
                    ) : null}
                    {r.abilities.decline ? (
                      <Button
                        size="small"
                        danger
                        onClick={() =>
                          modal.confirm({
                            title: t('demands.m.declineConfirm', { org: r.organisation.name }),
                            okButtonProps: { danger: true },
                            onOk: () => act.mutateAsync({ r, action: 'decline' }),
                          })
                        }
                        data-testid="response-decline"
                        aria-label={`${t('demands.m.decline')} ${r.organisation.name}`}
                      >
                        {t('demands.m.decline')}
                      </Button>
                    ) : null}
                  </Space>
                </Flex>
                <Typography.Paragraph
                  style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                  ellipsis={{ rows: 4, expandable: 'collapsible' }}
                >
                  {r.proposal}
                </Typography.Paragraph>
                <AttachmentList response={r} />
                <Typography.Text className="rt-text-secondary" style={{ fontSize: 12 }}>
                  {`${t('demands.m.submittedBy')}：${r.user.name} · ${fmtDateTime(r.createdAt)}`}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </QueryState>
    </Card>
  );
}

function Recommendations({ demandId }: { demandId: string }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['recommendations', 'demand', demandId],
    queryFn: () => api.get<{ items: Recommendation[] }>(`/demands/${demandId}/recommendations`),
    retry: false,
  });
  return (
    <Card
      title={<h2 className="rt-card-title">{t('demands.m.recs')}</h2>}
      data-testid="recommendations-panel"
      loading={q.isLoading}
    >
      <Typography.Paragraph className="rt-text-secondary" style={{ fontSize: 13 }}>
        {t('demands.m.recsSub')}
      </Typography.Paragraph>
      {q.error ? (
        <Typography.Text className="rt-text-secondary">{t('demands.m.recsUnavailable')}</Typography.Text>
      ) : (
        <RecList items={q.data?.items ?? []} testId="recommendations" />
      )}
    </Card>
  );
}
