/**
 * 注册/加入单位 (issue 12 §1): a person without an organisation registers theirs (with the register's live
 * credit-code check) or finds one by credit code or name and asks to join; afterwards the page shows where they
 * stand — their organisations' verification and their join requests.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Result,
  Row,
  Segmented,
  Select,
  Space,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import type {
  JoinCandidate,
  JoinRequest,
  OnboardingStatus,
  OrganisationRegistration,
  RegisteredOrganisation,
  ResubmittedOrganisation,
} from '../../api/onboarding.ts';
import { ORG_KINDS, ORG_KIND_LABELS } from '../../../common/roles.ts';
import { useT } from '../../i18n/index.tsx';
import { useMe, ME_KEY } from '../../hooks/useMe.ts';
import { useFormGuard } from '../../hooks/useUnsavedChangesGuard.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { RegionCascader } from '../../components/RegionSelect.tsx';
import { industryOptions, UsccFeedback, useUsccCheck } from '../../components/UsccCheck.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { dateCell } from '../../components/cells.tsx';
import { JoinStatusTag, useLang, VerificationTag } from './shared.tsx';

const STATUS_KEY = ['onboarding', 'status'] as const;
type StatusOrganisation = OnboardingStatus['organisations'][number];

export function OnboardingPage() {
  const t = useT();
  const { data: me } = useMe();
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => api.get<OnboardingStatus>('/onboarding/status'),
  });
  const [mode, setMode] = useState<'register' | 'join'>('register');
  const [registered, setRegistered] = useState<RegisteredOrganisation | null>(null);
  const noOrganisation = !!me && me.memberships.length === 0;

  return (
    <>
      <PageHeader title={t('onboarding.title')} />
      {registered ? (
        <Card>
          <Result
            status="success"
            title={<span data-testid="onboarding-registered">{t('onboarding.registered')}</span>}
            subTitle={t('onboarding.registeredHint')}
            extra={
              <LinkButton to="/workspace" type="primary">
                {t('onboarding.toWorkspace')}
              </LinkButton>
            }
          />
        </Card>
      ) : noOrganisation ? (
        <>
          <Alert type="info" showIcon title={t('onboarding.intro')} style={{ marginBottom: 16 }} />
          <Segmented
            block
            value={mode}
            onChange={(v) => setMode(v as 'register' | 'join')}
            options={[
              {
                value: 'register',
                label: <span data-testid="onboarding-mode-register">{t('onboarding.register')}</span>,
              },
              { value: 'join', label: <span data-testid="onboarding-mode-join">{t('onboarding.join')}</span> },
            ]}
            style={{ marginBottom: 16 }}
          />
          {mode === 'register' ? <RegisterForm onDone={setRegistered} /> : <JoinForm />}
        </>
      ) : null}
      <QueryState isLoading={status.isLoading} error={status.error} refetch={() => void status.refetch()}>
        {status.data ? <Standing status={status.data} /> : null}
      </QueryState>
    </>
  );
}

/** My organisations' verification and my join requests. */
function Standing({ status }: { status: OnboardingStatus }) {
  const t = useT();
  if (!status.organisations.length && !status.joinRequests.length) return null;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {status.organisations.length ? (
          <Col xs={24} lg={12}>
            <Card title={<h2 className="rt-card-title">{t('onboarding.myOrganisations')}</h2>}>
              <List
                dataSource={status.organisations}
                renderItem={(o) => (
                  <List.Item data-testid="onboarding-my-org">
                    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                      <Space wrap>
                        <strong>{o.name}</strong>
                        <VerificationTag status={o.verificationStatus} />
                        {o.orgAdmin ? <span className="rt-text-secondary">{t('onboarding.admin')}</span> : null}
                      </Space>
                      <span className="rt-text-secondary">
                        {o.verificationStatus === 'unverified'
                          ? t('onboarding.awaiting', { name: o.name })
                          : o.verificationStatus === 'rejected'
                            ? t('onboarding.rejected', { name: o.name, reason: o.rejectionReason ?? '' })
                            : t('onboarding.verifiedNote', { name: o.name })}
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ) : null}
        {status.joinRequests.length ? (
          <Col xs={24} lg={12}>
            <Card title={<h2 className="rt-card-title">{t('onboarding.myRequests')}</h2>}>
              <List<JoinRequest>
                dataSource={status.joinRequests}
                renderItem={(r) => (
                  <List.Item data-testid="onboarding-my-request">
                    <Space orientation="vertical" size={2}>
                      <Space wrap>
                        <strong>{r.organisation.name}</strong>
                        <JoinStatusTag status={r.status} />
                      </Space>
                      <span className="rt-text-secondary">
                        {t('onboarding.requestedAt')}：{dateCell(r.createdAt)}
                        {r.decisionNote ? ` · ${r.decisionNote}` : ''}
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ) : null}
      </Row>
      {status.organisations.map((o) =>
        o.registration ? <ResubmitForm key={o.id} org={{ ...o, registration: o.registration }} /> : null,
      )}
    </>
  );
}

type RegisterValues = OrganisationRegistration;

function RegisterForm({ onDone }: { onDone: (r: RegisteredOrganisation) => void }) {
  const t = useT();
  const qc = useQueryClient();
  return (
    <Card>
      <OrgDetailsForm
        testId="register"
        hint={t('onboarding.registerHint')}
        submitLabel={t('onboarding.submitRegistration')}
        initialValues={{ kind: 'enterprise' }}
        submit={(x) => api.post<RegisteredOrganisation>('/onboarding/organisations', x)}
        onSaved={(r) => {
          void qc.invalidateQueries({ queryKey: ME_KEY });
          void qc.invalidateQueries({ queryKey: STATUS_KEY });
          onDone(r);
        }}
      />
    </Card>
  );
}

/** 修改并重新提交: a rejected organisation's details, prefilled, corrected by its administrator and resubmitted. */
function ResubmitForm({ org }: { org: StatusOrganisation & { registration: RegisterValues } }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  return (
    <Card
      title={<h2 className="rt-card-title">{t('onboarding.resubmitTitle')}</h2>}
      style={{ marginTop: 16 }}
      data-testid="resubmit-card"
    >
      <OrgDetailsForm
        testId="resubmit"
        ownId={org.id}
        hint={t('onboarding.resubmitHint')}
        submitLabel={t('onboarding.submitResubmit')}
        // Empty fields as absent, so the selects show their placeholders.
        initialValues={Object.fromEntries(Object.entries(org.registration).filter(([, x]) => x !== null))}
        submit={(x) => api.post<ResubmittedOrganisation>(`/onboarding/organisations/${org.id}/resubmit`, x)}
        onSaved={() => {
          void message.success(t('onboarding.resubmitted'));
          void qc.invalidateQueries({ queryKey: ME_KEY });
          void qc.invalidateQueries({ queryKey: STATUS_KEY });
        }}
      />
    </Card>
  );
}

/**
 * An organisation's details as registration asks for them, with the live credit-code check, a leave guard and
 * the server's field errors on the fields; the submit button is disabled while the request is pending.
 */
function OrgDetailsForm<R>(props: {
  testId: 'register' | 'resubmit';
  hint: string;
  submitLabel: string;
  initialValues: Partial<RegisterValues>;
  /** The organisation being corrected, which holds its own credit code. */
  ownId?: string;
  submit: (x: RegisterValues) => Promise<R>;
  onSaved: (r: R) => void;
}) {
  const { testId: id } = props;
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const guard = useFormGuard({ title: t('onboarding.leave') });
  const v = Form.useWatch([], form) as RegisterValues | undefined;
  const { check, loading } = useUsccCheck(v?.uscc, props.ownId);
  const [banner, setBanner] = useState<ApiError | null>(null);
  // A new verdict re-checks the field, so a corrected code clears the error the previous one left.
  useEffect(() => {
    if (check && form.isFieldTouched('uscc')) form.validateFields(['uscc']).catch(() => undefined);
  }, [check, form]);
  const save = useMutation({
    mutationFn: props.submit,
    onSuccess: (r) => {
      guard.saved();
      setBanner(null);
      props.onSaved(r);
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) setBanner(err instanceof ApiError ? err : null);
      void message.error(errorMessage(err));
    },
  });
  return (
    <>
      {banner ? (
        <Alert type="error" showIcon title={banner.title} description={banner.detail} style={{ marginBottom: 16 }} />
      ) : null}
      <p className="rt-text-secondary" style={{ marginTop: 0 }}>
        {props.hint}
      </p>
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        initialValues={props.initialValues}
        onValuesChange={guard.onValuesChange}
        onFinish={(x) => save.mutate({ ...x, uscc: x.uscc.trim() })}
        disabled={save.isPending}
        data-testid={`${id}-form`}
      >
        <Form.Item
          name="name"
          label={t('common.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) },
            { min: 2, max: 100, message: t('org.nameLength') },
          ]}
        >
          <Input data-testid={`${id}-name`} autoComplete="organization" />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('org.uscc')}
          extra={<UsccFeedback check={check} loading={loading} />}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('org.uscc') }) },
            {
              validator: async () => {
                if (check && check.status === 'invalid') throw new Error(check.message ?? t('status.uscc.invalid'));
              },
            },
          ]}
        >
          <Input data-testid={`${id}-uscc`} maxLength={40} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('common.kind')} rules={[{ required: true }]}>
              <Select
                options={ORG_KINDS.filter((k) => k !== 'government').map((k) => ({
                  value: k,
                  label: ORG_KIND_LABELS[k][lang],
                }))}
                data-testid={`${id}-kind`}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="regionCode"
              label={t('common.region')}
              rules={[{ required: true, message: t('common.required', { field: t('common.region') }) }]}
            >
              <RegionCascader ariaLabel={t('common.region')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="industryCode" label={t('org.industry')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={industryOptions}
                data-testid={`${id}-industry`}
                placeholder={t('org.industryPlaceholder')}
              />
            </Form.Item>
          </Col>
        </Row>
        {v?.kind === 'enterprise' ? (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="employees" label={t('org.employees')}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`${id}-employees`} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="revenueWan" label={t('org.revenue')}>
                <InputNumber min={0} style={{ width: '100%' }} data-testid={`${id}-revenue`} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="assetsWan" label={t('org.assets')}>
                <InputNumber min={0} style={{ width: '100%' }} data-testid={`${id}-assets`} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid={`${id}-submit`}>
          {props.submitLabel}
        </Button>
      </Form>
    </>
  );
}

interface JoinValues {
  organisationId: string;
  message?: string;
}

function JoinForm() {
  const t = useT();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<JoinValues>();
  const guard = useFormGuard({ title: t('onboarding.leave') });
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['onboarding', 'search', q],
    queryFn: () => api.get<{ items: JoinCandidate[] }>('/onboarding/organisations', { q }),
    enabled: q.length >= 2,
  });
  const send = useMutation({
    mutationFn: (x: JoinValues) => api.post<JoinRequest>('/onboarding/join-requests', x),
    onSuccess: () => {
      guard.saved();
      form.resetFields();
      void message.success(t('onboarding.joinSent'));
      void qc.invalidateQueries({ queryKey: STATUS_KEY });
    },
    onError: (err) => {
      applyServerErrors(form, err);
      void message.error(errorMessage(err));
    },
  });
  const items = found.data?.items ?? [];
  return (
    <Card>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input
          aria-label={t('onboarding.search')}
          placeholder={t('onboarding.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => setQ(text.trim())}
          data-testid="join-search"
        />
        <Button onClick={() => setQ(text.trim())} loading={found.isFetching} data-testid="join-search-button">
          {t('onboarding.searchButton')}
        </Button>
      </Space.Compact>
      {q.length >= 2 && found.data && !items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('onboarding.noMatch')} />
      ) : null}
      {items.length ? (
        <Form<JoinValues>
          form={form}
          layout="vertical"
          onValuesChange={guard.onValuesChange}
          onFinish={(x) => send.mutate(x)}
          disabled={send.isPending}
          data-testid="join-form"
        >
          <Form.Item
            name="organisationId"
            label={t('onboarding.pickOrg')}
            rules={[{ required: true, message: t('onboarding.pickRequired') }]}
          >
            <Radio.Group style={{ width: '100%' }}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {items.map((o) => (
                  <Radio key={o.id} value={o.id} data-testid="join-candidate">
                    <Space wrap size={4}>
                      <strong>{o.name}</strong>
                      <span className="rt-text-secondary">
                        {ORG_KIND_LABELS[o.kind][lang]}
                        {o.regionName ? ` · ${o.regionName}` : ''}
                      </span>
                      {o.verificationStatus !== 'verified' ? <VerificationTag status={o.verificationStatus} /> : null}
                    </Space>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="message" label={t('onboarding.message')} rules={[{ max: 500 }]}>
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder={t('onboarding.messagePlaceholder')}
              data-testid="join-message"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={send.isPending} data-testid="join-submit">
            {t('onboarding.submitJoin')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
