/** The editable activity plan: the form (title checked live, agenda, parts, partners, support organisations, venue and the rest) with the saved checks beside it. */
import type { ReactNode } from 'react';
import type { FormInstance } from 'antd';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Typography } from 'antd';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ActivityPlan, ActivityPlanBody } from '../../../../api/types.ts';
import { checkActivityPlanTitle, type ProgrammeRules } from '../../../../../common/programme-rules.ts';
import { useT } from '../../../../i18n/index.tsx';
import { BaseSelect } from '../../../../components/BaseSelect.tsx';
import { type FormValues, toBody } from './form.ts';
import { AgendaEditor } from './AgendaEditor.tsx';
import { SupportOrgSelect } from './SupportOrgSelect.tsx';

export function ActivityPlanEditor({
  plan,
  rules,
  form,
  initial,
  save,
  submit,
  onChange,
  footerExtra,
}: {
  plan: ActivityPlan;
  rules: ProgrammeRules | undefined;
  form: FormInstance<FormValues>;
  initial: FormValues;
  save: UseMutationResult<ActivityPlan, unknown, ActivityPlanBody>;
  submit: UseMutationResult<ActivityPlan, unknown, ActivityPlanBody>;
  /** Any value changed by the person (marks the form dirty). */
  onChange: () => void;
  /** Shown after the buttons (unsaved / draft status). */
  footerExtra?: ReactNode;
}) {
  const t = useT();
  const values = Form.useWatch([], form) as FormValues | undefined;
  // The same title rule as the server (417号: "XXX（示范基地简称）融通创新主题日活动方案").
  const titleRules =
    rules ?? ({ titleTemplate: plan.expectedTitle.replace(plan.themeDay.host.shortName, '{简称}') } as ProgrammeRules);
  const titleCheck = checkActivityPlanTitle(titleRules, plan.themeDay.host.shortName, values?.title ?? initial.title);

  const areas = rules?.contentAreas ?? plan.parts.map((p) => ({ key: p.key, name: p.name, nameEn: p.name }));
  const td = plan.themeDay;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={17}>
        <Card>
          <Form<FormValues>
            form={form}
            layout="vertical"
            initialValues={initial}
            onValuesChange={onChange}
            data-testid="ap-form"
          >
            <Form.Item
              name="title"
              label={t('ap.planTitle')}
              validateStatus={titleCheck.ok ? 'success' : 'error'}
              hasFeedback
              help={titleCheck.ok ? t('ap.titleOk') : titleCheck.issues.map((i) => i.message).join('；')}
            >
              <Input data-testid="ap-title" maxLength={200} />
            </Form.Item>
            <Typography.Title level={2} className="rt-section-title">
              {t('ap.agenda')}
            </Typography.Title>
            <AgendaEditor start={td.startDate} end={td.endDate} />
            <fieldset className="rt-fieldset" data-testid="ap-parts">
              <legend className="rt-legend">{t('ap.parts')}</legend>
              {areas.map((a, idx) => {
                const on = !!values?.parts?.[a.key]?.on;
                return (
                  <div key={a.key} className="rt-area">
                    <Form.Item name={['parts', a.key, 'on']} valuePropName="checked" style={{ marginBottom: 4 }}>
                      <Checkbox data-testid={`ap-part-${a.key}-check`}>
                        {idx + 1}. {a.name}
                      </Checkbox>
                    </Form.Item>
                    <Form.Item
                      name={['parts', a.key, 'description']}
                      label={t('plan.areaDescription', { name: a.name })}
                      hidden={!on}
                      className="rt-area-desc"
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 2, maxRows: 8 }}
                        maxLength={5000}
                        data-testid={`ap-part-${a.key}-description`}
                      />
                    </Form.Item>
                  </div>
                );
              })}
            </fieldset>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="partnerBaseIds" label={t('plan.partners')}>
                  <BaseSelect
                    testId="ap-partners"
                    known={plan.partners}
                    excludeIds={[td.host.id]}
                    ariaLabel={t('plan.partners')}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="supportOrganisationIds" label={t('ap.supportOrgs')} extra={t('ap.supportOrgsHint')}>
                  <SupportOrgSelect known={plan.supportOrganisations} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="venue" label={t('ap.venue')}>
                  <Input data-testid="ap-venue" maxLength={500} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="headcountLimit" label={t('ap.headcount')} extra={t('ap.headcountHint')}>
                  <InputNumber
                    min={1}
                    max={1_000_000}
                    precision={0}
                    style={{ width: '100%' }}
                    data-testid="ap-headcount"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="onlineChannel" label={t('ap.online')}>
              <Input data-testid="ap-online" maxLength={1000} placeholder={t('ap.onlinePlaceholder')} />
            </Form.Item>
            <Form.Item name="epidemicMeasures" label={t('plan.epidemic')}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} data-testid="ap-epidemic" />
            </Form.Item>
            <Form.Item name="emergencyPlan" label={t('ap.emergency')}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={10000} data-testid="ap-emergency" />
            </Form.Item>
            <Flex gap={8} wrap>
              <Button
                onClick={() => save.mutate(toBody(form.getFieldsValue(true) as FormValues))}
                loading={save.isPending}
                data-testid="ap-save"
              >
                {t('plan.saveDraft')}
              </Button>
              {plan.abilities.submit || (plan.status === 'none' && !plan.overdue) ? (
                <Button
                  type="primary"
                  onClick={() => submit.mutate(toBody(form.getFieldsValue(true) as FormValues))}
                  loading={submit.isPending}
                  data-testid="ap-submit"
                >
                  {t('ap.submit')}
                </Button>
              ) : null}
              {footerExtra}
            </Flex>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={7}>
        <Card
          className="rt-sticky"
          size="small"
          title={<h2 className="rt-card-title">{t('ap.checks')}</h2>}
          data-testid="ap-issues"
        >
          {plan.issues.length === 0 ? (
            <Alert type="success" showIcon title={t('ap.noIssues')} />
          ) : (
            <>
              <Typography.Paragraph className="rt-text-secondary">{t('ap.issuesSaved')}</Typography.Paragraph>
              <ul className="rt-issue-list">
                {plan.issues.map((i, n) => (
                  <li key={n} data-code={i.code}>
                    {i.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
