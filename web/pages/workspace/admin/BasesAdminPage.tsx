/** 示范基地 in the workspace: the directory (with a way to register a base) and the base form. */
import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Form, Input, InputNumber, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../api/client.ts';
import type { Base, Organisation, Page } from '../../../api/types.ts';
import { BASE_KINDS, BASE_KIND_LABELS, DEPARTMENTS, DEPARTMENT_LABELS } from '../../../../common/roles.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useMe } from '../../../hooks/useMe.ts';
import { useDebounced } from '../../../hooks/useDebounced.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { RegionCascader } from '../../../components/RegionSelect.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { BasesDirectory } from '../../../components/BasesDirectory.tsx';
import { useFormGuard } from '../../../hooks/useUnsavedChangesGuard.ts';
import { RemindBaseButton } from '../../../components/RemindBaseButton.tsx';

export function BasesAdminPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  // No collection-level ability in the API: the register is offered to whoever manages organisations.
  const canCreate = !!me?.nav.includes('organisations');
  return (
    <BasesDirectory
      inWorkspace
      extra={
        canCreate ? (
          <LinkButton to="/workspace/bases/new" type="primary" icon={<PlusOutlined />} data-testid="base-create">
            {t('base.create')}
          </LinkButton>
        ) : null
      }
    />
  );
}

interface BaseValues {
  name: string;
  shortName: string;
  kind: Base['kind'];
  batch: number;
  regionCode: string;
  supervisingDepartment: Base['supervisingDepartment'];
  organisationId: string | null;
  supervisorOrganisationId: string | null;
  description: string | null;
}

export function BaseFormPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const q = useQuery({ queryKey: ['base', id], queryFn: () => api.get<Base>(`/bases/${id}`), enabled: !isNew });
  return (
    <QueryState isLoading={!isNew && q.isLoading} error={q.error}>
      {isNew || q.data ? <BaseForm base={q.data} /> : null}
    </QueryState>
  );
}

function OrgSelect({
  value,
  onChange,
  known,
  id,
  placeholder,
  testId,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  known?: { id: string; name: string } | null;
  id?: string;
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const orgs = useQuery({
    queryKey: ['organisations', 'pick', q],
    queryFn: () => api.get<Page<Organisation>>('/organisations', { q: q || undefined, pageSize: 50 }),
    staleTime: 60_000,
  });
  const opts = new Map<string, string>();
  if (known) opts.set(known.id, known.name);
  for (const o of orgs.data?.items ?? []) opts.set(o.id, o.name);
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={orgs.isFetching}
      placeholder={placeholder ?? t('base.orgPlaceholder')}
      data-testid={testId}
      options={[...opts.entries()].map(([k, v]) => ({ value: k, label: v }))}
    />
  );
}

function BaseForm({ base }: { base?: Base }) {
  const { t, locale } = useI18n();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<BaseValues>();
  const guard = useFormGuard();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const initial = useMemo<Partial<BaseValues>>(
    () =>
      base
        ? {
            name: base.name,
            shortName: base.shortName,
            kind: base.kind,
            batch: base.batch,
            regionCode: base.regionCode,
            supervisingDepartment: base.supervisingDepartment,
            organisationId: base.organisationId,
            supervisorOrganisationId: base.supervisorOrganisationId,
            description: base.description,
          }
        : { kind: 'enterprise', batch: 1 },
    [base],
  );
  useEffect(() => form.setFieldsValue(initial), [form, initial]);
  const full = !base || base.abilities.edit;
  const save = useMutation({
    mutationFn: (v: BaseValues) => {
      if (!base) return api.post<Base>('/bases', v);
      const patch: Partial<BaseValues> = full ? v : {};
      if (!full && base.abilities.editShortName) patch.shortName = v.shortName;
      if (!full && base.abilities.editDescription) patch.description = v.description;
      return api.patch<Base>(`/bases/${base.id}`, patch);
    },
    onSuccess: (b) => {
      guard.saved();
      qc.setQueryData(['base', b.id], b);
      void qc.invalidateQueries({ queryKey: ['bases'] });
      void message.success(t('common.saved'));
      setBanner(null);
      if (!base) void navigate(`/workspace/bases/${b.id}`, { replace: true });
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) setBanner(err instanceof ApiError ? err : null);
      void message.error(err instanceof ApiError ? err.title : String(err));
    },
  });
  const anyEdit = full || !!base?.abilities.editShortName || !!base?.abilities.editDescription;
  return (
    <>
      <PageHeader
        title={base ? base.name : t('base.create')}
        docTitle={base ? t('base.edit') : t('base.create')}
        extra={
          <>
            <LinkButton to="/workspace/bases">{t('common.back')}</LinkButton>
            {base?.abilities.follow ? (
              <LinkButton to={`/workspace/bases/${base.id}/supervision`} data-testid="base-follow">
                {t('supervision.follow')}
              </LinkButton>
            ) : null}
            {base?.abilities.remind ? <RemindBaseButton base={base} /> : null}
          </>
        }
      />
      {banner ? (
        <Alert type="error" showIcon title={banner.title} description={banner.detail} style={{ marginBottom: 16 }} />
      ) : null}
      <Card style={{ maxWidth: 880 }}>
        <Form<BaseValues>
          form={form}
          onValuesChange={guard.onValuesChange}
          layout="vertical"
          initialValues={initial}
          onFinish={(v) => save.mutate(v)}
          data-testid="base-form"
        >
          <Form.Item
            name="name"
            label={t('common.name')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) },
              { min: 2, max: 100 },
            ]}
          >
            <Input disabled={!full} data-testid="base-name" />
          </Form.Item>
          <Form.Item
            name="shortName"
            label={t('portal.shortName')}
            extra={t('base.shortNameHint')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('portal.shortName') }) },
              { max: 20, message: t('base.shortNameMax') },
            ]}
          >
            <Input
              disabled={!(full || base?.abilities.editShortName)}
              maxLength={20}
              showCount
              data-testid="base-short-name"
            />
          </Form.Item>
          <Form.Item name="kind" label={t('common.kind')} rules={[{ required: true }]}>
            <Select
              disabled={!full}
              options={BASE_KINDS.map((k) => ({ value: k, label: BASE_KIND_LABELS[k][lang] }))}
            />
          </Form.Item>
          <Form.Item
            name="batch"
            label={t('common.batch')}
            rules={[{ required: true, message: t('common.required', { field: t('common.batch') }) }]}
          >
            <InputNumber disabled={!full} min={1} max={99} />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('common.region')}
            rules={[{ required: true, message: t('common.selectRequired', { field: t('common.region') }) }]}
          >
            <RegionCascader disabled={!full} ariaLabel={t('common.region')} />
          </Form.Item>
          <Form.Item name="supervisingDepartment" label={t('portal.supervising')}>
            <Select
              disabled={!full}
              allowClear
              options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d][lang] }))}
            />
          </Form.Item>
          <Form.Item name="organisationId" label={t('portal.organisation')}>
            {full ? (
              <OrgSelect
                known={base?.organisationId ? { id: base.organisationId, name: base.organisationName ?? '' } : null}
              />
            ) : (
              <Input disabled value={base?.organisationName ?? ''} />
            )}
          </Form.Item>
          <Form.Item
            name="supervisorOrganisationId"
            label={t('supervision.supervisor')}
            extra={t('supervision.supervisorHint')}
          >
            {full ? (
              <OrgSelect
                known={
                  base?.supervisorOrganisationId
                    ? { id: base.supervisorOrganisationId, name: base.supervisorOrganisationName ?? '' }
                    : null
                }
                placeholder={t('supervision.supervisorPlaceholder')}
                testId="base-supervisor"
              />
            ) : (
              <Input disabled value={base?.supervisorOrganisationName ?? ''} />
            )}
          </Form.Item>
          <Form.Item name="description" label={t('base.description')}>
            <Input.TextArea
              disabled={!(full || base?.abilities.editDescription)}
              autoSize={{ minRows: 3 }}
              maxLength={5000}
            />
          </Form.Item>
          {anyEdit ? (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="base-save">
              {t('common.save')}
            </Button>
          ) : null}
        </Form>
      </Card>
    </>
  );
}
