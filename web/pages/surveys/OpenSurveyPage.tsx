/**
 * 发起满意度调查 (/workspace/surveys/new?themeDay=…): anonymous or named, how many days the links stay valid,
 * and — for the host base — its own questions after the core ones. Opening invites everyone who took part,
 * each by a personal link in their notifications. Submit is disabled while pending; errors in Chinese on
 * their fields; leaving with unsaved input asks first.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Collapse, Flex, InputNumber, Radio, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { links } from '../../../common/links.ts';
import { checkHostQuestions } from '../../../common/survey-checks.ts';
import type { PublicThemeDayDetail } from '../../../common/contracts/public.ts';
import { ApiError, api } from '../../api/client.ts';
import {
  HOST_QUESTIONS_MAX,
  SURVEY_DAYS_DEFAULT,
  SURVEY_DAYS_MAX,
  type InstrumentList,
  type OpenSurveyBody,
  type Question,
  type SurveyView,
} from '../../api/surveys.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDateRange } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { QuestionList } from './QuestionList.tsx';
import { QuestionsEditor, editorErrors, type EditorErrors } from './QuestionsEditor.tsx';
import { useUnsavedChangesGuard } from '../../hooks/useUnsavedChangesGuard.ts';

export function OpenSurveyPage() {
  const t = useT();
  const [params] = useSearchParams();
  const themeDayId = params.get('themeDay') ?? '';
  const td = useQuery({
    queryKey: ['public', 'theme-day', themeDayId],
    queryFn: () => api.get<PublicThemeDayDetail>(`/public/theme-days/${themeDayId}`),
    enabled: !!themeDayId,
  });
  const instrument = useQuery({
    queryKey: ['surveys', 'instrument'],
    queryFn: () => api.get<InstrumentList>('/surveys/instrument'),
  });
  const title = td.data ? t('surveys.open.titleOf', { title: td.data.title }) : t('surveys.open.title');
  return (
    <>
      <PageHeader
        title={title}
        docTitle={t('surveys.open.title')}
        subtitle={td.data ? fmtDateRange(td.data.startDate, td.data.endDate) : undefined}
      />
      <QueryState
        isLoading={td.isLoading || instrument.isLoading}
        error={themeDayId ? (td.error ?? instrument.error) : new ApiError(404, {})}
        refetch={() => void td.refetch()}
      >
        {td.data && instrument.data ? (
          <OpenForm themeDayId={themeDayId} core={instrument.data.items.find((i) => i.current)?.questions ?? []} />
        ) : null}
      </QueryState>
    </>
  );
}

function OpenForm({ themeDayId, core }: { themeDayId: string; core: Question[] }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const roles: readonly string[] = useMe().data?.roles ?? [];
  const isHost = roles.includes('base_admin');
  const [anonymous, setAnonymous] = useState<boolean | null>(null);
  const [days, setDays] = useState<number | null>(SURVEY_DAYS_DEFAULT);
  const [hostQuestions, setHostQuestions] = useState<Question[]>([]);
  const [errors, setErrors] = useState<EditorErrors>({});
  const [fieldErr, setFieldErr] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useUnsavedChangesGuard(!saved && (anonymous !== null || hostQuestions.length > 0 || days !== SURVEY_DAYS_DEFAULT));

  const open = useMutation({
    mutationFn: (body: OpenSurveyBody) => api.post<SurveyView>(`/theme-days/${themeDayId}/survey`, body),
    onSuccess: (s) => {
      setSaved(true);
      void qc.invalidateQueries({ queryKey: ['surveys'] });
      void message.success(t('surveys.open.done', { n: s.invitations }));
      void navigate(links.survey(s.id));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.errors.length) {
        setErrors(editorErrors(err.errors, 'hostQuestions'));
        const f: Record<string, string> = {};
        for (const e of err.errors) if (!e.field.startsWith('hostQuestions')) f[e.field] = e.message;
        setFieldErr(f);
      }
      setBanner(errorMessage(err));
    },
  });

  const submit = () => {
    setBanner(null);
    const f: Record<string, string> = {};
    if (anonymous === null) f.anonymous = t('surveys.open.pickMode');
    if (days === null) f.days = t('surveys.open.daysRequired');
    const hq = checkHostQuestions(hostQuestions, 'hostQuestions');
    const blank = hostQuestions.flatMap((q, i) => [
      ...(q.text.trim().length < 2
        ? [{ field: `hostQuestions.${i}.text`, message: t('surveys.editor.textRequired') }]
        : []),
      ...((q.options ?? []).some((o) => !o.label.trim())
        ? [{ field: `hostQuestions.${i}.options`, message: t('surveys.editor.optionRequired') }]
        : []),
    ]);
    setFieldErr(f);
    setErrors(editorErrors([...hq, ...blank], 'hostQuestions'));
    if (Object.keys(f).length || hq.length || blank.length) {
      setBanner(t('surveys.open.fix'));
      return;
    }
    open.mutate({ anonymous: anonymous!, days: days!, hostQuestions });
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 900 }}>
      <Card size="small" title={<h2 className="rt-card-title">{t('surveys.open.settings')}</h2>}>
        <Typography.Paragraph>{t('surveys.open.explain')}</Typography.Paragraph>
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>{t('surveys.open.mode')}</legend>
          <Radio.Group
            value={anonymous === null ? undefined : anonymous ? 'anonymous' : 'named'}
            onChange={(e) => setAnonymous(e.target.value === 'anonymous')}
            data-testid="survey-mode"
          >
            <Space direction="vertical">
              <Radio value="named" data-testid="survey-mode-named">
                <strong>{t('surveys.named')}</strong>
                <span className="rt-text-secondary"> — {t('surveys.open.namedText')}</span>
              </Radio>
              <Radio value="anonymous" data-testid="survey-mode-anonymous">
                <strong>{t('surveys.anonymous')}</strong>
                <span className="rt-text-secondary"> — {t('surveys.open.anonymousText')}</span>
              </Radio>
            </Space>
          </Radio.Group>
          {fieldErr.anonymous ? (
            <Typography.Paragraph type="danger" role="alert" style={{ margin: '6px 0 0' }}>
              {fieldErr.anonymous}
            </Typography.Paragraph>
          ) : null}
        </fieldset>
        <label htmlFor="survey-days" style={{ fontWeight: 600, display: 'block', marginBottom: 6 }}>
          {t('surveys.open.days')}
        </label>
        <Space wrap>
          <InputNumber
            id="survey-days"
            min={1}
            max={SURVEY_DAYS_MAX}
            value={days}
            onChange={(v) => setDays(typeof v === 'number' ? v : null)}
            status={fieldErr.days ? 'error' : undefined}
            data-testid="survey-days"
          />
          <span className="rt-text-secondary">{t('surveys.open.daysHint', { max: SURVEY_DAYS_MAX })}</span>
        </Space>
        {fieldErr.days ? (
          <Typography.Paragraph type="danger" role="alert" style={{ margin: '6px 0 0' }}>
            {fieldErr.days}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card size="small" title={<h2 className="rt-card-title">{t('surveys.questions.core', { n: core.length })}</h2>}>
        <Typography.Paragraph className="rt-text-secondary">{t('surveys.questions.coreNote')}</Typography.Paragraph>
        <Collapse
          size="small"
          items={[{ key: 'core', label: t('surveys.questions.showCore'), children: <QuestionList questions={core} /> }]}
        />
      </Card>
      <Card size="small" title={<h2 className="rt-card-title">{t('surveys.questions.host')}</h2>}>
        {isHost ? (
          <>
            <Typography.Paragraph className="rt-text-secondary">
              {t('surveys.questions.hostNote', { max: HOST_QUESTIONS_MAX })}
            </Typography.Paragraph>
            <QuestionsEditor
              mode="host"
              value={hostQuestions}
              onChange={setHostQuestions}
              errors={errors}
              startAt={core.length + 1}
              max={HOST_QUESTIONS_MAX}
              testId="host-questions"
            />
          </>
        ) : (
          <Typography.Paragraph className="rt-text-secondary">{t('surveys.questions.hostOnly')}</Typography.Paragraph>
        )}
      </Card>
      {banner ? <Alert type="error" showIcon title={banner} data-testid="survey-open-error" /> : null}
      <Flex gap={8}>
        <Button
          type="primary"
          onClick={submit}
          loading={open.isPending}
          disabled={open.isPending}
          data-testid="survey-open-submit"
        >
          {t('surveys.open.submit')}
        </Button>
        <Button onClick={() => void navigate(links.surveys())}>{t('common.cancel')}</Button>
      </Flex>
    </Flex>
  );
}
