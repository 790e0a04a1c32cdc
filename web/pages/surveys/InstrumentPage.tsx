/**
 * 核心问卷 (/workspace/surveys/instrument): every version of the core instrument (version 1 built in, later
 * ones published by NDRC); new surveys take the current one, surveys already opened keep theirs. NDRC
 * publishes a new version starting from the current questions (keys stay stable so results compare by key).
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Collapse, Flex, Input, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { links } from '../../../common/links.ts';
import { checkCoreQuestions } from '../../../common/survey-checks.ts';
import { ApiError, api } from '../../api/client.ts';
import type { InstrumentBody, InstrumentList, InstrumentView, Question } from '../../api/surveys.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDate } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/index.tsx';
import { QuestionList } from './QuestionList.tsx';
import { QuestionsEditor, editorErrors, type EditorErrors } from './QuestionsEditor.tsx';
import { useUnsavedChangesGuard } from '../../hooks/useUnsavedChangesGuard.ts';

export function InstrumentPage() {
  const t = useT();
  const q = useQuery({
    queryKey: ['surveys', 'instrument'],
    queryFn: () => api.get<InstrumentList>('/surveys/instrument'),
  });
  const [editing, setEditing] = useState(false);
  const current = q.data?.items.find((i) => i.current);
  return (
    <>
      <PageHeader
        title={t('surveys.instrument.title')}
        subtitle={t('surveys.instrument.subtitle')}
        extra={
          <>
            {q.data?.abilities.publish && !editing ? (
              <Button type="primary" onClick={() => setEditing(true)} data-testid="instrument-new">
                {t('surveys.instrument.new')}
              </Button>
            ) : null}
            <LinkButton to={links.surveys()}>{t('surveys.page.back')}</LinkButton>
          </>
        }
      />
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
        {q.data ? (
          <Flex vertical gap={16}>
            {editing && current ? <Publish current={current} onDone={() => setEditing(false)} /> : null}
            {/* Keyed by the current version: after a publication the new current version opens. */}
            <Collapse
              key={current?.version ?? 0}
              defaultActiveKey={current ? [String(current.version)] : []}
              items={[...q.data.items].reverse().map((v) => ({
                key: String(v.version),
                label: (
                  <Flex gap={8} wrap align="center">
                    <strong>{t('surveys.page.versionN', { n: v.version })}</strong>
                    {v.current ? <Tag color="blue">{t('surveys.instrument.current')}</Tag> : null}
                    <span className="rt-text-secondary">
                      {v.publishedAt
                        ? t('surveys.instrument.publishedOn', { date: fmtDate(v.publishedAt) })
                        : t('surveys.instrument.builtIn')}
                    </span>
                  </Flex>
                ),
                children: (
                  <>
                    <Typography.Paragraph>{v.note}</Typography.Paragraph>
                    <QuestionList questions={v.questions} />
                  </>
                ),
              }))}
            />
          </Flex>
        ) : null}
      </QueryState>
    </>
  );
}

function Publish({ current, onDone }: { current: InstrumentView; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [questions, setQuestions] = useState<Question[]>(current.questions);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<EditorErrors>({});
  const [noteErr, setNoteErr] = useState<string | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  useUnsavedChangesGuard(questions !== current.questions || note.trim() !== '');
  const publish = useMutation({
    mutationFn: (body: InstrumentBody) => api.post<InstrumentView>('/surveys/instrument', body),
    onSuccess: (v) => {
      void qc.invalidateQueries({ queryKey: ['surveys', 'instrument'] });
      void message.success(t('surveys.instrument.published', { n: v.version }));
      onDone();
    },
    onError: (err) => {
      if (err instanceof ApiError) {
        setErrors(editorErrors(err.errors, 'questions'));
        setNoteErr(err.errors.find((e) => e.field === 'note')?.message ?? null);
      }
      setBanner(errorMessage(err));
    },
  });
  const submit = () => {
    setBanner(null);
    const errs = [
      ...checkCoreQuestions(questions, 'questions'),
      ...questions.flatMap((q, i) =>
        q.text.trim().length < 2 ? [{ field: `questions.${i}.text`, message: t('surveys.editor.textRequired') }] : [],
      ),
    ];
    setErrors(editorErrors(errs, 'questions'));
    const nErr = note.trim().length < 2 ? t('surveys.instrument.noteRequired') : null;
    setNoteErr(nErr);
    if (errs.length || nErr) {
      setBanner(t('surveys.open.fix'));
      return;
    }
    modal.confirm({
      title: t('surveys.instrument.confirm', { n: current.version + 1 }),
      content: t('surveys.instrument.confirmText'),
      okText: t('surveys.instrument.publish'),
      cancelText: t('common.cancel'),
      onOk: () => publish.mutateAsync({ questions, note: note.trim() }).catch(() => undefined),
    });
  };
  return (
    <Card
      size="small"
      title={<h2 className="rt-card-title">{t('surveys.instrument.newOf', { n: current.version + 1 })}</h2>}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('surveys.instrument.editorNote')} />
      <label htmlFor="instrument-note" style={{ fontWeight: 600, display: 'block', marginBottom: 6 }}>
        {t('surveys.instrument.note')}
      </label>
      <Input.TextArea
        id="instrument-note"
        value={note}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 4 }}
        onChange={(e) => setNote(e.target.value)}
        status={noteErr ? 'error' : undefined}
      />
      {noteErr ? (
        <Typography.Paragraph type="danger" role="alert" style={{ margin: '4px 0 0' }}>
          {noteErr}
        </Typography.Paragraph>
      ) : null}
      <div style={{ marginTop: 16 }}>
        <QuestionsEditor
          mode="core"
          value={questions}
          onChange={setQuestions}
          errors={errors}
          max={40}
          testId="core-questions"
        />
      </div>
      {banner ? <Alert type="error" showIcon title={banner} style={{ marginTop: 12 }} /> : null}
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Button type="primary" onClick={submit} loading={publish.isPending} disabled={publish.isPending}>
          {t('surveys.instrument.publish')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Flex>
    </Card>
  );
}
