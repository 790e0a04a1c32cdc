/**
 * 单位审核 (issue 12 §1): NDRC and the administrator see every self-registered organisation awaiting
 * verification, a local DRC those of its province (the server scopes the list). Approve, or reject with a
 * reason the registrant reads; a decision someone else made first is reported, not repeated.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Empty, Form, Input, Popconfirm, Segmented, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { ORG_VERIFICATION_LABELS, type OrgVerificationStatus, type VerificationItem } from '../../api/onboarding.ts';
import { ORG_KIND_LABELS } from '../../../common/roles.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { GuardedModal } from '../../components/GuardedModal.tsx';
import { dateCell } from '../../components/cells.tsx';
import { errorMessage } from '../../components/errors.ts';
import { useLang, VerificationTag } from './shared.tsx';

const STATUSES: OrgVerificationStatus[] = ['unverified', 'verified', 'rejected'];

export function VerificationQueuePage() {
  const t = useT();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<OrgVerificationStatus>('unverified');
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<VerificationItem | null>(null);
  const q = useQuery({
    queryKey: ['onboarding', 'verifications', status, page],
    queryFn: () => api.get<Page<VerificationItem>>('/onboarding/verifications', { status, page, pageSize: 20 }),
  });
  const decide = useMutation({
    mutationFn: (x: { id: string; decision: 'approve' } | { id: string; decision: 'reject'; reason: string }) => {
      const { id, ...body } = x;
      return api.post(`/onboarding/verifications/${id}/decision`, body);
    },
    onSuccess: () => {
      setRejecting(null);
      void message.success(t('onboarding.decided'));
    },
    onError: (e) => void message.error(errorMessage(e)),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['onboarding', 'verifications'] }),
  });

  return (
    <>
      <PageHeader title={t('onboarding.queueTitle')} />
      <Alert type="info" showIcon title={t('onboarding.queueIntro')} style={{ marginBottom: 16 }} />
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={STATUSES.map((s) => ({ value: s, label: ORG_VERIFICATION_LABELS[s][lang] }))}
        style={{ marginBottom: 16 }}
      />
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        {!q.isLoading && q.data && !q.data.items.length ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('onboarding.emptyQueue')} />
        ) : (
          <ScrollTable label={t('onboarding.queueTitle')} minWidth={1300}>
            <Table<VerificationItem>
              rowKey="id"
              data-testid="verification-table"
              loading={q.isLoading}
              dataSource={q.data?.items ?? []}
              locale={{ emptyText: t('onboarding.emptyQueue') }}
              pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
              columns={[
                {
                  title: t('common.name'),
                  dataIndex: 'name',
                  key: 'name',
                  width: 200,
                  render: (v: string, r) => (
                    <Space orientation="vertical" size={0}>
                      <strong>{v}</strong>
                      <span className="rt-text-secondary">{ORG_KIND_LABELS[r.kind][lang]}</span>
                    </Space>
                  ),
                },
                {
                  title: t('org.uscc'),
                  dataIndex: 'uscc',
                  key: 'uscc',
                  width: 220,
                  render: (v: string, r) => (
                    <Space size={4} wrap>
                      <code>{v}</code>
                      <StatusTag kind="uscc" status={r.usccStatus} />
                    </Space>
                  ),
                },
                {
                  title: t('common.region'),
                  dataIndex: 'regionName',
                  key: 'region',
                  width: 150,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('org.industry'),
                  dataIndex: 'industryName',
                  key: 'industry',
                  width: 150,
                  ellipsis: true,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('onboarding.figures'),
                  key: 'figures',
                  width: 130,
                  render: (_: unknown, r) =>
                    [
                      r.employees != null ? t('onboarding.employeesShort', { n: r.employees }) : null,
                      r.revenueWan != null ? t('onboarding.wan', { n: r.revenueWan }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ') || '—',
                },
                {
                  title: t('onboarding.registrant'),
                  key: 'registrant',
                  width: 100,
                  render: (_: unknown, r) => r.registeredBy?.name ?? '—',
                },
                {
                  title: t('onboarding.registeredAt'),
                  dataIndex: 'createdAt',
                  key: 'createdAt',
                  width: 180,
                  render: dateCell,
                },
                {
                  title: t('onboarding.status'),
                  key: 'status',
                  width: 110,
                  render: (_: unknown, r) => (
                    <Space orientation="vertical" size={0}>
                      <VerificationTag status={r.verificationStatus} />
                      {r.rejectionReason ? <span className="rt-text-secondary">{r.rejectionReason}</span> : null}
                    </Space>
                  ),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, r) =>
                    r.abilities.decide ? (
                      <Space wrap>
                        <Popconfirm
                          title={t('onboarding.approveConfirm', { name: r.name })}
                          description={
                            r.usccStatus === 'needs_manual_verification' ? t('onboarding.approveManual') : undefined
                          }
                          okText={t('onboarding.approve')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => decide.mutate({ id: r.id, decision: 'approve' })}
                        >
                          <Button type="primary" size="small" disabled={decide.isPending} data-testid="verify-approve">
                            {t('onboarding.approve')}
                          </Button>
                        </Popconfirm>
                        <Button
                          danger
                          size="small"
                          disabled={decide.isPending}
                          onClick={() => setRejecting(r)}
                          data-testid="verify-reject"
                        >
                          {t('onboarding.reject')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          </ScrollTable>
        )}
      </QueryState>
      {rejecting ? (
        <RejectModal
          item={rejecting}
          pending={decide.isPending}
          onCancel={() => setRejecting(null)}
          onSubmit={(reason) => decide.mutate({ id: rejecting.id, decision: 'reject', reason })}
        />
      ) : null}
    </>
  );
}

function RejectModal({
  item,
  pending,
  onCancel,
  onSubmit,
}: {
  item: VerificationItem;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <GuardedModal
      open
      form={form}
      title={t('onboarding.rejectTitle', { name: item.name })}
      okText={t('onboarding.reject')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: pending, 'data-testid': 'verify-reject-confirm' }}
      onOk={() => form.submit()}
      onCancel={onCancel}
    >
      <Form form={form} layout="vertical" onFinish={(x) => onSubmit(x.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('onboarding.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('onboarding.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="verify-reason" />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
