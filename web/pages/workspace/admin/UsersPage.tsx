/**
 * 用户 (system admin): list with filters; create with memberships; disable/enable; reset password;
 * memberships added and removed in a drawer. Every button follows the row's `abilities`.
 */
import { useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../api/client.ts';
import type { Organisation, Page, User } from '../../../api/types.ts';
import type { SessionsRevoked } from '../../../api/accounts.ts';
import { ROLES, ROLE_LABELS, type Role } from '../../../../common/roles.ts';
import { DEFAULT_PASSWORD_POLICY, checkPassword } from '../../../../common/password-policy.ts';
import { useI18n, useT } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { useDebounced } from '../../../hooks/useDebounced.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { fmtDateTime } from '../../../components/format.ts';
import { dateCell } from '../../../components/cells.tsx';
import { exportList } from '../../../components/exportCsv.ts';
import { errorMessage } from '../../../components/errors.ts';
import { GuardedModal } from '../../../components/GuardedModal.tsx';

function useRoleOptions() {
  const { locale } = useI18n();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  return ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }));
}

function OrgPicker({
  value,
  onChange,
  id,
  ariaLabel,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  ariaLabel?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const orgs = useQuery({
    queryKey: ['organisations', 'pick', q],
    queryFn: () => api.get<Page<Organisation>>('/organisations', { q: q || undefined, pageSize: 50 }),
    staleTime: 60_000,
  });
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={orgs.isFetching}
      placeholder={t('base.orgPlaceholder')}
      options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
      style={{ minWidth: 240 }}
    />
  );
}

const PW_HINT = 'password.policy';

/** The server's own password check (common/password-policy.ts, default policy) as a form validator. */
async function passwordValidator(_r: unknown, v: string | undefined): Promise<void> {
  const failures = v ? checkPassword(v, DEFAULT_PASSWORD_POLICY) : [];
  if (failures.length) throw new Error(failures.map((f) => f.message).join('；'));
}

export function UsersPage() {
  const t = useT();
  const { locale } = useI18n();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const roleOptions = useRoleOptions();
  const table = useTableState({ sort: 'createdAt', order: 'desc' });
  const q = useQuery({ queryKey: ['users', table.query], queryFn: () => api.get<Page<User>>('/users', table.query) });
  const [createOpen, setCreateOpen] = useState(false);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [membersFor, setMembersFor] = useState<User | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['users'] });
  const onErr = (e: unknown) => void message.error(errorMessage(e));
  const toggle = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'disable' | 'enable' }) =>
      api.post<User>(`/users/${id}/${action}`),
    onSuccess: (_u, v) => {
      refresh();
      void message.success(v.action === 'disable' ? t('users.disabled') : t('users.enabled'));
    },
    onError: onErr,
  });

  const revoke = useMutation({
    mutationFn: (id: string) => api.post<SessionsRevoked>(`/users/${id}/revoke-sessions`),
    onSuccess: (r) => void message.success(t('account.revoked', { count: r.revoked })),
    onError: onErr,
  });

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          <>
            <LinkButton to="/workspace/import" data-testid="bulk-import">
              {t('import.title')}
            </LinkButton>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreateOpen(true)}
              data-testid="user-create"
            >
              {t('users.create')}
            </Button>
          </>
        }
      />
      <FilterBar
        table={table}
        onExport={() =>
          exportList<User>(
            '/users',
            table.query,
            [
              { title: t('users.name'), value: (r) => r.name },
              { title: t('users.email'), value: (r) => r.email },
              { title: t('users.mobile'), value: (r) => r.mobile },
              {
                title: t('users.memberships'),
                value: (r) => r.memberships.map((m) => `${m.organisationName}/${ROLE_LABELS[m.role].zh}`).join('；'),
              },
              {
                title: t('common.status'),
                value: (r) => (r.disabled ? t('status.user.disabled') : t('status.user.enabled')),
              },
              { title: t('common.createdAt'), value: (r) => fmtDateTime(r.createdAt) },
            ],
            '用户',
          )
        }
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear style={{ width: 200 }} placeholder={t('users.searchPlaceholder')} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Select allowClear style={{ width: 200 }} placeholder={t('common.all')} options={roleOptions} />
        </Form.Item>
        <Form.Item name="disabled" label={t('common.status')}>
          <Select
            allowClear
            style={{ width: 110 }}
            placeholder={t('common.all')}
            options={[
              { value: 'false', label: t('status.user.enabled') },
              { value: 'true', label: t('status.user.disabled') },
            ]}
          />
        </Form.Item>
      </FilterBar>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<User>
          rowKey="id"
          data-testid="users-table"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={table.pagination(q.data?.total)}
          onChange={table.onTableChange}
          scroll={{ x: 1320 }}
          columns={[
            {
              title: t('users.name'),
              dataIndex: 'name',
              key: 'name',
              sorter: true,
              sortOrder: table.sortOrderOf('name'),
              width: 170,
            },
            {
              title: t('users.email'),
              dataIndex: 'email',
              key: 'email',
              sorter: true,
              sortOrder: table.sortOrderOf('email'),
              render: (v: string | null) => v ?? '—',
            },
            { title: t('users.mobile'), dataIndex: 'mobile', key: 'mobile', render: (v: string | null) => v ?? '—' },
            {
              title: t('users.memberships'),
              key: 'm',
              width: 280,
              render: (_: unknown, r) => (
                <ul className="rt-issue-list">
                  {r.memberships.map((m) => (
                    <li key={m.id}>
                      {m.organisationName} · {ROLE_LABELS[m.role][lang]}
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              title: t('common.status'),
              key: 'status',
              width: 90,
              render: (_: unknown, r) => <StatusTag kind="user" status={r.disabled ? 'disabled' : 'enabled'} />,
            },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              key: 'createdAt',
              sorter: true,
              sortOrder: table.sortOrderOf('createdAt'),
              render: dateCell,
            },
            {
              title: t('common.actions'),
              key: 'a',
              width: 260,
              render: (_: unknown, r) => (
                <Space wrap size={4}>
                  {r.abilities.manageMemberships ? (
                    <Button
                      size="small"
                      onClick={() => setMembersFor(r)}
                      aria-label={`${t('users.manageMemberships')}：${r.name}`}
                    >
                      {t('users.manageMemberships')}
                    </Button>
                  ) : null}
                  {r.abilities.resetPassword ? (
                    <Button
                      size="small"
                      onClick={() => setResetFor(r)}
                      aria-label={`${t('users.resetPassword')}：${r.name}`}
                      data-testid={`user-reset-${r.id}`}
                    >
                      {t('users.resetPassword')}
                    </Button>
                  ) : null}
                  {r.abilities.revokeSessions ? (
                    <Popconfirm
                      title={t('account.revokeConfirm')}
                      onConfirm={() => revoke.mutate(r.id)}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                    >
                      <Button
                        size="small"
                        loading={revoke.isPending && revoke.variables === r.id}
                        aria-label={`${t('account.revoke')}：${r.name}`}
                        data-testid={`user-revoke-${r.id}`}
                      >
                        {t('account.revoke')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {r.abilities.disable && !r.disabled ? (
                    <Popconfirm
                      title={t('users.confirmDisable', { name: r.name })}
                      onConfirm={() => toggle.mutate({ id: r.id, action: 'disable' })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                    >
                      <Button
                        size="small"
                        danger
                        aria-label={`${t('users.disable')}：${r.name}`}
                        data-testid={`user-disable-${r.id}`}
                      >
                        {t('users.disable')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {r.abilities.enable && r.disabled ? (
                    <Button
                      size="small"
                      onClick={() => toggle.mutate({ id: r.id, action: 'enable' })}
                      aria-label={`${t('users.enable')}：${r.name}`}
                    >
                      {t('users.enable')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <CreateUserModal open={createOpen} onClose={() => setCreateOpen(false)} onDone={refresh} />
      <ResetPasswordModal user={resetFor} onClose={() => setResetFor(null)} />
      <MembershipsDrawer
        user={membersFor}
        onClose={() => setMembersFor(null)}
        onChanged={(u) => {
          setMembersFor(u);
          refresh();
        }}
      />
    </>
  );
}

interface CreateValues {
  name: string;
  email?: string;
  mobile?: string;
  password: string;
  memberships?: { organisationId: string; role: Role }[];
}

function CreateUserModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<CreateValues>();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const m = useMutation({
    mutationFn: (v: CreateValues) =>
      api.post<User>('/users', { ...v, email: v.email?.trim() || null, mobile: v.mobile?.trim() || null }),
    onSuccess: () => {
      onDone();
      onClose();
      form.resetFields();
      void message.success(t('users.created'));
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) setBanner(err instanceof ApiError ? err : null);
    },
  });
  return (
    <GuardedModal
      form={form}
      open={open}
      title={t('users.create')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: m.isPending, 'data-testid': 'user-create-confirm' }}
      onOk={() => void form.validateFields().then((v) => m.mutate(v))}
      width={680}
      destroyOnHidden
    >
      {banner ? (
        <Alert type="error" showIcon title={banner.title} description={banner.detail} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" onValuesChange={() => setBanner(null)}>
        <Form.Item
          name="name"
          label={t('users.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('users.name') }) },
            { max: 50 },
          ]}
        >
          <Input data-testid="user-name" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="email"
            label={t('users.email')}
            style={{ flex: 1, minWidth: 220 }}
            rules={[{ type: 'email', message: t('users.emailInvalid') }]}
          >
            <Input data-testid="user-email" />
          </Form.Item>
          <Form.Item
            name="mobile"
            label={t('users.mobile')}
            style={{ flex: 1, minWidth: 180 }}
            dependencies={['email']}
            rules={[
              { pattern: /^1\d{10}$/, message: t('users.mobileInvalid') },
              ({ getFieldValue }) => ({
                validator: async (_r, v?: string) => {
                  if (!v?.trim() && !String(getFieldValue('email') ?? '').trim())
                    throw new Error(t('users.needContact'));
                },
              }),
            ]}
          >
            <Input data-testid="user-mobile" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          extra={t(PW_HINT, { min: 8, classes: 3 })}
          rules={[
            { required: true, message: t('common.required', { field: t('users.initialPassword') }) },
            { validator: passwordValidator },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Typography.Text strong>{t('users.memberships')}</Typography.Text>
        <Form.List name="memberships">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, 'organisationId']}
                    rules={[{ required: true, message: t('common.selectRequired', { field: t('audit.org') }) }]}
                    style={{ flex: 2, minWidth: 220 }}
                  >
                    <OrgPicker ariaLabel={`${t('audit.org')} ${f.name + 1}`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'role']}
                    rules={[{ required: true, message: t('common.selectRequired', { field: t('users.role') }) }]}
                    style={{ flex: 1, minWidth: 160 }}
                  >
                    <Select options={roleOptions} aria-label={`${t('users.role')} ${f.name + 1}`} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('programme.removeRow', { n: f.name + 1 })}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block style={{ marginTop: 8 }}>
                {t('users.addMembership')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </GuardedModal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const m = useMutation({
    mutationFn: (password: string) => api.post<void>(`/users/${user?.id}/password`, { password }),
    onSuccess: () => {
      onClose();
      form.resetFields();
      void message.success(t('users.passwordReset'));
    },
    onError: (err) => {
      if (!applyServerErrors(form, err, { password: 'password', newPassword: 'password' }))
        void message.error(errorMessage(err));
    },
  });
  return (
    <GuardedModal
      form={form}
      open={!!user}
      title={t('users.resetPasswordOf', { name: user?.name ?? '' })}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: m.isPending, 'data-testid': 'user-reset-confirm' }}
      onOk={() => void form.validateFields().then((v) => m.mutate(v.password))}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('users.resetHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t(PW_HINT, { min: 8, classes: 3 })}
          rules={[
            { required: true, message: t('common.required', { field: t('password.new') }) },
            { validator: passwordValidator },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-reset-password" />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}

function MembershipsDrawer({
  user,
  onClose,
  onChanged,
}: {
  user: User | null;
  onClose: () => void;
  onChanged: (u: User) => void;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<{ organisationId: string; role: Role }>();
  const onErr = (e: unknown) => void message.error(errorMessage(e));
  const add = useMutation({
    mutationFn: (v: { organisationId: string; role: Role }) => api.post<User>(`/users/${user?.id}/memberships`, v),
    onSuccess: (u) => {
      onChanged(u);
      form.resetFields();
    },
    onError: onErr,
  });
  const remove = useMutation({
    mutationFn: (membershipId: string) => api.delete<User>(`/users/${user?.id}/memberships/${membershipId}`),
    onSuccess: (u) => u && onChanged(u),
    onError: onErr,
  });
  return (
    <Drawer
      open={!!user}
      onClose={onClose}
      title={t('users.membershipsOf', { name: user?.name ?? '' })}
      size={Math.min(560, window.innerWidth)}
      destroyOnHidden
    >
      <List
        dataSource={user?.memberships ?? []}
        locale={{ emptyText: t('users.noMemberships') }}
        renderItem={(m) => (
          <List.Item
            actions={[
              <Popconfirm
                key="r"
                title={t('users.confirmRemoveMembership')}
                onConfirm={() => remove.mutate(m.id)}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button size="small" danger aria-label={`${t('common.remove')} ${m.organisationName}`}>
                  {t('common.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            {m.organisationName} · {ROLE_LABELS[m.role].zh}
          </List.Item>
        )}
      />
      <Typography.Title level={2} className="rt-section-title">
        {t('users.addMembership')}
      </Typography.Title>
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
        <Form.Item
          name="organisationId"
          label={t('audit.org')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('audit.org') }) }]}
        >
          <OrgPicker />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('users.role') }) }]}
        >
          <Select options={roleOptions} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('users.addMembership')}
        </Button>
      </Form>
    </Drawer>
  );
}
