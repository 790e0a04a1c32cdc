/**
 * 「邀请参会」 of a theme day, for its host's staff (issue 12 §1): invite one person (mobile number or e-mail,
 * optional name), invite from an .xlsx list (row-level errors; nothing sent when a row is wrong), and the list of
 * invitations with status, delivery and revoke. The server answers 404 to anyone who is not staff.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Form, Input, Popconfirm, Row, Space, Table } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  INVITATION_DELIVERY_LABELS,
  INVITATION_STATUS_LABELS,
  type Invitation,
  type InvitationBody,
  type InvitationCreated,
  type InvitationImportResult,
  type InvitationList,
} from '../../api/invitations.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { enumLabel, fmtDate, fmtDateRange, fmtDateTime } from '../../components/format.ts';
import { useLeaveGuard } from '../../hooks/useLeaveGuard.ts';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';
import { useT } from '../../i18n/index.tsx';
import { ImportPanel } from './ImportPanel.tsx';

const STATUS_TONE: Record<Invitation['status'], Tone> = {
  pending: 'blue',
  accepted: 'green',
  revoked: 'grey',
  expired: 'orange',
};
const DELIVERY_TONE: Record<Invitation['delivery'], Tone> = {
  queued: 'blue',
  sent: 'green',
  logged: 'grey',
  failed: 'red',
};

function SingleInvite({ themeDayId }: { themeDayId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<InvitationBody>();
  const [dirty, setDirty] = useState(false);
  const submission = useSubmissionKey();
  useLeaveGuard(dirty, t('invite.leave'));
  const send = useMutation({
    mutationFn: (v: InvitationBody) =>
      api.post<InvitationCreated>(`/theme-days/${themeDayId}/invitations`, v, {
        idempotencyKey: submission.keyFor(v),
      }),
    onSuccess: (r) => {
      submission.done();
      setDirty(false);
      form.resetFields();
      void message.success(r.created ? t('invite.sent') : t('invite.already'));
      void qc.invalidateQueries({ queryKey: ['invitations', themeDayId] });
    },
    onError: (e) => {
      submission.done();
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    },
  });
  return (
    <Card title={<h2 className="rt-card-title">{t('invite.single')}</h2>} style={{ height: '100%' }}>
      <Form
        form={form}
        layout="vertical"
        name="invite"
        requiredMark={false}
        onValuesChange={() => setDirty(true)}
        onFinish={(v) => send.mutate({ identifier: v.identifier.trim(), name: v.name?.trim() || undefined })}
        data-testid="invite-form"
      >
        <Form.Item
          name="identifier"
          label={t('invite.identifier')}
          rules={[{ required: true, whitespace: true, message: t('invite.identifierRequired') }]}
        >
          <Input placeholder={t('invite.identifierPlaceholder')} maxLength={200} data-testid="invite-identifier" />
        </Form.Item>
        <Form.Item name="name" label={t('invite.name')}>
          <Input maxLength={50} data-testid="invite-name" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SendOutlined />}
          loading={send.isPending}
          data-testid="invite-send"
        >
          {t('invite.send')}
        </Button>
      </Form>
    </Card>
  );
}

function RevokeButton({ inv }: { inv: Invitation }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const revoke = useMutation({
    mutationFn: () => api.post<Invitation>(`/invitations/${inv.id}/revoke`),
    onSuccess: () => {
      void message.success(t('invite.revoked'));
      void qc.invalidateQueries({ queryKey: ['invitations', inv.themeDayId] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Popconfirm title={t('invite.revokeConfirm')} onConfirm={() => revoke.mutate()}>
      <Button size="small" danger loading={revoke.isPending} data-testid={`revoke-${inv.address}`}>
        {t('invite.revoke')}
      </Button>
    </Popconfirm>
  );
}

export function InvitationsPage() {
  const t = useT();
  const qc = useQueryClient();
  const { themeDayId = '' } = useParams();
  const q = useQuery({
    queryKey: ['invitations', themeDayId],
    queryFn: () => api.get<InvitationList>(`/theme-days/${themeDayId}/invitations`),
    // Messages leave after the answer: look again while any is still being sent.
    refetchInterval: (query) => (query.state.data?.items.some((i) => i.delivery === 'queued') ? 3000 : false),
  });
  const data = q.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => q.refetch()}>
      {data ? (
        <>
          <PageHeader
            title={t('invite.title', { title: data.themeDay.title })}
            docTitle={t('invite.action')}
            subtitle={
              <>
                {fmtDateRange(data.themeDay.startDate, data.themeDay.endDate)} · {t('invite.subtitle')}
              </>
            }
            extra={<LinkButton to="/workspace/events?tab=manage">{t('invite.backToEvents')}</LinkButton>}
          />
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={10}>
              <SingleInvite themeDayId={themeDayId} />
            </Col>
            <Col xs={24} lg={14}>
              <Card title={<h2 className="rt-card-title">{t('invite.bulk')}</h2>} style={{ height: '100%' }}>
                <ImportPanel<InvitationImportResult>
                  testId="invite-import"
                  step1={t('invite.bulk.step1')}
                  step2={t('invite.bulk.step2')}
                  templatePath={`/theme-days/${themeDayId}/invitations/template.xlsx`}
                  templateName="邀请名单模板.xlsx"
                  templateLabel={t('invite.bulk.template')}
                  uploadPath={`/theme-days/${themeDayId}/invitations/import`}
                  uploadLabel={t('invite.bulk.upload')}
                  onDone={(r) => {
                    void qc.invalidateQueries({ queryKey: ['invitations', themeDayId] });
                    return t('invite.bulk.ok', { created: r.created, existing: r.existing });
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Card title={<h2 className="rt-card-title">{t('invite.list')}</h2>}>
            <Table<Invitation>
              rowKey="id"
              size="small"
              dataSource={data.items}
              pagination={data.items.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: 860 }}
              locale={{ emptyText: t('invite.empty') }}
              data-testid="invitations"
              columns={[
                {
                  title: t('invite.col.who'),
                  key: 'who',
                  render: (_: unknown, r) => (
                    <Space orientation="vertical" size={0}>
                      <span>{r.name ?? '—'}</span>
                      <span className="rt-muted">{r.address}</span>
                    </Space>
                  ),
                },
                {
                  title: t('invite.col.status'),
                  key: 'status',
                  render: (_: unknown, r) => (
                    <ToneTag tone={STATUS_TONE[r.status]} testId={`status-${r.address}`}>
                      {enumLabel('invite.status', r.status, INVITATION_STATUS_LABELS[r.status])}
                    </ToneTag>
                  ),
                },
                {
                  title: t('invite.col.delivery'),
                  key: 'delivery',
                  render: (_: unknown, r) => (
                    <span title={r.deliveryError ?? undefined}>
                      <ToneTag tone={DELIVERY_TONE[r.delivery]}>
                        {enumLabel('invite.delivery', r.delivery, INVITATION_DELIVERY_LABELS[r.delivery])}
                      </ToneTag>
                    </span>
                  ),
                },
                { title: t('invite.col.expires'), key: 'exp', render: (_: unknown, r) => fmtDate(r.expiresAt) },
                { title: t('invite.col.by'), key: 'by', render: (_: unknown, r) => r.createdByName ?? '—' },
                {
                  title: t('invite.col.accepted'),
                  key: 'acc',
                  render: (_: unknown, r) =>
                    r.acceptedAt ? `${r.acceptedByName ?? ''} ${fmtDateTime(r.acceptedAt)}` : '—',
                },
                {
                  title: t('common.actions'),
                  key: 'a',
                  render: (_: unknown, r) => (r.abilities.revoke ? <RevokeButton inv={r} /> : null),
                },
              ]}
            />
          </Card>
        </>
      ) : null}
    </QueryState>
  );
}
