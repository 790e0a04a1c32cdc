/**
 * /survey/:token — a participant answers the theme day's satisfaction survey from their personal link, without
 * signing in (the link is the credential; single use, expiring). Phone first: one column, big touch targets,
 * ratings as a row of five, the 0–10 recommendation as eleven buttons (two rows on a phone). The answers are
 * kept in sessionStorage while typing and the browser warns before leaving with unsent answers; submit is
 * disabled while pending; server field errors land on their questions; 404/409/410 are end states.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Input, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api/client.ts';
import { NPS_ENDS, RATING_LABELS, TEXT_MAX_LENGTH, type PublicSurveyView, type Question } from '../../api/surveys.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDate } from '../../components/format.ts';
import { usePageTitle } from '../../hooks/usePageTitle.ts';
import { useT } from '../../i18n/index.tsx';
import { checkAnswers, clearDraft, isBlank, loadDraft, saveDraft, toAnswers, type Draft } from './answers.ts';
import './survey.css';

const END_CODES = ['survey_link_invalid', 'survey_already_answered', 'survey_link_expired', 'survey_closed'];

export function AnswerPage() {
  const { token = '' } = useParams();
  const t = useT();
  const [done, setDone] = useState<string | null>(null);
  const [ended, setEnded] = useState<ApiError | null>(null);
  const q = useQuery({
    queryKey: ['public', 'survey', token],
    queryFn: () => api.get<PublicSurveyView>(`/public/surveys/by-token/${encodeURIComponent(token)}`),
    enabled: !!token && !done && !ended,
    staleTime: Infinity,
  });
  usePageTitle(q.data ? t('surveys.answer.docTitle', { title: q.data.themeDayTitle }) : t('surveys.answer.title'));

  if (done) return <EndState kind="done" detail={done} />;
  const endErr = ended ?? (q.error instanceof ApiError && END_CODES.includes(q.error.code) ? q.error : null);
  if (endErr) return <EndState kind={endErr.code} detail={endErr.display} />;
  if (q.isLoading)
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin description={t('common.loading')} size="large">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </Flex>
    );
  if (q.error || !q.data)
    return (
      <div className="sv-wrap">
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={errorMessage(q.error)}
          action={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
        />
      </div>
    );
  return (
    <SurveyForm
      token={token}
      survey={q.data}
      onDone={(message) => {
        clearDraft(token);
        setDone(message);
      }}
      onEnded={setEnded}
    />
  );
}

function EndState({ kind, detail }: { kind: string; detail: string }) {
  const t = useT();
  const title =
    kind === 'done'
      ? t('surveys.answer.thanks')
      : kind === 'survey_already_answered'
        ? t('surveys.answer.already')
        : kind === 'survey_link_invalid'
          ? t('surveys.answer.invalid')
          : kind === 'survey_link_expired'
            ? t('surveys.answer.expired')
            : t('surveys.answer.closed');
  const status = kind === 'done' || kind === 'survey_already_answered' ? 'success' : 'warning';
  return (
    <div className="sv-wrap" data-testid={`survey-end-${kind}`}>
      <Result
        status={status}
        title={<h1 className="rt-result-title">{title}</h1>}
        subTitle={<span className="rt-text-secondary">{detail}</span>}
      />
    </div>
  );
}

function SurveyForm({
  token,
  survey,
  onDone,
  onEnded,
}: {
  token: string;
  survey: PublicSurveyView;
  onDone: (message: string) => void;
  onEnded: (err: ApiError) => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(token));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const questions = survey.questions;
  const answered = useMemo(() => questions.filter((qq) => !isBlank(draft[qq.key])).length, [questions, draft]);
  const dirty = answered > 0;
  const submitting = useRef(false);

  // Warn before leaving with answers not sent (the draft also survives a reload of this tab).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (submitting.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = (key: string, v: Draft[string]) => {
    const next = { ...draft, [key]: v };
    setDraft(next);
    saveDraft(token, next);
    if (tried) setErrors(checkAnswers(t, questions, next));
    else if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const focusFirst = (errs: Record<string, string>) => {
    const first = questions.find((qq) => errs[qq.key]);
    if (!first) return;
    const el = document.getElementById(`q-${first.key}`);
    el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    el?.focus({ preventScroll: true });
  };

  const submit = useMutation({
    mutationFn: () =>
      api.post<{ ok: true; message: string }>(`/public/surveys/by-token/${encodeURIComponent(token)}`, {
        answers: toAnswers(questions, draft),
      }),
    onMutate: () => {
      submitting.current = true;
    },
    onSuccess: (r) => onDone(r.message),
    onError: (err) => {
      submitting.current = false;
      if (err instanceof ApiError && END_CODES.includes(err.code)) {
        clearDraft(token);
        onEnded(err);
        return;
      }
      if (err instanceof ApiError && err.errors.length) {
        const byKey: Record<string, string> = {};
        const loose: string[] = [];
        for (const e of err.errors) {
          const key = e.field.startsWith('answers.') ? e.field.slice('answers.'.length) : '';
          if (key && questions.some((qq) => qq.key === key)) byKey[key] = e.message;
          else loose.push(e.message);
        }
        setErrors(byKey);
        setBanner([err.display, ...loose].join('；'));
        focusFirst(byKey);
        return;
      }
      setBanner(t('surveys.answer.sendFailed', { reason: errorMessage(err) }));
    },
  });

  const onSubmit = () => {
    if (submit.isPending) return;
    setTried(true);
    setBanner(null);
    const errs = checkAnswers(t, questions, draft);
    setErrors(errs);
    if (Object.keys(errs).length) {
      setBanner(t('surveys.answer.fix', { n: Object.keys(errs).length }));
      focusFirst(errs);
      return;
    }
    submit.mutate();
  };

  const hostCount = questions.length - survey.coreCount;
  return (
    <div className="sv-wrap" data-testid="survey-answer">
      <Card className="sv-card" styles={{ body: { padding: 16 } }}>
        <Typography.Title level={1} className="rt-h1" style={{ fontSize: 21, marginBottom: 4 }}>
          {t('surveys.answer.heading', { title: survey.themeDayTitle })}
        </Typography.Title>
        {survey.hostName ? (
          <div className="rt-text-secondary" style={{ marginBottom: 8 }}>
            {t('surveys.answer.host', { host: survey.hostName })}
          </div>
        ) : null}
        <Typography.Paragraph style={{ fontSize: 15, marginBottom: 8 }}>
          {t('surveys.answer.intro', { n: questions.length, date: fmtDate(survey.closesAt) })}
        </Typography.Paragraph>
        <Alert
          type={survey.anonymous ? 'success' : 'info'}
          showIcon
          data-testid="survey-anonymity"
          title={survey.anonymous ? t('surveys.answer.anonymous') : t('surveys.answer.named')}
          description={survey.anonymous ? t('surveys.answer.anonymousText') : t('surveys.answer.namedText')}
        />
        <div className="rt-text-secondary" style={{ marginTop: 8, fontSize: 13 }}>
          {t('surveys.answer.requiredNote')}
        </div>
      </Card>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {questions.map((qq, i) => (
          <div key={qq.key}>
            {hostCount > 0 && i === survey.coreCount ? (
              <Typography.Title level={2} className="sv-section">
                {t('surveys.answer.hostSection', { host: survey.hostName })}
              </Typography.Title>
            ) : null}
            <QuestionCard
              n={i + 1}
              q={qq}
              value={draft[qq.key] ?? null}
              error={errors[qq.key]}
              onChange={(v) => set(qq.key, v)}
            />
          </div>
        ))}
        <div className="sv-submit-bar">
          {banner ? (
            <Alert type="error" showIcon title={banner} style={{ marginBottom: 8 }} data-testid="survey-banner" />
          ) : null}
          <div className="rt-text-secondary" style={{ fontSize: 13, marginBottom: 6 }} aria-live="polite">
            {t('surveys.answer.progress', { n: answered, total: questions.length })}
          </div>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={submit.isPending}
            disabled={submit.isPending}
            data-testid="survey-submit"
          >
            {t('surveys.answer.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}

function QuestionCard({
  n,
  q,
  value,
  error,
  onChange,
}: {
  n: number;
  q: Question;
  value: Draft[string];
  error: string | undefined;
  onChange: (v: Draft[string]) => void;
}) {
  const t = useT();
  const errId = `q-${q.key}-error`;
  const title = (
    <>
      {n}. {q.text}
      {q.required ? (
        <>
          <span className="sv-req" aria-hidden>
            *
          </span>
          <span className="sv-sr">{t('surveys.answer.requiredSr')}</span>
        </>
      ) : null}
    </>
  );
  const hint =
    q.hint ?? (q.type === 'multiple' && q.maxChoices ? t('surveys.answer.maxChoices', { n: q.maxChoices }) : undefined);
  const clear =
    !q.required && !isBlank(value) && q.type !== 'text' ? (
      <Button type="link" size="small" style={{ paddingInline: 0, marginTop: 4 }} onClick={() => onChange(null)}>
        {t('surveys.answer.clear')}
      </Button>
    ) : null;
  const foot = (
    <>
      {clear}
      {error ? (
        <div className="sv-error" id={errId} role="alert">
          {error}
        </div>
      ) : null}
    </>
  );
  return (
    <Card
      className={`sv-card${error ? ' sv-has-error' : ''}`}
      styles={{ body: { padding: 16 } }}
      data-testid={`q-${q.key}`}
    >
      {q.type === 'text' ? (
        <div id={`q-${q.key}`} tabIndex={-1} style={{ outline: 'none' }}>
          <label className="sv-q-title" htmlFor={`q-${q.key}-input`}>
            {title}
          </label>
          {hint ? <div className="sv-hint">{hint}</div> : null}
          <Input.TextArea
            id={`q-${q.key}-input`}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={q.maxLength ?? TEXT_MAX_LENGTH}
            showCount
            status={error ? 'error' : undefined}
            aria-describedby={error ? errId : undefined}
            style={{ fontSize: 16 }}
            data-testid={`q-${q.key}-input`}
          />
          {foot}
        </div>
      ) : (
        <fieldset
          className="sv-q"
          id={`q-${q.key}`}
          tabIndex={-1}
          style={{ outline: 'none' }}
          aria-describedby={error ? errId : undefined}
        >
          <legend className="sv-q-title">{title}</legend>
          {hint ? <div className="sv-hint">{hint}</div> : null}
          <Answer q={q} value={value} onChange={onChange} />
          {foot}
        </fieldset>
      )}
    </Card>
  );
}

function Answer({ q, value, onChange }: { q: Question; value: Draft[string]; onChange: (v: Draft[string]) => void }) {
  const name = `q-${q.key}-choice`;
  if (q.type === 'rating' || q.type === 'nps') {
    const values = q.type === 'rating' ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // The satisfaction labels fit questions that ask about satisfaction; others explain their scale in the hint.
    const labelled = q.type === 'rating' && q.text.includes('满意');
    return (
      <>
        <div className={`sv-scale ${q.type === 'rating' ? 'sv-scale-5' : 'sv-scale-11'}`}>
          {values.map((v) => {
            const on = value === v;
            const label = labelled ? RATING_LABELS[v as 1 | 2 | 3 | 4 | 5] : undefined;
            return (
              <label key={v} className={`sv-opt${on ? ' is-on' : ''}`} data-testid={`q-${q.key}-${v}`}>
                <input
                  type="radio"
                  name={name}
                  value={v}
                  checked={on}
                  onChange={() => onChange(v)}
                  aria-label={label ? `${v} ${label}` : String(v)}
                />
                <span className="sv-num" aria-hidden>
                  {v}
                </span>
                {label ? (
                  <span className="sv-lab" aria-hidden>
                    {label}
                  </span>
                ) : null}
              </label>
            );
          })}
        </div>
        {q.type === 'nps' ? (
          <div className="sv-ends" aria-hidden>
            <span>0 {NPS_ENDS.low}</span>
            <span>10 {NPS_ENDS.high}</span>
          </div>
        ) : null}
      </>
    );
  }
  if (q.type === 'single')
    return (
      <div className="sv-list">
        {(q.options ?? []).map((o) => {
          const on = value === o.key;
          return (
            <label key={o.key} className={`sv-choice${on ? ' is-on' : ''}`} data-testid={`q-${q.key}-${o.key}`}>
              <input type="radio" name={name} value={o.key} checked={on} onChange={() => onChange(o.key)} />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
    );
  const picked = Array.isArray(value) ? value : [];
  return (
    <div className="sv-list">
      {(q.options ?? []).map((o) => {
        const on = picked.includes(o.key);
        return (
          <label key={o.key} className={`sv-choice${on ? ' is-on' : ''}`} data-testid={`q-${q.key}-${o.key}`}>
            <input
              type="checkbox"
              name={name}
              value={o.key}
              checked={on}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? (q.options ?? []).map((x) => x.key).filter((k) => k === o.key || picked.includes(k))
                    : picked.filter((k) => k !== o.key),
                )
              }
            />
            <span>{o.label}</span>
          </label>
        );
      })}
    </div>
  );
}
