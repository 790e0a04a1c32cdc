/**
 * 双创示范基地联盟 (/workspace/alliances; NDRC and the system administrator; issue 12 §3): the alliances with their
 * member bases and staff, a dialog to create or edit one (warns before discarding typed input, one save at a
 * time). Alliance staff see their own alliance here read-only.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Empty, Form, Input, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { regionName } from '../../../../common/region.ts';
import { api } from '../../../api/client.ts';
import { useDialogSubmit } from '../../../hooks/useDialogSubmit.ts';
import {
  ALLIANCE_DESCRIPTION_MAX,
  ALLIANCE_NAME_MAX,
  type BaseAllianceBody,
  type BaseAllianceList,
  type BaseAllianceView,
} from '../../../api/coorganisers.ts';
import { useT } from '../../../i18n/index.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { BaseSelect } from '../../../components/BaseSelect.tsx';
import { RegionCascader } from '../../../components/RegionSelect.tsx';
import { GuardedModal } from '../../../components/GuardedModal.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { fmtDateTime, punct } from '../../../components/format.ts';

const KEY = ['base-alliances'];

export function AlliancesPage() {
  const t = useT();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<BaseAllianceList>('/base-alliances') });
  // The dialog stays mounted while it closes (its animation), and is mounted afresh (`n`) for each opening.
  const [editing, setEditing] = useState<{ row: BaseAllianceView | null; n: number; open: boolean } | null>(null);
  return (
    <>
      <PageHeader
        title={t('alliances.title')}
        subtitle={t('alliances.subtitle')}
        extra={
          q.data?.abilities.create ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ row: null, n: Date.now(), open: true })}
              data-testid="alliance-new"
            >
              {t('alliances.new')}
            </Button>
          ) : null
        }
      />
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
        <Table<BaseAllianceView>
          rowKey="id"
          data-testid="alliances"
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('alliances.empty')} /> }}
          scroll={{ x: 800 }}
          columns={[
            {
              title: t('alliances.name'),
              key: 'name',
              render: (_, a) => (
                <>
                  <div>{a.name}</div>
                  {a.description ? <div className="rt-text-secondary">{a.description}</div> : null}
                </>
              ),
            },
            {
              title: t('alliances.region'),
              key: 'region',
              width: 140,
              render: (_, a) => (a.regionCode ? (regionName(a.regionCode) ?? a.regionCode) : '—'),
            },
            {
              title: t('alliances.bases'),
              key: 'bases',
              render: (_, a) => a.bases.map((b) => b.name).join(punct().sep) || '—',
            },
            {
              title: t('alliances.staff'),
              key: 'staff',
              width: 200,
              render: (_, a) =>
                a.staff.length ? (
                  <Space direction="vertical" size={0}>
                    {a.staff.map((s) => (
                      <span key={s.id}>
                        {s.name}
                        {s.email ? <span className="rt-text-secondary">{` ${s.email}`}</span> : null}
                      </span>
                    ))}
                  </Space>
                ) : (
                  <span className="rt-text-secondary">{t('alliances.staffNone')}</span>
                ),
            },
            {
              title: t('coorg.partners.updated'),
              key: 'updated',
              width: 150,
              render: (_, a) => fmtDateTime(a.updatedAt),
            },
            ...(q.data?.abilities.create
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_: unknown, a: BaseAllianceView) => (
                      <Button
                        size="small"
                        onClick={() => setEditing({ row: a, n: Date.now(), open: true })}
                        aria-label={t('alliances.editN', { name: a.name })}
                        data-testid="alliance-edit"
                      >
                        {t('alliances.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </QueryState>
      {editing ? (
        <AllianceDialog
          key={editing.n}
          row={editing.row}
          open={editing.open}
          onClose={() => setEditing((e) => e && { ...e, open: false })}
        />
      ) : null}
    </>
  );
}

interface AllianceForm {
  name: string;
  regionCode: string | null;
  description: string;
  baseIds: string[];
  staffEmails: string[];
}

const STAFF_ALIAS: Record<string, string> = Object.fromEntries(
  Array.from({ length: 50 }, (_, i) => [`staffEmails.${i}`, 'staffEmails']),
);

function AllianceDialog({ row, open, onClose }: { row: BaseAllianceView | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AllianceForm>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: BaseAllianceBody) =>
      row
        ? api.put<BaseAllianceView>(`/base-alliances/${row.id}`, body)
        : api.post<BaseAllianceView>('/base-alliances', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: KEY });
      void message.success(t('alliances.saved'));
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, STAFF_ALIAS)) setError(errorMessage(e));
    },
  });
  const { submit, sent } = useDialogSubmit(
    form,
    (v) =>
      save.mutateAsync({
        name: v.name,
        regionCode: v.regionCode ?? null,
        description: v.description ?? '',
        baseIds: v.baseIds ?? [],
        staffEmails: v.staffEmails ?? [],
      }),
    { onStart: () => setError(null), onInvalid: () => setError(t('common.fixFields')) },
  );
  return (
    <GuardedModal
      open={open}
      form={form}
      dirty={sent ? false : undefined}
      width={640}
      title={row ? t('alliances.dialogEdit') : t('alliances.dialogNew')}
      onCancel={onClose}
      onOk={submit}
      okText={t('coorg.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'alliance-save' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<AllianceForm>
        form={form}
        layout="vertical"
        disabled={save.isPending}
        initialValues={{
          name: row?.name ?? '',
          regionCode: row?.regionCode ?? null,
          description: row?.description ?? '',
          baseIds: row?.bases.map((b) => b.id) ?? [],
          staffEmails: row?.staff.map((s) => s.email).filter((e): e is string => !!e) ?? [],
        }}
      >
        <Form.Item
          name="name"
          label={t('alliances.name')}
          rules={[{ required: true, whitespace: true, message: t('alliances.nameRequired') }]}
        >
          <Input maxLength={ALLIANCE_NAME_MAX} showCount data-testid="alliance-name" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('alliances.region')}>
          <RegionCascader ariaLabel={t('alliances.region')} />
        </Form.Item>
        <Form.Item name="description" label={t('alliances.description')}>
          <Input.TextArea rows={3} maxLength={ALLIANCE_DESCRIPTION_MAX} showCount data-testid="alliance-description" />
        </Form.Item>
        <Form.Item name="baseIds" label={t('alliances.bases')}>
          <BaseSelect testId="alliance-bases" ariaLabel={t('alliances.bases')} known={row?.bases ?? []} />
        </Form.Item>
        <Form.Item name="staffEmails" label={t('alliances.staff')} extra={t('alliances.staffHelp')}>
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[' ', ',', '，', '、', ';', '；']}
            aria-label={t('alliances.staff')}
            data-testid="alliance-staff"
          />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
