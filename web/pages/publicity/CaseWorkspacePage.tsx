/**
 * A success case in the workspace (/workspace/cases/:id): the story, figures and every party's consent; a party
 * agrees or declines (with a reason) to its publicity, NDRC publishes or unpublishes; 编辑 opens the editor (an
 * edit asks every party again). Buttons follow `abilities`.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Flex, Input, Modal, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { CONSENT_DECISION_LABELS, type CaseView } from '../../api/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { errorMessage } from '../../components/errors.ts';
import { fmtDateTime } from '../../components/format.ts';
import { CaseStatusTag, SanitisedHtml } from './shared.tsx';

export function CaseWorkspacePage() {
  const t = useT();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['cases', id], queryFn: () => api.get<CaseView>(`/cases/${id}`) });
  const c = q.data;
  const { data: me } = useMe();
  /** The caller's own organisation's decision, when it is a party. */
  const mine = c?.consents.find((x) => x.organisation.id === me?.activeOrganisationId)?.decision;
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api.post<CaseView>(`/cases/${id}/${path}`, body),
    onSuccess: (res) => {
      setDeclining(false);
      void message.success(t('publicity.cases.done'));
      qc.setQueryData(['cases', id], res);
      void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      {c ? (
        <>
          <PageHeader
            title={c.title}
            subtitle={
              <Space wrap size={4}>
                <CaseStatusTag status={c.status} />
                <span>
                  {t('publicity.cases.project')}：
                  <Link to={`/workspace/projects/${c.project.id}`}>{c.project.title}</Link>
                </span>
              </Space>
            }
            extra={
              <>
                <LinkButton to="/workspace/cases">{t('common.back')}</LinkButton>
                {c.abilities.edit ? (
                  <LinkButton icon={<EditOutlined />} to={`/workspace/cases/${c.id}/edit`} data-testid="case-edit">
                    {t('common.edit')}
                  </LinkButton>
                ) : null}
                {c.status === 'published' ? (
                  <LinkButton to={`/cases/${c.id}`}>{t('publicity.cases.viewPublic')}</LinkButton>
                ) : null}
              </>
            }
          />
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            {c.abilities.consent ? (
              <>
                {mine === 'agreed' ? (
                  <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="case-mine-agreed">
                    {t('publicity.cases.mineAgreed')}
                  </Typography.Text>
                ) : null}
                {mine === 'agreed' ? null : (
                  <Button
                    type="primary"
                    disabled={act.isPending}
                    onClick={() => act.mutate({ path: 'consent', body: { agree: true } })}
                    data-testid="case-agree"
                  >
                    {t('publicity.cases.agree')}
                  </Button>
                )}
                {mine === 'declined' ? null : (
                  <Button danger disabled={act.isPending} onClick={() => setDeclining(true)} data-testid="case-decline">
                    {mine === 'agreed' ? t('publicity.cases.withdrawConsent') : t('publicity.cases.decline')}
                  </Button>
                )}
              </>
            ) : null}
            {c.abilities.publish ? (
              <Button
                type="primary"
                disabled={act.isPending}
                onClick={() => act.mutate({ path: 'publish' })}
                data-testid="case-publish"
              >
                {t('publicity.cases.publish')}
              </Button>
            ) : null}
            {c.abilities.unpublish ? (
              <Button danger disabled={act.isPending} onClick={() => act.mutate({ path: 'unpublish' })}>
                {t('publicity.cases.unpublish')}
              </Button>
            ) : null}
          </Flex>
          <Card title={<h2 className="rt-card-title">{t('publicity.cases.consents')}</h2>} style={{ marginBottom: 16 }}>
            <Table
              rowKey={(r) => r.organisation.id}
              pagination={false}
              size="small"
              dataSource={c.consents}
              columns={[
                { title: t('publicity.cases.parties'), key: 'org', render: (_, r) => r.organisation.name },
                { title: t('publicity.news.status'), key: 'd', render: (_, r) => CONSENT_DECISION_LABELS[r.decision] },
                { title: t('publicity.cases.declineReasonCol'), key: 'r', render: (_, r) => r.reason ?? '' },
                { title: t('publicity.news.updated'), key: 'at', render: (_, r) => fmtDateTime(r.decidedAt) },
              ]}
            />
          </Card>
          {c.figures.length ? (
            <Alert
              type="info"
              style={{ marginBottom: 16 }}
              title={t('publicity.cases.figures')}
              description={c.figures.map((f) => `${f.label} ${f.value}${f.unit}`).join('；')}
            />
          ) : null}
          <Card title={<h2 className="rt-card-title">{t('publicity.cases.story')}</h2>} style={{ marginBottom: 16 }}>
            {c.summary ? <Typography.Paragraph>{c.summary}</Typography.Paragraph> : null}
            <SanitisedHtml html={c.story} testId="case-workspace-story" />
          </Card>
          {c.photos.length ? (
            <Card title={<h2 className="rt-card-title">{t('publicity.caseEditor.photos')}</h2>}>
              <Flex gap={12} wrap data-testid="case-workspace-photos">
                {c.photos.map((p, i) => (
                  <img
                    key={p.id}
                    src={p.url}
                    alt={t('publicity.caseEditor.photoN', { n: i + 1 })}
                    style={{ width: 200, height: 133, objectFit: 'cover', borderRadius: 4 }}
                  />
                ))}
              </Flex>
            </Card>
          ) : null}
          <Modal
            open={declining}
            title={t('publicity.cases.decline')}
            okButtonProps={{ danger: true, disabled: !reason.trim() || act.isPending }}
            onOk={() => act.mutate({ path: 'consent', body: { agree: false, reason } })}
            onCancel={() => setDeclining(false)}
          >
            <Input.TextArea
              rows={4}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-label={t('publicity.cases.declineReason')}
              placeholder={t('publicity.cases.declineReason')}
            />
          </Modal>
        </>
      ) : null}
    </QueryState>
  );
}
