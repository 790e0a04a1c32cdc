/**
 * A theme day's survey (/workspace/surveys/:id): its state, the invitations by why each person was invited,
 * answers and response rate; the host's own questions (editable until the first answer); actions by the
 * survey's abilities — see results, invite participants found since opening, close.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Flex, Progress, Row, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { links } from '../../../common/links.ts';
import { checkHostQuestions } from '../../../common/survey-checks.ts';
import { ApiError, api } from '../../api/client.ts';
import {
  HOST_QUESTIONS_MAX,
  PARTICIPATION_KINDS,
  PARTICIPATION_LABELS,
  type InviteResult,
  type Question,
  type SurveyView,
} from '../../api/surveys.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/index.tsx';
import { QuestionList } from './QuestionList.tsx';
import { QuestionsEditor, editorErrors, type EditorErrors } from './QuestionsEditor.tsx';
import { useUnsavedChangesGuard } from '../../hooks/useUnsavedChangesGuard.ts';
import { SurveyStatusTag, pct } from './shared.tsx';
import './survey.css';

export function SurveyPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['surveys', 'one', id], queryFn: () => api.get<SurveyView>(`/surveys/${id}`) });
  const s = q.data;
  return (
    <>
      <PageHeader
        title={s ? t('surveys.page.title', { title: s.themeDay?.title ?? '' }) : t('nav.surveys')}
        subtitle={s ? <SurveyStatusTag status={s.status} testId="survey-status" /> : undefined}
        extra={s ? <Actions s={s} /> : undefined}
      />
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
        {s ? <Body s={s} /> : null}
      </QueryState>
    </>
  );
}

function Actions({ s }: { s: SurveyView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const put = (v: SurveyView) => {
    qc.setQueryData(['surveys', 'one', v.id], v);
    void qc.invalidateQueries({ queryKey: ['surveys', 'list'] });
  };
  const invite = useMutation({
    mutationFn: () => api.post<InviteResult>(`/surveys/${s.id}/invite`),
    onSuccess: (r) => {
      put(r.survey);
      void message.success(r.invited ? t('surveys.page.invited', { n: r.invited }) : t('surveys.page.invitedNone'));
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const close = useMutation({
    mutationFn: () => api.post<SurveyView>(`/surveys/${s.id}/close`),
    onSuccess: (v) => {
      put(v);
      void message.success(t('surveys.page.closed'));
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  return (
    <Space wrap>
      {s.abilities.seeResults ? (
        <LinkButton type="primary" to={links.surveyResults(s.id)} data-testid="survey-see-results">
          {t('surveys.seeResults')}
        </LinkButton>
      ) : null}
      {s.abilities.inviteMore ? (
        <Button
          loading={invite.isPending}
          disabled={invite.isPending}
          onClick={() =>
            modal.confirm({
              title: t('surveys.page.inviteConfirm'),
              content: t('surveys.page.inviteExplain'),
              okText: t('surveys.page.invite'),
              cancelText: t('common.cancel'),
              onOk: () => invite.mutateAsync().catch(() => undefined),
            })
          }
          data-testid="survey-invite"
        >
          {t('surveys.page.invite')}
        </Button>
      ) : null}
      {s.abilities.close ? (
        <Button
          danger
          loading={close.isPending}
          disabled={close.isPending}
          onClick={() =>
            modal.confirm({
              title: t('surveys.page.closeConfirm'),
              content: t('surveys.page.closeExplain'),
              okText: t('surveys.page.close'),
              okButtonProps: { danger: true },
              cancelText: t('common.cancel'),
              onOk: () => close.mutateAsync().catch(() => undefined),
            })
          }
          data-testid="survey-close"
        >
          {t('surveys.page.close')}
        </Button>
      ) : null}
      <LinkButton to={links.surveys()}>{t('surveys.page.back')}</LinkButton>
    </Space>
  );
}

function Body({ s }: { s: SurveyView }) {
  const t = useT();
  const rate = s.invitations ? s.answers / s.invitations : null;
  const max = Math.max(1, ...PARTICIPATION_KINDS.map((k) => s.invitedBy[k] ?? 0));
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={<h2 className="rt-card-title">{t('surveys.page.about')}</h2>}
            style={{ height: '100%' }}
          >
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'mode',
                  label: t('surveys.page.mode'),
                  children: s.anonymous ? t('surveys.anonymous') : t('surveys.named'),
                },
                {
                  key: 'version',
                  label: t('surveys.page.version'),
                  children: t('surveys.page.versionN', { n: s.coreVersion }),
                },
                { key: 'opens', label: t('surveys.page.opensAt'), children: fmtDateTime(s.opensAt) },
                { key: 'closes', label: t('surveys.page.closesAt'), children: fmtDate(s.closesAt) },
                ...(s.closedAt
                  ? [{ key: 'closed', label: t('surveys.page.closedAt'), children: fmtDateTime(s.closedAt) }]
                  : []),
              ]}
            />
            {s.anonymous ? (
              <Typography.Paragraph className="rt-text-secondary" style={{ fontSize: 12, margin: 0 }}>
                {t('surveys.page.anonymousNote')}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={<h2 className="rt-card-title">{t('surveys.page.counts')}</h2>}
            style={{ height: '100%' }}
          >
            <Flex gap={24} wrap style={{ marginBottom: 12 }}>
              <div>
                <div className="rt-text-secondary">{t('surveys.page.invitations')}</div>
                <div style={{ fontSize: 24, fontWeight: 600 }} data-testid="survey-invitations">
                  {s.invitations}
                </div>
              </div>
              <div>
                <div className="rt-text-secondary">{t('surveys.page.answers')}</div>
                <div style={{ fontSize: 24, fontWeight: 600 }} data-testid="survey-answers">
                  {s.answers}
                </div>
              </div>
              <div>
                <div className="rt-text-secondary">{t('surveys.page.rate')}</div>
                <div style={{ fontSize: 24, fontWeight: 600 }} data-testid="survey-rate">
                  {pct(rate)}
                </div>
              </div>
            </Flex>
            <div className="rt-text-secondary" style={{ marginBottom: 6 }}>
              {t('surveys.page.invitedBy')}
            </div>
            {PARTICIPATION_KINDS.map((k) => (
              <div className="sv-bar-row" key={k} data-testid={`invited-by-${k}`}>
                <span>{PARTICIPATION_LABELS[k]}</span>
                <Progress
                  percent={((s.invitedBy[k] ?? 0) / max) * 100}
                  showInfo={false}
                  status="normal"
                  size="small"
                  aria-label={PARTICIPATION_LABELS[k]}
                />
                <span style={{ textAlign: 'right' }}>{t('surveys.people', { n: s.invitedBy[k] ?? 0 })}</span>
              </div>
            ))}
            <Typography.Paragraph className="rt-text-secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
              {t('surveys.page.invitedByNote')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={<h2 className="rt-card-title">{t('surveys.questions.core', { n: s.coreQuestions.length })}</h2>}
      >
        <QuestionList questions={s.coreQuestions} />
      </Card>
      <HostQuestionsCard s={s} />
    </Flex>
  );
}

function HostQuestionsCard({ s }: { s: SurveyView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [draft, setDraft] = useState<Question[] | null>(null);
  const [errors, setErrors] = useState<EditorErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  useUnsavedChangesGuard(draft !== null);
  const save = useMutation({
    mutationFn: (questions: Question[]) => api.put<SurveyView>(`/surveys/${s.id}/host-questions`, { questions }),
    onSuccess: (v) => {
      qc.setQueryData(['surveys', 'one', v.id], v);
      setDraft(null);
      setErrors({});
      setBanner(null);
      void message.success(t('surveys.questions.saved'));
    },
    onError: (err) => {
      if (err instanceof ApiError) setErrors(editorErrors(err.errors, 'questions'));
      setBanner(errorMessage(err));
    },
  });
  const start = s.coreQuestions.length + 1;
  const onSave = () => {
    if (!draft) return;
    const blank = draft.flatMap((q, i) => [
      ...(q.text.trim().length < 2
        ? [{ field: `questions.${i}.text`, message: t('surveys.editor.textRequired') }]
        : []),
      ...((q.options ?? []).some((o) => !o.label.trim())
        ? [{ field: `questions.${i}.options`, message: t('surveys.editor.optionRequired') }]
        : []),
    ]);
    const errs = [...checkHostQuestions(draft, 'questions'), ...blank];
    setErrors(editorErrors(errs, 'questions'));
    if (errs.length) {
      setBanner(t('surveys.open.fix'));
      return;
    }
    save.mutate(draft);
  };
  return (
    <Card
      size="small"
      title={<h2 className="rt-card-title">{t('surveys.questions.host')}</h2>}
      extra={
        s.abilities.editQuestions && !draft ? (
          <Button size="small" onClick={() => setDraft(s.hostQuestions)} data-testid="host-questions-edit">
            {t('surveys.questions.edit')}
          </Button>
        ) : null
      }
    >
      {draft ? (
        <>
          <Typography.Paragraph className="rt-text-secondary">
            {t('surveys.questions.hostNote', { max: HOST_QUESTIONS_MAX })}
          </Typography.Paragraph>
          <QuestionsEditor
            mode="host"
            value={draft}
            onChange={setDraft}
            errors={errors}
            startAt={start}
            max={HOST_QUESTIONS_MAX}
            testId="host-questions"
          />
          {banner ? <Alert type="error" showIcon title={banner} style={{ marginTop: 12 }} /> : null}
          <Flex gap={8} style={{ marginTop: 12 }}>
            <Button type="primary" onClick={onSave} loading={save.isPending} disabled={save.isPending}>
              {t('common.save')}
            </Button>
            <Button
              onClick={() => {
                setDraft(null);
                setErrors({});
                setBanner(null);
              }}
            >
              {t('common.cancel')}
            </Button>
          </Flex>
        </>
      ) : s.hostQuestions.length ? (
        <QuestionList questions={s.hostQuestions} startAt={start} />
      ) : (
        <Typography.Paragraph className="rt-text-secondary" style={{ margin: 0 }}>
          {t('surveys.questions.noHost')}
        </Typography.Paragraph>
      )}
      {!draft && !s.abilities.editQuestions && s.status === 'open' && s.answers > 0 ? (
        <Typography.Paragraph className="rt-text-secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('surveys.questions.locked')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
