/**
 * The drawer to found or edit an alliance: name, charter, member organisations and the invitations sent
 * (an invited organisation joins only by accepting).
 */
import { useEffect, useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { Alliance } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { useDebounced } from '../../../hooks/useDebounced.ts';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { FieldSelect, ThemeDaySelect } from '../shared.tsx';

/** Organisation search (the directory), for alliance members. */
function OrgSearch({
  value,
  onChange,
  exclude,
  id,
}: {
  value?: string;
  onChange?: (v: string) => void;
  exclude?: string[];
  id?: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const orgs = useQuery({
    queryKey: ['organisations', 'search', q],
    queryFn: () => api.get<Page<{ id: string; name: string }>>('/organisations', { q: q || undefined, pageSize: 20 }),
  });
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
      options={(orgs.data?.items ?? [])
        .filter((o) => !exclude?.includes(o.id))
        .map((o) => ({ value: o.id, label: o.name }))}
    />
  );
}

export function AllianceDrawer({
  editing,
  open,
  onClose,
}: {
  editing: Alliance | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{
    name: string;
    fieldCode?: string | null;
    charter: string;
    themeDayId?: string | null;
    members?: { organisationId: string; role?: string }[];
  }>();
  const [error, setError] = useState<string | null>(null);
  const [newMember, setNewMember] = useState<string | undefined>();
  const live = useQuery({
    queryKey: ['alliances', editing?.id],
    queryFn: () => api.get<Alliance>(`/alliances/${editing?.id}`),
    enabled: open && !!editing,
    initialData: editing ?? undefined,
  });
  // Opening the drawer (again, or for another alliance) starts without the last error.
  const [shown, setShown] = useState({ open, editing });
  if (shown.open !== open || shown.editing !== editing) {
    setShown({ open, editing });
    if (open) setError(null);
  }
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ name: editing.name, charter: editing.charter });
  }, [open, editing, form]);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['alliances'] });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      editing
        ? api.patch<Alliance>(`/alliances/${editing.id}`, {
            name: (v as { name: string }).name,
            charter: (v as { charter: string }).charter,
          })
        : api.post<Alliance>('/alliances', v),
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
    mutationFn: (organisationId: string) =>
      api.post<Alliance>(`/alliances/${editing?.id}/members`, { organisationId, role: '成员单位' }),
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
        onFinish={(v) =>
          save.mutate({
            ...v,
            fieldCode: v.fieldCode || null,
            themeDayId: v.themeDayId || null,
            members: (v.members ?? [])
              .filter((m) => m?.organisationId)
              .map((m) => ({ organisationId: m.organisationId, role: m.role || '成员单位' })),
          })
        }
      >
        <Form.Item
          name="name"
          label={t('supply.docking.allianceName')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              message: t('common.required', { field: t('supply.docking.allianceName') }),
            },
          ]}
        >
          <Input maxLength={200} data-testid="alliance-name" />
        </Form.Item>
        {!editing ? (
          <Flex gap={12} wrap>
            <Form.Item name="fieldCode" label={t('supply.result.field')} style={{ flex: 1, minWidth: 220 }}>
              <FieldSelect allowClear />
            </Form.Item>
            <Form.Item
              name="themeDayId"
              label={t('supply.themeDay')}
              extra={t('supply.themeDayHelp')}
              style={{ flex: 1, minWidth: 220 }}
            >
              <ThemeDaySelect />
            </Form.Item>
          </Flex>
        ) : null}
        <Form.Item
          name="charter"
          label={t('supply.docking.charter')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('supply.docking.charter') }) },
          ]}
        >
          <Input.TextArea rows={6} maxLength={20000} showCount data-testid="alliance-charter" />
        </Form.Item>
        {!editing ? (
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <fieldset className="rt-fieldset">
                <legend className="rt-legend">{t('trust.alliance.invitees')}</legend>
                <p className="rt-text-secondary">
                  {t('supply.docking.founderAuto')}
                  {t('trust.alliance.inviteHelp')}
                </p>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline" wrap>
                    <Form.Item
                      name={[f.name, 'organisationId']}
                      label={t('supply.docking.memberOrg')}
                      rules={[
                        {
                          required: true,
                          message: t('common.selectRequired', { field: t('supply.docking.memberOrg') }),
                        },
                      ]}
                    >
                      <OrgSearch />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} label={t('supply.docking.memberRole')}>
                      <Input placeholder="成员单位" style={{ width: 140 }} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('common.remove')}
                      onClick={() => remove(f.name)}
                    />
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ role: '成员单位' })}
                  style={{ marginBottom: 8 }}
                >
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
                    <Popconfirm
                      title={t('supply.docking.confirmRemoveMember', { name: m.organisation.name })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => removeMember.mutate(m.organisation.id)}
                    >
                      <Button size="small" danger>
                        {t('common.remove')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
          <Typography.Title level={3} className="rt-section-title" style={{ marginTop: 16 }}>
            {t('trust.alliance.invitations')}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(m) => m.organisation.id}
            pagination={false}
            dataSource={a.invitations}
            data-testid="alliance-invitations-sent"
            locale={{ emptyText: <span className="rt-muted">{t('trust.alliance.invitationsEmpty')}</span> }}
            columns={[
              { title: t('supply.docking.memberOrg'), render: (_: unknown, m) => m.organisation.name },
              { title: t('supply.docking.memberRole'), dataIndex: 'role', width: 110 },
              {
                title: t('trust.alliance.status'),
                width: 100,
                render: (_: unknown, m) => (
                  <ToneTag tone={m.status === 'invited' ? 'orange' : 'grey'}>
                    {t(`trust.alliance.status.${m.status}`)}
                  </ToneTag>
                ),
              },
              {
                title: t('common.actions'),
                width: 110,
                render: (_: unknown, m) => (
                  <Popconfirm
                    title={t('trust.alliance.confirmWithdraw', { name: m.organisation.name })}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => removeMember.mutate(m.organisation.id)}
                  >
                    <Button size="small" disabled={removeMember.isPending}>
                      {t('trust.alliance.withdraw')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          <Flex gap={8} wrap style={{ margin: '12px 0 8px' }}>
            <OrgSearch
              value={newMember}
              onChange={setNewMember}
              exclude={[
                ...a.members.map((m) => m.organisation.id),
                ...a.invitations.filter((i) => i.status === 'invited').map((i) => i.organisation.id),
              ]}
            />
            <Button
              icon={<PlusOutlined />}
              disabled={!newMember}
              loading={addMember.isPending}
              onClick={() => newMember && addMember.mutate(newMember)}
              data-testid="alliance-invite"
            >
              {t('trust.alliance.invite')}
            </Button>
          </Flex>
          <p className="rt-text-secondary">{t('trust.alliance.inviteHelp')}</p>
        </fieldset>
      ) : null}
    </Drawer>
  );
}
