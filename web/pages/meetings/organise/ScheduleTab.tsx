/** The scheduler: start a run in the background, watch the best total of breaks, the lower bound and the time, stop keeping the best. */
import { useEffect, useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  InputNumber,
  Progress,
  Row,
  Space,
  Statistic,
  Switch,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { RUN_SECONDS, type MeetingSession, type ScheduleRun } from '../../../api/meetings.ts';
import type { Page } from '../../../api/types.ts';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { errorMessage } from '../../../components/errors.ts';
import { useT } from '../../../i18n/index.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { joinSentences, runNotes } from './runNotes.ts';

export function ScheduleTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [seconds, setSeconds] = useState<number>(RUN_SECONDS.default);
  const [allowMoves, setAllowMoves] = useState(false);
  const runs = useQuery({
    queryKey: ['meetings', 'runs', s.id],
    queryFn: () => api.get<Page<ScheduleRun>>(`/meeting-sessions/${s.id}/schedule-runs`, { pageSize: 1 }),
  });
  const latest = runs.data?.items[0];
  const [runId, setRunId] = useState<string | null>(null);
  const id = runId ?? latest?.id ?? null;
  const run = useQuery({
    queryKey: ['meetings', 'run', id],
    queryFn: () => api.get<ScheduleRun>(`/schedule-runs/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 400 : false),
  });
  const r = run.data;
  useEffect(() => {
    if (r && r.status !== 'running') void qc.invalidateQueries({ queryKey: ['meetings', 'preview', r.id] });
  }, [r?.status, r?.id, qc, r]);
  const start = useMutation({
    mutationFn: () =>
      api.post<ScheduleRun>(`/meeting-sessions/${s.id}/schedule-runs`, { timeLimitSeconds: seconds, allowMoves }),
    onSuccess: (x) => {
      setRunId(x.id);
      qc.setQueryData(['meetings', 'run', x.id], x);
      void runs.refetch();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const stop = useMutation({
    mutationFn: () => api.post<ScheduleRun>(`/schedule-runs/${id}/stop`),
    onSuccess: (x) => qc.setQueryData(['meetings', 'run', x.id], x),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const running = r?.status === 'running';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <h2 className="rt-card-title">{s.publishedAt ? t('meetings.incrementalTitle') : t('meetings.runTitle')}</h2>
        }
      >
        <Typography.Paragraph className="rt-muted">
          {s.publishedAt ? t('meetings.incrementalHelp') : t('meetings.runHelp')}
        </Typography.Paragraph>
        <Flex gap={16} align="center" wrap>
          <label htmlFor="run-seconds">{t('meetings.timeLimit')}</label>
          <InputNumber
            id="run-seconds"
            min={1}
            max={RUN_SECONDS.max}
            value={seconds}
            onChange={(v) => setSeconds(v ?? RUN_SECONDS.default)}
            suffix={t('meetings.seconds')}
            style={{ width: 120 }}
          />
          {s.publishedAt ? (
            <Space>
              <Switch checked={allowMoves} onChange={setAllowMoves} id="allow-moves" data-testid="allow-moves" />
              <label htmlFor="allow-moves">{t('meetings.allowMoves')}</label>
            </Space>
          ) : null}
          <Button
            type="primary"
            loading={start.isPending}
            disabled={running}
            onClick={() => start.mutate()}
            data-testid="run-start"
          >
            {latest ? t('meetings.runAgain') : t('meetings.runStart')}
          </Button>
        </Flex>
      </Card>
      {r ? (
        <Card title={<h2 className="rt-card-title">{t('meetings.progress')}</h2>} data-testid="run-progress">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic
                title={t('meetings.bestBreaks')}
                value={r.bestBreaks ?? '—'}
                valueStyle={{ color: '#135200' }}
              />
              <span data-testid="run-best" data-value={r.bestBreaks ?? ''} hidden />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('meetings.lowerBound')} value={r.lowerBound ?? '—'} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('meetings.elapsed')}
                value={(r.elapsedMs / 1000).toFixed(1)}
                suffix={t('meetings.seconds')}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('meetings.meetingsCount')} value={r.meetings} />
            </Col>
          </Row>
          <Progress
            percent={running ? Math.min(99, Math.round((r.elapsedMs / r.timeLimitMs) * 100)) : 100}
            status={r.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
            aria-label={t('meetings.progress')}
          />
          <Flex gap={12} align="center" wrap>
            <span data-testid="run-status">
              {running ? (
                <ToneTag tone="blue">
                  {r.stopRequested ? t('meetings.run.stopping') : t('meetings.run.running')}
                </ToneTag>
              ) : r.status === 'failed' ? (
                <ToneTag tone="red">{t('meetings.run.failed')}</ToneTag>
              ) : r.status === 'published' ? (
                <ToneTag tone="green">{t('meetings.run.published')}</ToneTag>
              ) : (
                <ToneTag tone="green">{t('meetings.run.finished')}</ToneTag>
              )}
            </span>
            {r.provedOptimal ? <ToneTag tone="green">{t('meetings.provedOptimal')}</ToneTag> : null}
            {r.feasible === false ? <ToneTag tone="orange">{t('meetings.notFeasible')}</ToneTag> : null}
            {r.abilities.stop ? (
              <Button
                danger
                onClick={() => stop.mutate()}
                loading={stop.isPending}
                disabled={r.stopRequested}
                data-testid="run-stop"
              >
                {t('meetings.stopKeepBest')}
              </Button>
            ) : null}
            <span className="rt-muted">{t('meetings.startedAt', { at: fmtDateTime(r.startedAt) })}</span>
          </Flex>
          {!running && (r.gap || r.exactStatus || r.workerMemoryMb != null) ? (
            <Typography.Paragraph
              className="rt-muted"
              style={{ marginTop: 12, marginBottom: 0 }}
              data-testid="run-exact"
            >
              {joinSentences(runNotes(t, r))}
            </Typography.Paragraph>
          ) : null}
          {r.error ? <Alert type="error" showIcon title={r.error} style={{ marginTop: 12 }} /> : null}
        </Card>
      ) : runs.isSuccess ? (
        <Empty description={t('meetings.noRunYet')} />
      ) : null}
      {r && (r.status === 'finished' || r.status === 'published') ? (
        <PreviewPanel s={s} run={r} onPublished={() => void runs.refetch()} />
      ) : null}
    </Space>
  );
}
