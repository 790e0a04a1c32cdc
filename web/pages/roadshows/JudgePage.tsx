/**
 * The judge's phone page (390 px): one project of the lineup at a time, a 1–10 button row per weighted
 * criterion, a conflict-of-interest switch (hides the scores; the declaration is recorded and the score
 * does not count), investment intent (amount range, 意向签约), submit, then on to the next project.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Project, Roadshow } from '../../api/roadshows.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../components/errors.ts';
import { fmtScore } from '../../components/roadshows/RoadshowParts.tsx';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';

const AMOUNTS: Record<string, [number | null, number | null]> = {
  none: [null, null],
  '0-100': [0, 100],
  '100-500': [100, 500],
  '500-1000': [500, 1000],
  '1000-3000': [1000, 3000],
  '3000-': [3000, null],
};
const amountKey = (min: number | null | undefined, max: number | null | undefined): string =>
  Object.entries(AMOUNTS).find(([, [a, b]]) => a === (min ?? null) && b === (max ?? null))?.[0] ?? 'none';

interface Draft {
  scores: Record<string, number>;
  conflict: boolean;
  conflictReason: string;
  amount: string;
  intentToSign: boolean;
  comment: string;
}

const draftOf = (p: Project): Draft => ({
  scores: p.myScore?.scores ?? {},
  conflict: p.myScore?.conflictOfInterest ?? false,
  conflictReason: p.myScore?.conflictReason ?? '',
  amount: amountKey(p.myScore?.intent?.minWan, p.myScore?.intent?.maxWan),
  intentToSign: p.myScore?.intent?.intentToSign ?? false,
  comment: p.myScore?.comment ?? '',
});

export function JudgePage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const rs = useQuery({ queryKey: ['roadshow', id], queryFn: () => api.get<Roadshow>(`/roadshows/${id}`) });
  const projects = useQuery({
    queryKey: ['roadshow', id, 'judge-projects'],
    queryFn: () =>
      api.get<Page<Project>>(`/roadshows/${id}/projects`, {
        status: 'accepted',
        pageSize: 200,
        sort: 'lineupOrder',
        order: 'asc',
      }),
    enabled: !!rs.data?.myJudge,
  });
  const list = useMemo(() => projects.data?.items ?? [], [projects.data]);
  const [index, setIndex] = useState<number | null>(null);
  // Start at the first project not yet scored.
  if (index === null && list.length) {
    const first = list.findIndex((p) => !p.myScore);
    setIndex(first < 0 ? 0 : first);
  }
  const current = index !== null ? list[index] : undefined;
  const [draft, setDraft] = useState<Draft | null>(null);
  // The draft starts afresh from the project shown whenever that changes (another project, or this one saved).
  const [draftFor, setDraftFor] = useState<Project | undefined>(undefined);
  if (current !== draftFor) {
    setDraftFor(current);
    if (current) setDraft(draftOf(current));
  }
  const [error, setError] = useState<string | null>(null);

  // One key per submission: a double click or a retry with the same score saves it once.
  const submission = useSubmissionKey();
  const save = useMutation({
    mutationFn: ({ p, d }: { p: Project; d: Draft }) => {
      const [minWan, maxWan] = AMOUNTS[d.amount] ?? [null, null];
      const body = {
        conflictOfInterest: d.conflict,
        ...(d.conflict ? { conflictReason: d.conflictReason || undefined } : { scores: d.scores }),
        intent: { minWan, maxWan, intentToSign: d.intentToSign },
        comment: d.comment || undefined,
      };
      return api.put<Project>(`/roadshow-projects/${p.id}/my-score`, body, {
        idempotencyKey: submission.keyFor({ project: p.id, body }),
      });
    },
    onSuccess: async (saved) => {
      submission.done();
      setError(null);
      // One notice per save, however many answers it gets (a double click's second one replays the first).
      void message.success({ content: t('roadshows.judge.saved'), key: 'judge-saved' });
      qc.setQueryData<Page<Project>>(['roadshow', id, 'judge-projects'], (old) =>
        old ? { ...old, items: old.items.map((x) => (x.id === saved.id ? saved : x)) } : old,
      );
      await qc.invalidateQueries({ queryKey: ['roadshow', id, 'ranking'] });
      // The project after the one saved (not "one further"): a second answer for the same save moves nowhere.
      const at = list.findIndex((x) => x.id === saved.id);
      if (at >= 0 && at < list.length - 1) {
        setIndex(at + 1);
        window.scrollTo({ top: 0 });
      }
    },
    onError: (err) => setError(errorMessage(err)),
  });

  const r = rs.data;
  const criteria = r?.criteria ?? [];
  const complete = !!draft && (draft.conflict || criteria.every((c) => draft.scores[c.key] !== undefined));
  const scoredCount = list.filter((p) => p.myScore).length;

  return (
    <div className="rt-judge" style={{ maxWidth: 560, margin: '0 auto' }}>
      <QueryState
        isLoading={rs.isLoading || projects.isLoading}
        error={rs.error ?? projects.error}
        refetch={() => void rs.refetch()}
      >
        {r ? (
          <>
            <PageHeader title={r.title} subtitle={t('roadshows.judge.title')} />
            {!r.myJudge ? (
              <Alert type="warning" showIcon title={t('roadshows.judge.notJudge')} />
            ) : r.status !== 'scoring' ? (
              <Alert
                type="info"
                showIcon
                title={t(r.status === 'closed' ? 'roadshows.judge.closed' : 'roadshows.judge.notOpen')}
                data-testid="judge-not-open"
              />
            ) : current && draft && index !== null ? (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Button
                    size="large"
                    icon={<LeftOutlined />}
                    disabled={index === 0}
                    onClick={() => setIndex(index - 1)}
                    aria-label={t('roadshows.judge.prev')}
                  />
                  <Typography.Text strong data-testid="judge-progress">
                    {t('roadshows.judge.progress', { n: index + 1, total: list.length })}
                  </Typography.Text>
                  <Button
                    size="large"
                    icon={<RightOutlined />}
                    disabled={index >= list.length - 1}
                    onClick={() => setIndex(index + 1)}
                    aria-label={t('roadshows.judge.next')}
                  />
                </Flex>
                {scoredCount === list.length ? (
                  <Alert type="success" showIcon title={t('roadshows.judge.allDone')} />
                ) : null}
                <Card size="small" data-testid="judge-project">
                  <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }} data-testid="judge-project-name">
                    {current.lineupOrder}. {current.name}
                  </Typography.Title>
                  <div style={{ color: '#595959', margin: '4px 0 8px' }}>{current.organisationName}</div>
                  <Space size={[4, 4]} wrap>
                    <Tag>{current.field}</Tag>
                    <Tag>{current.stageLabel}</Tag>
                    <Tag>{t('roadshows.project.needWan', { n: current.financingNeedWan })}</Tag>
                  </Space>
                  {current.summary ? <p style={{ margin: '8px 0 0' }}>{current.summary}</p> : null}
                  <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
                    <a href={current.businessPlan.url} target="_blank" rel="noreferrer">
                      {t('roadshows.judge.bp')}
                    </a>
                    {current.myScore ? (
                      <Tag color="green" data-testid="judge-scored">
                        {current.myScore.conflictOfInterest
                          ? t('roadshows.judge.declared')
                          : t('roadshows.judge.scored', { score: fmtScore(current.myScore.weighted) })}
                      </Tag>
                    ) : null}
                  </Flex>
                </Card>

                <Card size="small">
                  <Flex justify="space-between" align="center" gap={12}>
                    <label htmlFor="judge-conflict" style={{ fontWeight: 600 }}>
                      {t('roadshows.judge.conflict')}
                    </label>
                    <Switch
                      id="judge-conflict"
                      data-testid="judge-conflict"
                      checked={draft.conflict}
                      onChange={(v) => setDraft({ ...draft, conflict: v })}
                    />
                  </Flex>
                  <div style={{ color: '#595959', fontSize: 13, marginTop: 4 }}>
                    {t('roadshows.judge.conflictHint')}
                  </div>
                  {draft.conflict ? (
                    <Input
                      style={{ marginTop: 8 }}
                      size="large"
                      aria-label={t('roadshows.judge.conflictReason')}
                      placeholder={t('roadshows.judge.conflictReason')}
                      value={draft.conflictReason}
                      maxLength={500}
                      onChange={(e) => setDraft({ ...draft, conflictReason: e.target.value })}
                    />
                  ) : null}
                </Card>

                {!draft.conflict ? (
                  <Card size="small" data-testid="judge-scores">
                    {criteria.map((c) => (
                      <div key={c.key} style={{ marginBottom: 14 }}>
                        <Flex justify="space-between" align="baseline" gap={8}>
                          <span id={`crit-${c.key}`} style={{ fontWeight: 600 }}>
                            {c.name}
                          </span>
                          <span style={{ color: '#595959', fontSize: 13 }}>
                            {t('roadshows.judge.weight', { w: c.weight })} · {draft.scores[c.key] ?? '—'} / {r.scoreMax}
                          </span>
                        </Flex>
                        <Radio.Group
                          aria-labelledby={`crit-${c.key}`}
                          optionType="button"
                          buttonStyle="solid"
                          value={draft.scores[c.key]}
                          onChange={(e) =>
                            setDraft({ ...draft, scores: { ...draft.scores, [c.key]: Number(e.target.value) } })
                          }
                          className="rt-score-grid"
                          style={{ display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)', gap: 6, marginTop: 6 }}
                        >
                          {Array.from({ length: r.scoreMax - r.scoreMin + 1 }, (_, i) => r.scoreMin + i).map((v) => (
                            <Radio.Button
                              key={v}
                              value={v}
                              style={{
                                height: 44,
                                lineHeight: '42px',
                                textAlign: 'center',
                                borderRadius: 6,
                                borderInlineStartWidth: 1,
                              }}
                            >
                              <span data-testid={`score-${c.key}-${v}`} style={{ display: 'block' }}>
                                {v}
                              </span>
                            </Radio.Button>
                          ))}
                        </Radio.Group>
                      </div>
                    ))}
                  </Card>
                ) : null}

                <Card size="small" title={<h2 className="rt-card-title">{t('roadshows.judge.intent')}</h2>}>
                  <label htmlFor="judge-amount" style={{ display: 'block', marginBottom: 4 }}>
                    {t('roadshows.judge.amount')}
                  </label>
                  <Select
                    id="judge-amount"
                    data-testid="judge-amount"
                    size="large"
                    style={{ width: '100%' }}
                    value={draft.amount}
                    onChange={(v) => setDraft({ ...draft, amount: v })}
                    options={Object.keys(AMOUNTS).map((k) => ({
                      value: k,
                      label: t(`roadshows.judge.amount.${k}` as MessageKey),
                    }))}
                  />
                  <Checkbox
                    style={{ marginTop: 12, minHeight: 32 }}
                    data-testid="judge-sign"
                    checked={draft.intentToSign}
                    onChange={(e) => setDraft({ ...draft, intentToSign: e.target.checked })}
                  >
                    {t('roadshows.judge.intentToSign')}
                  </Checkbox>
                  <Input.TextArea
                    style={{ marginTop: 12 }}
                    aria-label={t('roadshows.judge.comment')}
                    placeholder={t('roadshows.judge.comment')}
                    autoSize={{ minRows: 2, maxRows: 5 }}
                    maxLength={2000}
                    value={draft.comment}
                    onChange={(e) => setDraft({ ...draft, comment: e.target.value })}
                  />
                </Card>
                {error ? <Alert type="error" showIcon title={error} /> : null}
                <Button
                  type="primary"
                  size="large"
                  block
                  style={{ height: 52, fontSize: 17 }}
                  disabled={!complete}
                  loading={save.isPending}
                  data-testid="judge-submit"
                  onClick={() => save.mutate({ p: current, d: draft })}
                >
                  {index < list.length - 1 ? t('roadshows.judge.submitNext') : t('roadshows.judge.submit')}
                </Button>
              </Space>
            ) : (
              <Alert type="info" showIcon title={t('roadshows.ranking.empty')} />
            )}
          </>
        ) : null}
      </QueryState>
    </div>
  );
}
