/**
 * 协办与委托 (/workspace/coorganisation/:themeDayId; issue 12 §3). The host (and NDRC) give the partner bases of
 * the approved activity plan and base alliances the parts they manage, and delegate support organisations with
 * a scope and a last day; a co-organiser or delegate sees its own assignment only. Both dialogs warn before
 * discarding typed input and disable their button while saving.
 */
import { useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router';
import { shanghaiToday } from '../../../../common/time.ts';
import { api } from '../../../api/client.ts';
import { useDialogSubmit } from '../../../hooks/useDialogSubmit.ts';
import {
  COORGANISER_KIND_LABELS,
  THEME_DAY_PART_LABELS,
  COORGANISER_PARTS,
  DELEGATION_SCOPE_LABELS,
  DELEGATION_SCOPES,
  DELEGATION_STATUS_LABELS,
  type CoorganisationView,
  type CoorganiserBody,
  type CoorganiserPart,
  type CoorganiserView,
  type DelegationBody,
  type DelegationScope,
  type DelegationStatus,
  type DelegationView,
  type ThemeDayPart,
} from '../../../api/coorganisers.ts';
import { useT } from '../../../i18n/index.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { ToneTag, type Tone } from '../../../components/StatusTag.tsx';
import { GuardedModal } from '../../../components/GuardedModal.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { enumLabel, fmtDate, fmtDateTime, punct } from '../../../components/format.ts';

const keyOf = (id: string) => ['coorganisation', id];
const STATUS_TONE: Record<DelegationStatus, Tone> = {
  active: 'green',
  expired: 'orange',
  revoked: 'grey',
  implicit: 'blue',
};

const partLabel = (p: ThemeDayPart) => enumLabel('coorg.part', p, THEME_DAY_PART_LABELS[p]);
const scopeLabel = (s: DelegationScope) => enumLabel('coorg.scope', s, DELEGATION_SCOPE_LABELS[s]);

export function CoorganisationPage() {
  const t = useT();
  const { themeDayId = '' } = useParams();
  const q = useQuery({
    queryKey: keyOf(themeDayId),
    queryFn: () => api.get<CoorganisationView>(`/theme-days/${themeDayId}/coorganisation`),
  });
  // A dialog stays mounted while it closes (its animation), and is mounted afresh (`n`) for each opening.
  const [parts, setParts] = useState<{ row: CoorganiserView | null; n: number; open: boolean } | null>(null);
  const [delegation, setDelegation] = useState<{ row: DelegationView | null; n: number; open: boolean } | null>(null);
  const v = q.data;
  const manage = !!v?.abilities.manage;
  return (
    <>
      <PageHeader
        title={t('coorg.title')}
        subtitle={v ? t('coorg.subtitle', { title: v.themeDay.title, host: v.themeDay.host.name }) : undefined}
        extra={<LinkButton to={`/workspace/activity-plans/${themeDayId}`}>{t('coorg.back')}</LinkButton>}
      />
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
        {v ? (
          <Flex vertical gap={16}>
            <Alert
              type="info"
              showIcon
              title={manage ? t('coorg.intro') : t('coorg.viewerIntro')}
              description={
                manage
                  ? undefined
                  : v.myParts.length
                    ? t('coorg.myParts', { parts: v.myParts.map(partLabel).join(punct().sep) })
                    : t('coorg.myPartsNone')
              }
              data-testid="coorg-intro"
            />
            <PartnersCard v={v} manage={manage} onEdit={(row) => setParts({ row, n: Date.now(), open: true })} />
            <DelegationsCard
              v={v}
              manage={manage}
              onEdit={(row) => setDelegation({ row, n: Date.now(), open: true })}
            />
          </Flex>
        ) : null}
      </QueryState>
      {v && parts ? (
        <PartsDialog
          key={parts.n}
          v={v}
          row={parts.row}
          open={parts.open}
          onClose={() => setParts((p) => p && { ...p, open: false })}
        />
      ) : null}
      {v && delegation ? (
        <DelegationDialog
          key={delegation.n}
          v={v}
          row={delegation.row}
          open={delegation.open}
          onClose={() => setDelegation((d) => d && { ...d, open: false })}
        />
      ) : null}
    </>
  );
}

function PartnersCard({
  v,
  manage,
  onEdit,
}: {
  v: CoorganisationView;
  manage: boolean;
  onEdit: (row: CoorganiserView | null) => void;
}) {
  const t = useT();
  return (
    <Card
      title={<h2 className="rt-card-title">{t('coorg.partners.title')}</h2>}
      extra={
        manage ? (
          <Button icon={<PlusOutlined />} onClick={() => onEdit(null)} data-testid="coorg-add-alliance">
            {t('coorg.partners.addAlliance')}
          </Button>
        ) : null
      }
    >
      <Table<CoorganiserView>
        rowKey={(r) => `${r.kind}:${r.party.id}`}
        data-testid="coorg-partners"
        pagination={false}
        dataSource={v.coorganisers}
        locale={{ emptyText: <Empty description={t('coorg.partners.empty')} /> }}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('coorg.partners.party'),
            key: 'party',
            render: (_, r) => (
              <Space size={4} wrap>
                <span>{r.party.name}</span>
                {r.namedInPlan ? <ToneTag tone="grey">{t('coorg.partners.namedInPlan')}</ToneTag> : null}
              </Space>
            ),
          },
          {
            title: t('coorg.partners.kind'),
            key: 'kind',
            width: 150,
            render: (_, r) => enumLabel('coorg.kind', r.kind, COORGANISER_KIND_LABELS[r.kind]),
          },
          {
            title: t('coorg.partners.parts'),
            key: 'parts',
            render: (_, r) =>
              r.parts.length ? (
                <Space size={[4, 4]} wrap>
                  {r.parts.map((p) => (
                    <ToneTag key={p} tone="blue">
                      {partLabel(p)}
                    </ToneTag>
                  ))}
                </Space>
              ) : (
                <span className="rt-text-secondary">{t('coorg.partners.partsNone')}</span>
              ),
          },
          {
            title: t('coorg.partners.updated'),
            key: 'updated',
            width: 150,
            render: (_, r) => (r.updatedAt ? fmtDateTime(r.updatedAt) : '—'),
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, r: CoorganiserView) => (
                    <Button
                      size="small"
                      onClick={() => onEdit(r)}
                      aria-label={t('coorg.partners.editN', { name: r.party.name })}
                      data-testid="coorg-edit-parts"
                    >
                      {t('coorg.partners.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function DelegationsCard({
  v,
  manage,
  onEdit,
}: {
  v: CoorganisationView;
  manage: boolean;
  onEdit: (row: DelegationView | null) => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const revoke = useMutation({
    mutationFn: (orgId: string) => api.delete<CoorganisationView>(`/theme-days/${v.themeDay.id}/delegations/${orgId}`),
    onSuccess: (data) => {
      qc.setQueryData(keyOf(v.themeDay.id), data);
      void message.success(t('coorg.delegations.revoked'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card
      title={<h2 className="rt-card-title">{t('coorg.delegations.title')}</h2>}
      extra={
        manage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => onEdit(null)} data-testid="coorg-grant">
            {t('coorg.delegations.grant')}
          </Button>
        ) : null
      }
    >
      {manage ? (
        <Typography.Paragraph type="secondary">{t('coorg.delegations.implicitHelp')}</Typography.Paragraph>
      ) : null}
      <Table<DelegationView>
        rowKey={(r) => r.organisation.id}
        data-testid="coorg-delegations"
        pagination={false}
        dataSource={v.delegations}
        locale={{ emptyText: <Empty description={t('coorg.delegations.empty')} /> }}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t('coorg.delegations.org'),
            key: 'org',
            render: (_, r) => (
              <Space size={4} wrap>
                <span>{r.organisation.name}</span>
                {r.namedInPlan ? <ToneTag tone="grey">{t('coorg.delegations.namedInPlan')}</ToneTag> : null}
              </Space>
            ),
          },
          {
            title: t('coorg.delegations.scopes'),
            key: 'scopes',
            render: (_, r) => (
              <Space size={[4, 4]} wrap>
                {r.scopes.map((s) => (
                  <ToneTag key={s} tone="blue">
                    {scopeLabel(s)}
                  </ToneTag>
                ))}
              </Space>
            ),
          },
          {
            title: t('coorg.delegations.expires'),
            key: 'expires',
            width: 190,
            render: (_, r) =>
              r.expiresOn
                ? t('coorg.delegations.expiresValue', { d: fmtDate(r.expiresOn) })
                : t('coorg.delegations.noExpiry'),
          },
          {
            title: t('coorg.delegations.status'),
            key: 'status',
            width: 190,
            render: (_, r) => (
              <ToneTag tone={STATUS_TONE[r.status]} testId="coorg-delegation-status">
                {enumLabel('coorg.status', r.status, DELEGATION_STATUS_LABELS[r.status])}
              </ToneTag>
            ),
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, r: DelegationView) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        onClick={() => onEdit(r)}
                        aria-label={t('coorg.delegations.changeN', { name: r.organisation.name })}
                        data-testid="coorg-change"
                      >
                        {t('coorg.delegations.change')}
                      </Button>
                      {r.status !== 'revoked' ? (
                        <Popconfirm
                          title={t('coorg.delegations.revokeConfirm', { name: r.organisation.name })}
                          okText={t('coorg.delegations.revoke')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() => revoke.mutate(r.organisation.id)}
                        >
                          <Button
                            size="small"
                            danger
                            disabled={revoke.isPending}
                            aria-label={t('coorg.delegations.revokeN', { name: r.organisation.name })}
                            data-testid="coorg-revoke"
                          >
                            {t('coorg.delegations.revoke')}
                          </Button>
                        </Popconfirm>
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

interface PartsForm {
  partyId: string;
  parts: CoorganiserPart[];
}

/** Assigns parts to a co-organiser (`row`), or names an alliance as a new co-organiser (`row` null). */
function PartsDialog({
  v,
  row,
  open,
  onClose,
}: {
  v: CoorganisationView;
  row: CoorganiserView | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PartsForm>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: CoorganiserBody) =>
      api.put<CoorganisationView>(`/theme-days/${v.themeDay.id}/coorganisers`, body),
    onSuccess: (data) => {
      qc.setQueryData(keyOf(v.themeDay.id), data);
      void message.success(t('coorg.partners.saved'));
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const { submit, sent } = useDialogSubmit(
    form,
    (x) =>
      save.mutateAsync({ kind: row?.kind ?? 'alliance', partyId: row?.party.id ?? x.partyId, parts: x.parts ?? [] }),
    { onStart: () => setError(null), onInvalid: () => setError(t('common.fixFields')) },
  );
  const taken = new Set(v.coorganisers.filter((c) => c.kind === 'alliance').map((c) => c.party.id));
  const alliances = v.allianceCandidates.filter((a) => !taken.has(a.id));
  return (
    <GuardedModal
      open={open}
      form={form}
      dirty={sent ? false : undefined}
      title={row ? t('coorg.partners.editN', { name: row.party.name }) : t('coorg.partners.addAlliance')}
      onCancel={onClose}
      onOk={submit}
      okText={t('coorg.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'coorg-parts-save' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<PartsForm>
        form={form}
        layout="vertical"
        disabled={save.isPending}
        initialValues={{ partyId: undefined, parts: row?.parts ?? [] }}
      >
        {row ? null : alliances.length ? (
          <Form.Item
            name="partyId"
            label={t('coorg.partners.alliance')}
            rules={[{ required: true, message: t('coorg.partners.allianceRequired') }]}
          >
            <Select
              data-testid="coorg-alliance-select"
              showSearch={{ optionFilterProp: 'label' }}
              options={alliances.map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
        ) : (
          <Alert type="warning" showIcon title={t('coorg.partners.noAlliances')} style={{ marginBottom: 12 }} />
        )}
        <Form.Item name="parts" label={t('coorg.partners.parts')} extra={t('coorg.partners.partsHelp')}>
          <Checkbox.Group
            data-testid="coorg-parts"
            options={COORGANISER_PARTS.map((p) => ({ value: p, label: partLabel(p) }))}
          />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}

interface DelegationForm {
  organisationId: string;
  scopes: DelegationScope[];
  expiresOn: Dayjs | null;
}

/** Grants a delegation (`row` null) or changes / renews one. */
function DelegationDialog({
  v,
  row,
  open,
  onClose,
}: {
  v: CoorganisationView;
  row: DelegationView | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DelegationForm>();
  const [error, setError] = useState<string | null>(null);
  const today = shanghaiToday();
  const save = useMutation({
    mutationFn: ({ orgId, body }: { orgId: string; body: DelegationBody }) =>
      api.put<CoorganisationView>(`/theme-days/${v.themeDay.id}/delegations/${orgId}`, body),
    onSuccess: (data) => {
      qc.setQueryData(keyOf(v.themeDay.id), data);
      void message.success(t('coorg.delegations.granted'));
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const { submit, sent } = useDialogSubmit(
    form,
    (x) =>
      save.mutateAsync({
        orgId: row?.organisation.id ?? x.organisationId,
        body: { scopes: x.scopes, expiresOn: (x.expiresOn as Dayjs).format('YYYY-MM-DD') },
      }),
    { onStart: () => setError(null), onInvalid: () => setError(t('common.fixFields')) },
  );
  const initialExpiry = row?.expiresOn && row.expiresOn >= today ? dayjs(row.expiresOn) : null;
  return (
    <GuardedModal
      open={open}
      form={form}
      dirty={sent ? false : undefined}
      title={row ? t('coorg.delegations.changeN', { name: row.organisation.name }) : t('coorg.delegations.dialog')}
      onCancel={onClose}
      onOk={submit}
      okText={t('coorg.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'coorg-delegation-save' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<DelegationForm>
        form={form}
        layout="vertical"
        disabled={save.isPending}
        initialValues={{
          organisationId: undefined,
          scopes: row && row.status !== 'revoked' ? row.scopes : [],
          expiresOn: initialExpiry,
        }}
      >
        {row ? null : (
          <Form.Item
            name="organisationId"
            label={t('coorg.delegations.org')}
            rules={[{ required: true, message: t('coorg.delegations.orgRequired') }]}
          >
            <Select
              data-testid="coorg-org-select"
              showSearch={{ optionFilterProp: 'label' }}
              options={v.supportCandidates.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="scopes"
          label={t('coorg.delegations.scopes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('coorg.delegations.scopesRequired') }]}
        >
          <Checkbox.Group
            data-testid="coorg-scopes"
            options={DELEGATION_SCOPES.map((s) => ({ value: s, label: scopeLabel(s) }))}
          />
        </Form.Item>
        <Form.Item
          name="expiresOn"
          label={t('coorg.delegations.expires')}
          extra={t('coorg.delegations.expiresHelp')}
          rules={[{ required: true, message: t('coorg.delegations.expiresRequired') }]}
        >
          <DatePicker
            data-testid="coorg-expires"
            disabledDate={(d) => d.format('YYYY-MM-DD') < today}
            style={{ width: 200 }}
          />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
