/**
 * 创新联合体 of one demand: the publisher forms it with the organisations whose responses it accepted —
 * roles, cost-sharing and benefit-sharing percentages (each set must sum to exactly 100 %: the live sum is red
 * until it does, the page refuses to save otherwise, and so does the server), IP terms — and every member
 * signs the current version; the last signature makes it 已全体签署. Any edit clears the signatures.
 */
import { useEffect, useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Consortium, ConsortiumBody, Demand, DemandResponse, OrgRef } from '../../api/demands.ts';
import { useT } from '../../i18n/index.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { ConsortiumStatusTag } from './shared.tsx';

interface MemberRow {
  organisationId: string;
  name: string;
  role: string;
  cost: number | null;
  benefit: number | null;
}
interface Values {
  name: string;
  ipTerms: string;
  members: MemberRow[];
}

const pct = (bp: number) => Math.round(bp) / 100;
/** Sum of percentages in basis points (integers, so 33.33 + 33.33 + 33.34 is exactly 10000). */
const sumBp = (rows: MemberRow[] | undefined, k: 'cost' | 'benefit') =>
  (rows ?? []).reduce((s, r) => s + Math.round((r?.[k] ?? 0) * 100), 0);

export function ConsortiumPanel({ demand, canForm }: { demand: Demand; canForm: boolean }) {
  const t = useT();
  const [params] = useSearchParams();
  const focus = params.get('consortium');
  const list = useQuery({
    queryKey: ['consortia', 'demand', demand.id],
    queryFn: () => api.get<{ items: Consortium[] }>(`/demands/${demand.id}/consortia`),
  });
  const accepted = useQuery({
    queryKey: ['demand-responses', 'received', demand.id, 'accepted'],
    queryFn: () =>
      api.get<Page<DemandResponse>>('/demand-responses', {
        box: 'received',
        demandId: demand.id,
        status: 'accepted',
        pageSize: 200,
      }),
    enabled: canForm,
  });
  const [forming, setForming] = useState(false);
  const [editing, setEditing] = useState<Consortium | null>(null);
  const acceptedOrgs: OrgRef[] = (accepted.data?.items ?? []).map((r) => r.organisation);
  const items = list.data?.items ?? [];

  useEffect(() => {
    if (focus) document.getElementById(`consortium-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [focus, list.data]);

  return (
    <Card
      id="consortium"
      title={<h2 className="rt-card-title">{t('demands.c.title')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="consortium-panel"
      extra={
        canForm && !forming && !editing && items.length === 0 ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setForming(true)}
            disabled={acceptedOrgs.length === 0}
            data-testid="consortium-new"
          >
            {t('demands.c.form')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph className="rt-text-secondary">{t('demands.c.sub')}</Typography.Paragraph>
      {canForm && acceptedOrgs.length === 0 && !accepted.isLoading && items.length === 0 ? (
        <Alert type="info" showIcon title={t('demands.c.needAccepted')} style={{ marginBottom: 12 }} />
      ) : null}
      {forming || editing ? (
        <ConsortiumForm
          demand={demand}
          acceptedOrgs={acceptedOrgs}
          editing={editing}
          onDone={() => {
            setForming(false);
            setEditing(null);
          }}
        />
      ) : null}
      {items.length === 0 && !forming ? (
        canForm ? null : (
          <Empty description={t('demands.ws.emptyConsortia')} />
        )
      ) : (
        items.map((c) => <ConsortiumCard key={c.id} c={c} onEdit={() => setEditing(c)} demandId={demand.id} />)
      )}
    </Card>
  );
}

function ConsortiumCard({ c, onEdit, demandId }: { c: Consortium; onEdit: () => void; demandId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const sign = useMutation({
    mutationFn: () => api.post<Consortium>(`/consortia/${c.id}/sign`, { version: c.version }),
    onSuccess: () => {
      void message.success(t('demands.c.signed'));
      void qc.invalidateQueries({ queryKey: ['consortia'] });
    },
    onError: (e) => {
      void message.error(errorMessage(e));
      void qc.invalidateQueries({ queryKey: ['consortia', 'demand', demandId] });
    },
  });
  return (
    <Card
      type="inner"
      id={`consortium-${c.id}`}
      data-testid={`consortium-${c.id}`}
      className="rt-consortium"
      style={{ marginBottom: 12 }}
      title={
        <Space wrap>
          <span>{c.name}</span>
          <ConsortiumStatusTag status={c.status} testId="consortium-status" />
          <ToneTag tone="grey">{t('demands.c.version', { v: c.version })}</ToneTag>
        </Space>
      }
      extra={
        <Space wrap>
          {c.abilities.edit ? (
            <Button onClick={onEdit} data-testid="consortium-edit">
              {t('common.edit')}
            </Button>
          ) : null}
          {c.abilities.sign ? (
            <Button
              type="primary"
              loading={sign.isPending}
              data-testid="consortium-sign"
              onClick={() =>
                modal.confirm({ title: t('demands.c.signConfirm', { v: c.version }), onOk: () => sign.mutateAsync() })
              }
            >
              {t('demands.c.sign')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {c.status === 'signed' ? (
        <Alert
          type="success"
          showIcon
          title={t('demands.c.allSigned', { time: fmtDateTime(c.signedAt) })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table
        size="small"
        rowKey={(m) => m.organisation.id}
        dataSource={c.members}
        pagination={false}
        scroll={{ x: 600 }}
        data-testid="consortium-members"
        columns={[
          {
            title: t('demands.c.member'),
            key: 'org',
            render: (_: unknown, m) => (
              <Space wrap>
                {m.organisation.name}
                {m.organisation.id === c.lead.id ? <ToneTag tone="blue">{t('demands.c.lead')}</ToneTag> : null}
              </Space>
            ),
          },
          { title: t('demands.c.role'), dataIndex: 'role', key: 'role' },
          {
            title: t('demands.c.cost'),
            key: 'cost',
            align: 'right',
            render: (_: unknown, m) => `${pct(m.costShareBp)}%`,
          },
          {
            title: t('demands.c.benefit'),
            key: 'benefit',
            align: 'right',
            render: (_: unknown, m) => `${pct(m.benefitShareBp)}%`,
          },
          {
            title: t('demands.c.signedAt'),
            key: 'signed',
            render: (_: unknown, m) =>
              m.signedAt ? (
                <ToneTag tone="green">{`${t('demands.c.signed')} ${fmtDateTime(m.signedAt)}`}</ToneTag>
              ) : (
                <ToneTag tone="orange">{t('demands.c.unsigned')}</ToneTag>
              ),
          },
        ]}
      />
      <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('demands.c.ipTerms')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.ipTerms}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function SumTag({ bp, label, testId }: { bp: number; label: string; testId: string }) {
  const t = useT();
  const ok = bp === 10_000;
  return (
    <span
      data-testid={testId}
      data-ok={ok ? 'true' : 'false'}
      style={{ color: ok ? '#135200' : '#a8071a', fontWeight: 600 }}
      aria-live="polite"
    >
      {label}
      {ok ? ' ✓' : `（${t('demands.c.must100')}）`}
    </span>
  );
}

function ConsortiumForm({
  demand,
  acceptedOrgs,
  editing,
  onDone,
}: {
  demand: Demand;
  acceptedOrgs: OrgRef[];
  editing: Consortium | null;
  onDone: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const rows = Form.useWatch('members', form) as MemberRow[] | undefined;
  const [refusal, setRefusal] = useState<string | null>(null);
  const cost = sumBp(rows, 'cost');
  const benefit = sumBp(rows, 'benefit');

  const initial: Values = editing
    ? {
        name: editing.name,
        ipTerms: editing.ipTerms,
        members: editing.members.map((m) => ({
          organisationId: m.organisation.id,
          name: m.organisation.name,
          role: m.role,
          cost: pct(m.costShareBp),
          benefit: pct(m.benefitShareBp),
        })),
      }
    : {
        name: `${demand.title}创新联合体`.slice(0, 200),
        ipTerms: demand.ipTerms ?? '',
        members: [
          {
            organisationId: demand.organisation.id,
            name: demand.organisation.name,
            role: t('demands.c.lead'),
            cost: null,
            benefit: null,
          },
          ...acceptedOrgs.map((o) => ({ organisationId: o.id, name: o.name, role: '', cost: null, benefit: null })),
        ],
      };
  const inForm = new Set((rows ?? initial.members).map((r) => r?.organisationId));
  const addable = [demand.organisation, ...acceptedOrgs].filter((o) => !inForm.has(o.id));

  const save = useMutation({
    mutationFn: (b: ConsortiumBody) =>
      editing
        ? api.patch<Consortium>(`/consortia/${editing.id}`, b)
        : api.post<Consortium>(`/demands/${demand.id}/consortia`, b),
    onSuccess: () => {
      void message.success(t('demands.c.saved'));
      void qc.invalidateQueries({ queryKey: ['consortia'] });
      onDone();
    },
    onError: (e) => {
      if (e instanceof ApiError) {
        setRefusal(e.display);
        const fields = e.errors
          .filter((x) => x.field === 'name' || x.field === 'ipTerms')
          .map((x) => ({ name: x.field as 'name' | 'ipTerms', errors: [x.message] }));
        if (fields.length) form.setFields(fields);
      } else setRefusal(String(e));
    },
  });

  const onFinish = (v: Values) => {
    const c = sumBp(v.members, 'cost');
    const b = sumBp(v.members, 'benefit');
    if (c !== 10_000 || b !== 10_000) {
      setRefusal(t('demands.c.notHundred', { cost: c / 100, benefit: b / 100 }));
      return;
    }
    setRefusal(null);
    save.mutate({
      name: v.name.trim(),
      ipTerms: v.ipTerms.trim(),
      members: v.members.map((m) => ({
        organisationId: m.organisationId,
        role: m.role.trim(),
        costShareBp: Math.round((m.cost ?? 0) * 100),
        benefitShareBp: Math.round((m.benefit ?? 0) * 100),
      })),
    });
  };

  return (
    <Card
      type="inner"
      title={editing ? t('demands.c.edit') : t('demands.c.form')}
      style={{ marginBottom: 16 }}
      data-testid="consortium-form"
    >
      {editing ? <Alert type="warning" showIcon title={t('demands.c.editHint')} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        onValuesChange={() => setRefusal(null)}
        requiredMark
      >
        <Form.Item
          name="name"
          label={t('demands.c.name')}
          rules={[
            { required: true, whitespace: true, message: t('demands.c.nameRequired') },
            { min: 2, max: 200 },
          ]}
        >
          <Input maxLength={200} data-testid="consortium-name" />
        </Form.Item>
        <Typography.Text strong>{t('demands.c.members')}</Typography.Text>
        <Form.List name="members">
          {(fields, { remove, add }) => (
            <>
              <div className="rt-consortium-rows" role="group" aria-label={t('demands.c.members')}>
                {fields.map((f, i) => {
                  const row = rows?.[i] ?? initial.members[i];
                  const isLead = row?.organisationId === demand.organisation.id;
                  return (
                    <Flex
                      key={f.key}
                      gap={8}
                      wrap
                      align="flex-start"
                      className="rt-consortium-row"
                      data-testid={`consortium-row-${i}`}
                      style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
                    >
                      <div style={{ flex: '1 1 100%', minWidth: 0 }}>
                        <Space wrap>
                          <strong>{row?.name}</strong>
                          {isLead ? <ToneTag tone="blue">{t('demands.c.lead')}</ToneTag> : null}
                        </Space>
                      </div>
                      <Form.Item
                        name={[f.name, 'role']}
                        label={t('demands.c.role')}
                        rules={[{ required: true, whitespace: true, message: t('demands.c.roleRequired') }]}
                        style={{ flex: '1 1 200px', marginBottom: 0 }}
                      >
                        <Input
                          placeholder={t('demands.c.rolePh')}
                          maxLength={100}
                          data-testid={`consortium-role-${i}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'cost']}
                        label={t('demands.c.cost')}
                        rules={[{ required: true, message: t('common.required', { field: t('demands.c.cost') }) }]}
                        style={{ width: 120, marginBottom: 0 }}
                      >
                        <InputNumber
                          min={0}
                          max={100}
                          step={1}
                          precision={2}
                          style={{ width: '100%' }}
                          data-testid={`consortium-cost-${i}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'benefit']}
                        label={t('demands.c.benefit')}
                        rules={[{ required: true, message: t('common.required', { field: t('demands.c.benefit') }) }]}
                        style={{ width: 120, marginBottom: 0 }}
                      >
                        <InputNumber
                          min={0}
                          max={100}
                          step={1}
                          precision={2}
                          style={{ width: '100%' }}
                          data-testid={`consortium-benefit-${i}`}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'organisationId']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} hidden>
                        <Input />
                      </Form.Item>
                      <div style={{ paddingTop: 30 }}>
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          disabled={isLead}
                          onClick={() => remove(f.name)}
                          aria-label={`${t('demands.c.removeMember')} ${row?.name ?? ''}`}
                        />
                      </div>
                    </Flex>
                  );
                })}
              </div>
              {addable.length ? (
                <Space wrap style={{ marginTop: 8 }}>
                  {addable.map((o) => (
                    <Button
                      key={o.id}
                      icon={<PlusOutlined />}
                      onClick={() => add({ organisationId: o.id, name: o.name, role: '', cost: null, benefit: null })}
                    >
                      {`${t('demands.c.addMember')}：${o.name}`}
                    </Button>
                  ))}
                </Space>
              ) : null}
            </>
          )}
        </Form.List>
        <Flex gap={24} wrap style={{ margin: '12px 0' }} data-testid="consortium-sums">
          <SumTag bp={cost} label={t('demands.c.sumCost', { n: cost / 100 })} testId="consortium-sum-cost" />
          <SumTag
            bp={benefit}
            label={t('demands.c.sumBenefit', { n: benefit / 100 })}
            testId="consortium-sum-benefit"
          />
        </Flex>
        <Form.Item
          name="ipTerms"
          label={t('demands.c.ipTerms')}
          rules={[{ required: true, whitespace: true, message: t('demands.c.ipRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('demands.c.ipTermsPh')}
            maxLength={10000}
            data-testid="consortium-ip"
          />
        </Form.Item>
        {refusal ? (
          <Alert
            type="error"
            showIcon
            title={refusal}
            style={{ marginBottom: 12 }}
            data-testid="consortium-error"
            role="alert"
          />
        ) : null}
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="consortium-save">
            {t('demands.c.save')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}
