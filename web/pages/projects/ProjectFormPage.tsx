/**
 * 登记合作项目 (/workspace/projects/new) and editing one (?edit=<id>): title, theme day, type, content areas, chain,
 * parties (organisation + 牵头/参与), amounts in whole yuan, jobs and a description. A party files for its own
 * organisation (taken as confirmed); a host base's staff may file for its theme day's parties. Every other party
 * confirms before the project counts. Field errors from the server land on their fields; leaving with unsaved
 * input asks first.
 */
import { useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  PARTY_ROLES,
  PARTY_ROLE_LABELS,
  PROJECT_CHAINS,
  PROJECT_CHAIN_LABELS,
  PROJECT_TYPES,
  PROJECT_TYPE_LABELS,
  type PartyRole,
  type ProjectChain,
  type ProjectType,
  type ProjectView,
} from '../../api/projects.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useLeaveGuard } from '../../hooks/useLeaveGuard.ts';
import { useT } from '../../i18n/index.tsx';
import { ThemeDaySelect } from '../supply/shared.tsx';
import { AREA_KEYS, OrgPicker, YuanInput, projectPath, useAreaName, useProject, useWanHint } from './parts/shared.tsx';

interface Values {
  themeDayId: string | null;
  title: string;
  type: ProjectType;
  contentAreas: string[];
  chain: ProjectChain | null;
  parties: { organisationId?: string; name?: string; role: PartyRole }[];
  intendedAmount: number | null;
  contractedAmount?: number | null;
  receivedAmount?: number | null;
  jobsCreated: number | null;
  description: string;
}

export function ProjectFormPage() {
  const t = useT();
  const [params] = useSearchParams();
  const editId = params.get('edit') ?? undefined;
  const project = useProject(editId);
  return (
    <>
      <PageHeader
        title={editId ? t('projects.editTitle') : t('projects.new')}
        subtitle={editId ? project.data?.title : t('projects.newSubtitle')}
      />
      {editId ? (
        <QueryState isLoading={project.isLoading} error={project.error} refetch={() => void project.refetch()}>
          {project.data ? (
            project.data.abilities.edit ? (
              <ProjectForm project={project.data} />
            ) : (
              <Alert type="info" showIcon title={t('projects.cannotEdit')} />
            )
          ) : null}
        </QueryState>
      ) : (
        <ProjectForm />
      )}
    </>
  );
}

function ProjectForm({ project }: { project?: ProjectView }) {
  const t = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const areaName = useAreaName();
  const wan = useWanHint();
  useLeaveGuard(dirty, t('projects.leaveConfirm'));
  const myOrg = me.data?.memberships.find((m) => m.organisationId === me.data?.activeOrganisationId);
  const isHost = !!me.data?.roles.includes('base_admin');

  const initial: Partial<Values> = project
    ? {
        themeDayId: project.themeDay?.id ?? null,
        title: project.title,
        type: project.type,
        contentAreas: project.contentAreas,
        chain: project.chain,
        parties: project.parties.map((p) => ({
          organisationId: p.organisation.id,
          name: p.organisation.name,
          role: p.role,
        })),
        intendedAmount: project.intendedAmount,
        contractedAmount: project.contractedAmount,
        receivedAmount: project.receivedAmount,
        jobsCreated: project.jobsCreated,
        description: project.description ?? '',
      }
    : {
        themeDayId: params.get('themeDay'),
        contentAreas: [],
        chain: null,
        parties: [
          { organisationId: myOrg?.organisationId, name: myOrg?.organisationName, role: 'lead' },
          { role: 'participant' },
        ],
        intendedAmount: null,
        jobsCreated: null,
        description: '',
      };
  const intended = Form.useWatch('intendedAmount', form);
  const contracted = Form.useWatch('contractedAmount', form);
  const received = Form.useWatch('receivedAmount', form);
  const parties = Form.useWatch('parties', form) ?? initial.parties ?? [];

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        title: v.title,
        type: v.type,
        contentAreas: v.contentAreas ?? [],
        chain: v.chain ?? null,
        intendedAmount: v.intendedAmount ?? null,
        jobsCreated: v.jobsCreated ?? null,
        description: v.description?.trim() || null,
      };
      if (project)
        return api.patch<ProjectView>(`/projects/${project.id}`, {
          ...common,
          contractedAmount: v.contractedAmount ?? null,
          receivedAmount: v.receivedAmount ?? null,
        });
      return api.post<ProjectView>('/projects', {
        ...common,
        themeDayId: v.themeDayId ?? null,
        parties: v.parties.map((p) => ({ organisationId: p.organisationId, role: p.role })),
      });
    },
    onSuccess: async (p) => {
      setDirty(false);
      qc.setQueryData(['projects', 'one', p.id], p);
      await qc.invalidateQueries({ queryKey: ['projects', 'list'] });
      void message.success(project ? t('common.saved') : t('projects.filed'));
      void navigate(projectPath(p.id));
    },
    onError: (e) => {
      if (applyServerErrors(form, e)) void message.error(t('common.fixFields'));
      else void message.error(errorMessage(e));
    },
  });

  const leave = () => {
    const go = () => void navigate(project ? projectPath(project.id) : '/workspace/projects');
    if (!dirty) return go();
    modal.confirm({
      title: t('projects.leaveConfirm'),
      okText: t('projects.leave'),
      cancelText: t('projects.stay'),
      onOk: () => {
        setDirty(false);
        go();
      },
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onValuesChange={() => setDirty(true)}
      onFinish={(v) => save.mutate(v)}
      onFinishFailed={() => void message.error(t('common.fixFields'))}
      style={{ maxWidth: 960 }}
      data-testid="project-form"
      scrollToFirstError
    >
      <Card title={<h2 className="rt-card-title">{t('projects.form.basics')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item
              name="title"
              label={t('projects.projectTitle')}
              rules={[
                { required: true, whitespace: true, message: t('projects.form.titleRequired') },
                { min: 2, message: t('projects.form.titleRequired') },
                { max: 200 },
              ]}
            >
              <Input maxLength={200} showCount data-testid="project-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="themeDayId"
              label={t('projects.themeDay')}
              extra={project ? t('projects.form.themeDayFixed') : t('projects.form.themeDayHelp')}
            >
              <ThemeDaySelect
                ariaLabel={t('projects.themeDay')}
                testId="project-theme-day"
                placeholder={t('projects.noThemeDay')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="type"
              label={t('projects.type')}
              rules={[{ required: true, message: t('common.selectRequired', { field: t('projects.type') }) }]}
            >
              <Select
                data-testid="project-type"
                options={PROJECT_TYPES.map((x) => ({ value: x, label: PROJECT_TYPE_LABELS[x] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contentAreas" label={t('projects.areas')} extra={t('projects.form.areasHelp')}>
              <Select mode="multiple" options={AREA_KEYS.map((k) => ({ value: k, label: areaName(k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="chain" label={t('projects.chain')}>
              <Radio.Group
                options={[
                  { value: null, label: t('projects.form.chainNone') },
                  ...PROJECT_CHAINS.map((c) => ({ value: c, label: PROJECT_CHAIN_LABELS[c] })),
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={<h2 className="rt-card-title">{t('projects.parties')}</h2>} style={{ marginBottom: 16 }}>
        {project ? (
          <Alert type="info" showIcon title={t('projects.form.partiesFixed')} style={{ marginBottom: 12 }} />
        ) : (
          <Alert
            type="info"
            showIcon
            title={isHost ? t('projects.form.partiesHelpHost') : t('projects.form.partiesHelp')}
            style={{ marginBottom: 12 }}
          />
        )}
        <Form.List
          name="parties"
          rules={[
            {
              validator: async (_, v: Values['parties']) => {
                if (!v || v.filter((p) => p?.organisationId).length < 2) throw new Error(t('projects.form.twoParties'));
                if (!v.some((p) => p?.role === 'lead')) throw new Error(t('projects.form.leadRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="flex-start" wrap data-testid={`party-row-${i}`}>
                  <Form.Item
                    name={[f.name, 'organisationId']}
                    style={{ flex: '1 1 280px', marginBottom: 12 }}
                    rules={[{ required: true, message: t('projects.form.orgRequired') }]}
                  >
                    <OrgPicker
                      testId={`party-org-${i}`}
                      initialName={parties[f.name]?.name}
                      exclude={parties.map((p) => p?.organisationId).filter((x): x is string => !!x)}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} style={{ marginBottom: 12 }}>
                    <Radio.Group
                      disabled={!!project}
                      optionType="button"
                      aria-label={t('projects.form.partyRole')}
                      options={PARTY_ROLES.map((r) => ({ value: r, label: PARTY_ROLE_LABELS[r] }))}
                    />
                  </Form.Item>
                  {!project && fields.length > 2 ? (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('projects.form.removeParty', { n: i + 1 })}
                    />
                  ) : null}
                </Flex>
              ))}
              <div style={{ color: '#a8071a', marginBottom: 8 }}>
                <Form.ErrorList errors={errors} />
              </div>
              {!project && fields.length < 20 ? (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ role: 'participant' })}
                  data-testid="party-add"
                >
                  {t('projects.form.addParty')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Card>

      <Card title={<h2 className="rt-card-title">{t('projects.form.figures')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="intendedAmount" label={t('projects.intendedAmount')} extra={wan(intended)}>
              <YuanInput testId="project-intended" />
            </Form.Item>
          </Col>
          {project ? (
            <>
              <Col xs={24} md={8}>
                <Form.Item name="contractedAmount" label={t('projects.contractedAmount')} extra={wan(contracted)}>
                  <YuanInput />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="receivedAmount" label={t('projects.receivedAmount')} extra={wan(received)}>
                  <YuanInput />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col xs={24} md={8}>
            <Form.Item name="jobsCreated" label={t('projects.jobs')} extra={t('projects.jobsHelp')}>
              <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} suffix={t('projects.persons')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('projects.description')}>
              <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('projects.form.descriptionHint')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="project-save">
          {project ? t('common.save') : t('projects.form.submit')}
        </Button>
        <Button onClick={leave}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
