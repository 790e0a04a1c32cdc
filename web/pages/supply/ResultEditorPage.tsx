/** The result editor (科技成果): the form with the 不涉密 declaration (unticked by default, fixed wording from the server), the review outcome, and the designated reviewer's decision. */
import { useEffect, useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { TRANSFER_MODES, type Declaration, type Result } from '../../api/supply.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { FieldSelect, ResultStatusTag, ResultTags, ThemeDaySelect } from './shared.tsx';
import { ReviewPanel } from './results/ReviewPanel.tsx';
import { useFormGuard } from '../../hooks/useUnsavedChangesGuard.ts';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';

interface ResultForm {
  title: string;
  fieldCode: string;
  description: string;
  trl: number;
  patents: string;
  transferMode: string;
  priceExpectation?: string;
  themeDayId?: string | null;
}

const toBody = (v: ResultForm) => ({
  title: v.title,
  fieldCode: v.fieldCode,
  description: v.description,
  trl: v.trl,
  patents: (v.patents ?? '')
    .split(/[\n,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean),
  transferMode: v.transferMode,
  priceExpectation: v.priceExpectation || null,
  themeDayId: v.themeDayId || null,
});

export function ResultEditorPage() {
  const t = useT();
  const { id } = useParams();
  const isNew = id === 'new';
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResultForm>();
  const guard = useFormGuard();
  const [declared, setDeclared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decl = useQuery({
    queryKey: ['results', 'declaration'],
    queryFn: () => api.get<Declaration>('/results/declaration'),
    staleTime: Infinity,
  });
  const q = useQuery({ queryKey: ['results', id], queryFn: () => api.get<Result>(`/results/${id}`), enabled: !isNew });
  const r = q.data;
  const editable = isNew || !!r?.abilities.edit;

  useEffect(() => {
    if (r)
      form.setFieldsValue({
        title: r.title,
        fieldCode: r.fieldCode,
        description: r.description,
        trl: r.trl,
        patents: r.patents.join('\n'),
        transferMode: r.transferMode,
        priceExpectation: r.priceExpectation ?? '',
        themeDayId: r.themeDay?.id ?? null,
      });
  }, [r, form]);
  // Each loaded version of the result (the first load, after a save) has to be declared again.
  const [declaredOf, setDeclaredOf] = useState(r);
  if (r !== declaredOf) {
    setDeclaredOf(r);
    if (r) setDeclared(false);
  }

  // One key per submission: a double click or a retry with the same values saves (and submits) once.
  const submission = useSubmissionKey();
  const save = async (v: ResultForm, key: string): Promise<Result> =>
    isNew
      ? api.post<Result>('/results', toBody(v), { idempotencyKey: key })
      : api.patch<Result>(`/results/${id}`, toBody(v), { idempotencyKey: key });
  const saveM = useMutation({
    mutationFn: (v: ResultForm) => save(v, submission.keyFor({ body: toBody(v), submit: false })),
    onSuccess: (res) => {
      submission.done();
      guard.saved();
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['results'] });
      if (isNew) void navigate(`/workspace/results/${res.id}`, { replace: true });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const submitM = useMutation({
    mutationFn: async (v: ResultForm) => {
      const key = submission.keyFor({ body: toBody(v), submit: true });
      const saved = await save(v, key);
      return api.post<Result>(
        `/results/${saved.id}/submit`,
        { declaration: true, declarationText: decl.data?.declarationText },
        { idempotencyKey: `${key}-submit` },
      );
    },
    onSuccess: (res) => {
      submission.done();
      guard.saved();
      void message.success(t('supply.result.submitted'));
      qc.setQueryData(['results', res.id], res);
      void qc.invalidateQueries({ queryKey: ['results'] });
      if (isNew) void navigate(`/workspace/results/${res.id}`, { replace: true });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const busy = saveM.isPending || submitM.isPending;
  const run = (which: 'save' | 'submit') => {
    setError(null);
    form
      .validateFields()
      .then((v) => (which === 'save' ? saveM.mutate(v) : submitM.mutate(v)))
      .catch(() => setError(t('common.fixFields')));
  };

  return (
    <QueryState isLoading={!isNew && q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      <PageHeader
        title={isNew ? t('supply.results.create') : (r?.title ?? '')}
        subtitle={
          r ? (
            <span data-testid="result-status">
              <ResultStatusTag status={r.status} />
            </span>
          ) : (
            t('supply.result.newHint')
          )
        }
        extra={
          <>
            <LinkButton to="/workspace/results">{t('common.back')}</LinkButton>
            {r?.status === 'public' ? (
              <LinkButton to={`/results/${r.id}`}>{t('supply.results.viewPublic')}</LinkButton>
            ) : null}
          </>
        }
      />
      {r?.review && (r.status === 'changes_requested' || r.status === 'rejected' || r.status === 'public') ? (
        <Alert
          type={r.status === 'changes_requested' ? 'warning' : r.status === 'rejected' ? 'error' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="result-review-outcome"
          title={`${t('supply.review.outcomeIs')}${t(`supply.reviewOutcome.${r.review.outcome}` as MessageKey)}（${fmtDateTime(r.review.at)}）`}
          description={r.review.comment ?? undefined}
        />
      ) : null}
      {r?.status === 'in_review' && !r.abilities.review ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('supply.result.inReviewHint')} />
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="result-error" />
      ) : null}
      {editable ? (
        <Card>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={decl.data?.notice ?? r?.notice ?? ''}
            data-testid="non-classified-notice"
          />
          <Form
            form={form}
            onValuesChange={guard.onValuesChange}
            layout="vertical"
            initialValues={{ trl: 5, transferMode: 'licence', patents: '' }}
            requiredMark
          >
            <Form.Item
              name="title"
              label={t('supply.result.title')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  min: 2,
                  message: t('common.required', { field: t('supply.result.title') }),
                },
              ]}
            >
              <Input maxLength={200} data-testid="result-title" />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item
                name="fieldCode"
                label={t('supply.result.field')}
                rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.result.field') }) }]}
                style={{ flex: 2, minWidth: 240 }}
              >
                <FieldSelect testId="result-field" />
              </Form.Item>
              <Form.Item
                name="trl"
                label={t('supply.result.trl')}
                rules={[{ required: true }]}
                style={{ flex: 1, minWidth: 140 }}
                extra={t('supply.result.trlHelp')}
              >
                <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} data-testid="result-trl" />
              </Form.Item>
              <Form.Item
                name="transferMode"
                label={t('supply.result.transferMode')}
                rules={[{ required: true }]}
                style={{ flex: 1, minWidth: 160 }}
              >
                <Select
                  data-testid="result-transfer"
                  options={TRANSFER_MODES.map((k) => ({
                    value: k,
                    label: t(`supply.transferMode.${k}` as MessageKey),
                  }))}
                />
              </Form.Item>
            </Flex>
            <Form.Item
              name="description"
              label={t('supply.result.description')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('supply.result.description') }),
                },
              ]}
            >
              <Input.TextArea rows={6} maxLength={20000} showCount data-testid="result-description" />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item
                name="patents"
                label={t('supply.result.patents')}
                extra={t('supply.result.patentsHelp')}
                style={{ flex: 1, minWidth: 240 }}
              >
                <Input.TextArea rows={2} data-testid="result-patents" />
              </Form.Item>
              <Form.Item
                name="priceExpectation"
                label={t('supply.result.priceExpectation')}
                style={{ flex: 1, minWidth: 200 }}
              >
                <Input maxLength={200} placeholder={t('supply.result.pricePlaceholder')} />
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
            <fieldset className="rt-fieldset">
              <legend className="rt-legend">{t('supply.result.declarationLegend')}</legend>
              <div data-testid="result-declaration">
                <Checkbox checked={declared} onChange={(e) => setDeclared(e.target.checked)}>
                  {decl.data?.declarationText ?? r?.declarationWording ?? ''}
                </Checkbox>
              </div>
              <p className="rt-text-secondary" style={{ margin: '8px 0' }}>
                {t('supply.result.declarationHelp')}
              </p>
            </fieldset>
            <Space wrap>
              <Button onClick={() => run('save')} loading={saveM.isPending} disabled={busy} data-testid="result-save">
                {t('supply.result.saveDraft')}
              </Button>
              <Button
                type="primary"
                onClick={() => run('submit')}
                loading={submitM.isPending}
                disabled={!declared || busy || !decl.data}
                data-testid="result-submit"
              >
                {t('supply.result.submit')}
              </Button>
              {!declared ? <span className="rt-text-secondary">{t('supply.result.tickFirst')}</span> : null}
            </Space>
          </Form>
        </Card>
      ) : r ? (
        <Card title={<h2 className="rt-card-title">{t('supply.result.facts')}</h2>}>
          <div style={{ marginBottom: 8 }}>
            <ResultTags r={r} />
          </div>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('supply.result.holder')}>{r.organisation.name}</Descriptions.Item>
            <Descriptions.Item label={t('supply.result.description')}>{r.description}</Descriptions.Item>
            <Descriptions.Item label={t('supply.result.patents')}>{r.patents.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('supply.result.priceExpectation')}>
              {r.priceExpectation || '—'}
            </Descriptions.Item>
            {r.declaration ? (
              <Descriptions.Item label={t('supply.result.declarationLegend')}>
                {r.declaration.text}（{fmtDateTime(r.declaration.at)}）
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
      ) : null}
      {r?.abilities.review ? (
        <div style={{ marginTop: 16 }}>
          <ReviewPanel result={r} />
        </div>
      ) : null}
    </QueryState>
  );
}
