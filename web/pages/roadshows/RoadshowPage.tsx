/**
 * One roadshow in the workspace. For the host's staff: screening, lineup, judges, weighted criteria, the
 * live ranking (refreshed every 5 s), open/close scoring, the .xlsx export. For everyone else: what it is,
 * the apply button while projects are collected and, for judges, the way to the phone scoring page.
 */
import { Alert, App as AntApp, Button, Card, Descriptions, Popconfirm, Space, Tabs } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api, download } from '../../api/client.ts';
import type { Roadshow } from '../../api/roadshows.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { RoadshowStatusTag } from '../../components/roadshows/RoadshowParts.tsx';
import { ProjectsTab } from './roadshow/ProjectsTab.tsx';
import { LineupTab } from './roadshow/LineupTab.tsx';
import { JudgesTab } from './roadshow/JudgesTab.tsx';
import { CriteriaTab } from './roadshow/CriteriaTab.tsx';
import { RankingTab } from './roadshow/RankingTab.tsx';

function useRoadshow(id: string) {
  return useQuery({ queryKey: ['roadshow', id], queryFn: () => api.get<Roadshow>(`/roadshows/${id}`) });
}

export function RoadshowPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const rs = useRoadshow(id);
  const [params, setParams] = useSearchParams();
  const r = rs.data;
  const staff = !!r?.abilities.screen || !!r?.abilities.export;
  const refresh = () => qc.invalidateQueries({ queryKey: ['roadshow', id] });
  const transition = useMutation({
    mutationFn: (path: 'open-scoring' | 'close') => api.post<Roadshow>(`/roadshows/${id}/${path}`),
    onSuccess: async (_d, path) => {
      message.success(path === 'close' ? t('roadshows.manage.closed') : t('roadshows.manage.openScoring'));
      await refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  return (
    <QueryState isLoading={rs.isLoading} error={rs.error} refetch={() => void rs.refetch()}>
      {r ? (
        <>
          <PageHeader
            title={r.title}
            subtitle={
              <Space wrap size={8}>
                <RoadshowStatusTag status={r.status} />
                <span data-testid="roadshow-facts">
                  {t('roadshows.manage.facts', {
                    accepted: r.counts.accepted,
                    submitted: r.counts.submitted,
                    rejected: r.counts.rejected,
                    judges: r.counts.judges,
                  })}
                </span>
              </Space>
            }
            extra={
              <>
                <LinkButton to="/workspace/roadshows">{t('common.back')}</LinkButton>
                {r.status === 'closed' ? (
                  <LinkButton to={`/roadshows/${r.id}`}>{t('roadshows.manage.publicPage')}</LinkButton>
                ) : null}
                {r.myJudge ? (
                  <LinkButton to={`/workspace/roadshows/${r.id}/judge`} type="primary">
                    {t('roadshows.manage.judgePage')}
                  </LinkButton>
                ) : null}
                {r.abilities.apply ? (
                  <LinkButton
                    to={`/workspace/roadshows/${r.id}/apply`}
                    type={staff ? 'default' : 'primary'}
                    data-testid="apply-link"
                  >
                    {t('roadshows.action.apply')}
                  </LinkButton>
                ) : null}
                {r.abilities.export ? (
                  <Button
                    icon={<DownloadOutlined />}
                    data-testid="export-xlsx"
                    onClick={() =>
                      void download(`/roadshows/${r.id}/scores.xlsx`, `${r.title}-评分.xlsx`).catch((e: unknown) =>
                        message.error(errorMessage(e)),
                      )
                    }
                  >
                    {t('roadshows.manage.export')}
                  </Button>
                ) : null}
                {r.abilities.openScoring ? (
                  <Popconfirm
                    title={t('roadshows.manage.openScoringConfirm')}
                    onConfirm={() => transition.mutate('open-scoring')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                  >
                    <Button type="primary" loading={transition.isPending} data-testid="open-scoring">
                      {t('roadshows.manage.openScoring')}
                    </Button>
                  </Popconfirm>
                ) : null}
                {r.abilities.close ? (
                  <Popconfirm
                    title={t('roadshows.manage.closeConfirm')}
                    onConfirm={() => transition.mutate('close')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                  >
                    <Button type="primary" danger loading={transition.isPending} data-testid="close-scoring">
                      {t('roadshows.manage.close')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </>
            }
          />
          {staff ? (
            <Tabs
              activeKey={params.get('tab') ?? (r.status === 'collecting' ? 'projects' : 'ranking')}
              onChange={(k) => setParams({ tab: k }, { replace: true })}
              items={[
                { key: 'projects', label: t('roadshows.manage.projects'), children: <ProjectsTab r={r} /> },
                { key: 'lineup', label: t('roadshows.manage.lineup'), children: <LineupTab r={r} /> },
                { key: 'judges', label: t('roadshows.manage.judges'), children: <JudgesTab r={r} /> },
                { key: 'criteria', label: t('roadshows.manage.criteria'), children: <CriteriaTab r={r} /> },
                { key: 'ranking', label: t('roadshows.manage.ranking'), children: <RankingTab r={r} /> },
              ]}
            />
          ) : (
            <Card>
              <Alert type="info" showIcon title={t('roadshows.manage.notStaff')} style={{ marginBottom: 16 }} />
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('roadshows.public.criteria')}>
                  {r.criteria.map((c) => `${c.name} ${c.weight}%`).join('、')}
                </Descriptions.Item>
                {r.applicationsCloseAt ? (
                  <Descriptions.Item label={t('roadshows.create.applicationsCloseAt')}>
                    {fmtDateTime(r.applicationsCloseAt)}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
              {!r.abilities.apply ? <Alert type="warning" showIcon title={t('roadshows.apply.closed')} /> : null}
            </Card>
          )}
        </>
      ) : null}
    </QueryState>
  );
}
