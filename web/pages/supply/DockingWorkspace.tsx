/**
 * Workspace page of 深度对接: alliances my organisation founded (charter, member organisations) and the
 * expert seminars / supply–demand docking sessions it organises (agenda, venue or online link). Sign-ups
 * for a session belong to the events area (活动报名).
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Drawer, Flex, Form, Input, Popconfirm, Select, Space, Table, Tabs } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { DOCKING_KINDS, type Alliance, type DockingSession } from '../../api/supply.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { FieldSelect, ThemeDaySelect } from './shared.tsx';
import { sessionWhen } from './DockingPortal.tsx';

/** ISO instant → 'YYYY-MM-DDTHH:mm' Beijing wall-clock for a datetime-local input. */
const toLocal = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16);

/** Organisation search (the directory), for alliance members. */
function OrgSearch({ value, onChange, exclude, id }: { value?: string; onChange?: (v: string) => void; exclude?: string[]; id?: string }) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const orgs = useQuery({ queryKey: ['organisations', 'search', q], queryFn: () => api.get<Page<{ id: string; name: string }>>('/organisations', { q: q || undefined, pageSize: 20 }) });
  return (
    <Select
      id={id}
      aria-label={t('supply.docking.memberOrg')}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={onChange}
      placeholder={t('supply.docking.searchOrg')}
      loading={orgs.isLoading}
      style={{ minWidth: 260 }}
      options={(orgs.data?.items ?? []).filter((o) => !exclude?.includes(o.id)).map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

function AllianceDrawer({ editing, open, onClose }: { editing: Alliance | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; fieldCode?: string | null; charter: string; themeDayId?: string | null; members?: { organisationId: string; role?: string }[] }>();
  const [error, setError] = useState<string | null>(null);
  const [newMember, setNewMember] = useState<string | undefined>();
  const live = useQuery({ queryKey: ['alliances', editing?.id], queryFn: () => api.get<Alliance>(`/alliances/${editing?.id}`), enabled: open && !!editing, initialData: editing ?? undefined });
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) form.setFieldsValue({ name: editing.name, charter: editing.charter });
  }, [open, editing, form]);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['alliances'] });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      editing ? api.patch<Alliance>(`/alliances/${editing.id}`, { name: (v as { name: string }).name, charter: (v as { charter: string }).charter }) : api.post<Alliance>('/alliances', v),
    onSuccess: () => {
      void message.success(t('common.saved'));
      refresh();
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const addMember = useMutation({
    mutationFn: (organisationId: string) => api.post<Alliance>(`/alliances/${editing?.id}/members`, { organisationId, role: '成员单位' }),
    onSuccess: () => {
      setNewMember(undefined);
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const removeMember = useMutation({
    mutationFn: (organisationId: string) => api.delete<Alliance>(`/alliances/${editing?.id}/members/${organisationId}`),
    onSuccess: refresh,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const a = live.data;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('supply.docking.editAlliance') : t('supply.docking.createAlliance')}
      size={Math.min(720, window.innerWidth)}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="alliance-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark
        onFinish={(v) => save.mutate({ ...v, fieldCode: v.fieldCode || null, themeDayId: v.themeDayId || null, members: (v.members ?? []).filter((m) => m?.organisationId).map((m) => ({ organisationId: m.organisationId, role: m.role || '成员单位' })) })}
      >
        <Form.Item name="name" label={t('supply.docking.allianceName')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required', { field: t('supply.docking.allianceName') }) }]}>
          <Input maxLength={200} data-testid="alliance-name" />
        </Form.Item>
        {!editing ? (
          <Flex gap={12} wrap>
            <Form.Item name="fieldCode" label={t('supply.result.field')} style={{ flex: 1, minWidth: 220 }}>
              <FieldSelect allowClear />
            </Form.Item>
            <Form.Item name="themeDayId" label={t('supply.themeDay')} extra={t('supply.themeDayHelp')} style={{ flex: 1, minWidth: 220 }}>
              <ThemeDaySelect />
            </Form.Item>
          </Flex>
        ) : null}
        <Form.Item name="charter" label={t('supply.docking.charter')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('supply.docking.charter') }) }]}>
          <Input.TextArea rows={6} maxLength={20000} showCount data-testid="alliance-charter" />
        </Form.Item>
        {!editing ? (
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <fieldset className="rt-fieldset">
                <legend className="rt-legend">{t('supply.docking.members')}</legend>
                <p className="rt-text-secondary">{t('supply.docking.founderAuto')}</p>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline" wrap>
                    <Form.Item name={[f.name, 'organisationId']} label={t('supply.docking.memberOrg')} rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.docking.memberOrg') }) }]}>
                      <OrgSearch />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} label={t('supply.docking.memberRole')}>
                      <Input placeholder="成员单位" style={{ width: 140 }} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: '成员单位' })} style={{ marginBottom: 8 }}>
                  {t('supply.docking.addMember')}
                </Button>
              </fieldset>
            )}
          </Form.List>
        ) : null}
      </Form>
      {editing && a ? (
        <fieldset className="rt-fieldset">
          <legend className="rt-legend">{t('supply.docking.members')}</legend>
          <Table
            size="small"
            rowKey={(m) => m.organisation.id}
            pagination={false}
            dataSource={a.members}
            columns={[
              { title: t('supply.docking.memberOrg'), render: (_: unknown, m) => m.organisation.name },
              { title: t('supply.docking.memberRole'), dataIndex: 'role', width: 110 },
              {
                title: t('common.actions'),
                width: 90,
                render: (_: unknown, m) =>
                  m.organisation.id === a.founder.id ? null : (
                    <Popconfirm title={t('supply.docking.confirmRemoveMember', { name: m.organisation.name })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => removeMember.mutate(m.organisation.id)}>
                      <Button size="small" danger>
                        {t('common.remove')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
          <Flex gap={8} wrap style={{ margin: '12px 0 8px' }}>
            <OrgSearch value={newMember} onChange={setNewMember} exclude={a.members.map((m) => m.organisation.id)} />
            <Button icon={<PlusOutlined />} disabled={!newMember} loading={addMember.isPending} onClick={() => newMember && addMember.mutate(newMember)}>
              {t('supply.docking.addMember')}
            </Button>
          </Flex>
        </fieldset>
      ) : null}
    </Drawer>
  );
}

interface SessionForm {
  kind: string;
  title: string;
  description?: string;
  agenda: { time: string; item: string }[];
  startsAt: string;
  endsAt: string;
  venue?: string;
  onlineLink?: string;
  themeDayId?: string | null;
}

function SessionDrawer({ editing, open, onClose }: { editing: DockingSession | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SessionForm>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        kind: editing.kind,
        title: editing.title,
        description: editing.description ?? '',
        agenda: editing.agenda,
        startsAt: toLocal(editing.startsAt),
        endsAt: toLocal(editing.endsAt),
        venue: editing.venue ?? '',
        onlineLink: editing.onlineLink ?? '',
        themeDayId: editing.themeDay?.id ?? null,
      });
    }
  }, [open, editing, form]);
  const save = useMutation({
    mutationFn: (v: SessionForm) => {
      const body = { ...v, description: v.description || null, venue: v.venue || null, onlineLink: v.onlineLink || null, themeDayId: v.themeDayId || null };
      return editing ? api.patch<DockingSession>(`/docking-sessions/${editing.id}`, body) : api.post<DockingSession>('/docking-sessions', body);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['docking-sessions'] });
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('supply.docking.editSession') : t('supply.docking.createSession')}
      size={Math.min(720, window.innerWidth)}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="session-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" requiredMark initialValues={{ kind: 'supply_demand', agenda: [{ time: '', item: '' }] }} onFinish={(v) => save.mutate(v)}>
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('supply.docking.kind')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 160 }}>
            <Select options={DOCKING_KINDS.map((k) => ({ value: k, label: t(`supply.dockingKind.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('supply.docking.sessionTitle')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required', { field: t('supply.docking.sessionTitle') }) }]} style={{ flex: 3, minWidth: 240 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="startsAt" label={`${t('supply.docking.startsAt')}（${t('common.beijingTime')}）`} rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.docking.startsAt') }) }]} style={{ flex: 1, minWidth: 200 }}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="endsAt" label={`${t('supply.docking.endsAt')}（${t('common.beijingTime')}）`} rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.docking.endsAt') }) }]} style={{ flex: 1, minWidth: 200 }}>
            <Input type="datetime-local" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="venue" label={t('supply.docking.venue')} extra={t('supply.docking.venueHelp')} style={{ flex: 1, minWidth: 220 }}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="onlineLink" label={t('supply.docking.onlineLink')} style={{ flex: 1, minWidth: 220 }}>
            <Input maxLength={1000} placeholder="https://" />
          </Form.Item>
        </Flex>
        <Form.Item name="themeDayId" label={t('supply.themeDay')} extra={t('supply.themeDayHelp')}>
          <ThemeDaySelect />
        </Form.Item>
        <Form.Item name="description" label={t('supply.docking.description')}>
          <Input.TextArea rows={3} maxLength={10000} />
        </Form.Item>
        <Form.List name="agenda">
          {(fields, { add, remove }) => (
            <fieldset className="rt-fieldset">
              <legend className="rt-legend">{t('supply.docking.agenda')}</legend>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[f.name, 'time']} label={i === 0 ? t('supply.docking.agendaTime') : undefined} aria-label={t('supply.docking.agendaTime')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('supply.docking.agendaTime') }) }]}>
                    <Input placeholder="09:00-09:30" style={{ width: 140 }} aria-label={t('supply.docking.agendaTime')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'item']} label={i === 0 ? t('supply.docking.agendaItem') : undefined} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('supply.docking.agendaItem') }) }]} style={{ flex: 1, minWidth: 200 }}>
                    <Input aria-label={t('supply.docking.agendaItem')} />
                  </Form.Item>
                  {fields.length > 1 ? <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} /> : null}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ time: '', item: '' })} style={{ marginBottom: 8 }}>
                {t('supply.docking.addAgenda')}
              </Button>
            </fieldset>
          )}
        </Form.List>
        <Alert type="info" showIcon title={t('supply.docking.registrationHint')} />
      </Form>
    </Drawer>
  );
}

export function DockingWorkspacePage() {
  const t = useT();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'alliances' ? 'alliances' : 'sessions';
  const orgId = me?.activeOrganisationId ?? '__none__';
  const [alliance, setAlliance] = useState<{ open: boolean; editing: Alliance | null }>({ open: false, editing: null });
  const [session, setSession] = useState<{ open: boolean; editing: DockingSession | null }>({ open: false, editing: null });
  const sessions = useQuery({ queryKey: ['docking-sessions', 'mine', orgId], queryFn: () => api.get<Page<DockingSession>>('/docking-sessions', { organisationId: orgId, pageSize: 100, sort: 'startsAt', order: 'desc' }) });
  const alliances = useQuery({ queryKey: ['alliances', 'mine', orgId], queryFn: () => api.get<Page<Alliance>>('/alliances', { organisationId: orgId, pageSize: 100 }) });
  return (
    <>
      <PageHeader
        title={t('supply.docking.workspaceTitle')}
        subtitle={t('supply.docking.workspaceSubtitle')}
        extra={
          tab === 'sessions' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setSession({ open: true, editing: null })} data-testid="session-create">
              {t('supply.docking.createSession')}
            </Button>
          ) : (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAlliance({ open: true, editing: null })} data-testid="alliance-create">
              {t('supply.docking.createAlliance')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'sessions' ? {} : { tab: k })}
        items={[
          {
            key: 'sessions',
            label: t('supply.docking.sessions'),
            children: (
              <QueryState isLoading={false} error={sessions.error} refetch={() => void sessions.refetch()}>
                <Table<DockingSession>
                  rowKey="id"
                  loading={sessions.isLoading}
                  dataSource={sessions.data?.items ?? []}
                  scroll={{ x: 760 }}
                  pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
                  locale={{ emptyText: <span className="rt-muted">{t('supply.docking.mySessionsEmpty')}</span> }}
                  columns={[
                    { title: t('supply.docking.sessionTitle'), key: 'title', render: (_: unknown, s) => <Link to={`/docking/${s.id}`}>{s.title}</Link> },
                    { title: t('supply.docking.kind'), key: 'kind', render: (_: unknown, s) => <ToneTag tone={s.kind === 'seminar' ? 'purple' : 'blue'}>{t(`supply.dockingKind.${s.kind}` as MessageKey)}</ToneTag> },
                    { title: t('supply.docking.when'), key: 'when', render: (_: unknown, s) => sessionWhen(s) },
                    { title: t('supply.docking.venue'), key: 'venue', render: (_: unknown, s) => s.venue ?? (s.onlineLink ? t('supply.docking.online') : '—') },
                    {
                      title: t('common.actions'),
                      key: 'a',
                      render: (_: unknown, s) =>
                        s.abilities.edit ? (
                          <Button size="small" onClick={() => setSession({ open: true, editing: s })} aria-label={`${t('common.edit')} ${s.title}`}>
                            {t('common.edit')}
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              </QueryState>
            ),
          },
          {
            key: 'alliances',
            label: t('supply.docking.alliances'),
            children: (
              <QueryState isLoading={false} error={alliances.error} refetch={() => void alliances.refetch()}>
                <Table<Alliance>
                  rowKey="id"
                  loading={alliances.isLoading}
                  dataSource={alliances.data?.items ?? []}
                  scroll={{ x: 640 }}
                  pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
                  locale={{ emptyText: <span className="rt-muted">{t('supply.docking.myAlliancesEmpty')}</span> }}
                  columns={[
                    { title: t('supply.docking.allianceName'), key: 'name', render: (_: unknown, a) => <Link to={`/docking/alliances/${a.id}`}>{a.name}</Link> },
                    { title: t('supply.docking.members'), key: 'm', render: (_: unknown, a) => t('supply.docking.memberCount', { n: a.members.length }) },
                    {
                      title: t('common.actions'),
                      key: 'a',
                      render: (_: unknown, a) =>
                        a.abilities.edit ? (
                          <Button size="small" onClick={() => setAlliance({ open: true, editing: a })} aria-label={`${t('common.edit')} ${a.name}`}>
                            {t('common.edit')}
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              </QueryState>
            ),
          },
        ]}
      />
      <AllianceDrawer open={alliance.open} editing={alliance.editing} onClose={() => setAlliance({ open: false, editing: null })} />
      <SessionDrawer open={session.open} editing={session.editing} onClose={() => setSession({ open: false, editing: null })} />
    </>
  );
}
