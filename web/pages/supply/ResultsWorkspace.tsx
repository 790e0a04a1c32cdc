/**
 * Workspace page of 科技成果: my organisation's results, the confidentiality-review queue of a designated
 * reviewer, applications to take part, and the organisation's reviewer designations (one file per tab in
 * results/). The result editor is ResultEditorPage.tsx.
 */
import { Button, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, download } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Result } from '../../api/supply.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ApplyModal } from './results/ApplyModal.tsx';
import { MyResults } from './results/MyResults.tsx';
import { ReviewQueue } from './results/ReviewQueue.tsx';
import { Applications } from './results/Applications.tsx';
import { Reviewers } from './results/Reviewers.tsx';

export function ResultsWorkspacePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'mine';
  const applyId = params.get('apply');
  const applyTarget = useQuery({
    queryKey: ['results', applyId],
    queryFn: () => api.get<Result>(`/results/${applyId}`),
    enabled: !!applyId,
  });
  const review = useQuery({
    queryKey: ['results', 'review', 'count'],
    queryFn: () => api.get<Page<Result>>('/results', { box: 'review', pageSize: 1 }),
  });
  const closeApply = () =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.delete('apply');
      return n;
    });
  return (
    <>
      <PageHeader
        title={t('supply.results.workspaceTitle')}
        subtitle={t('supply.results.workspaceSubtitle')}
        extra={
          <>
            <Button onClick={() => void download('/results.xlsx', '科技成果.xlsx', { box: 'mine', pageSize: 200 })}>
              {t('common.exportXlsx')}
            </Button>
            <LinkButton to="/workspace/results/new" type="primary" icon={<PlusOutlined />} data-testid="result-create">
              {t('supply.results.create')}
            </LinkButton>
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'mine', label: t('supply.results.tabMine'), children: tab === 'mine' ? <MyResults /> : null },
          {
            key: 'review',
            label: `${t('supply.results.tabReview')}${review.data?.total ? `（${review.data.total}）` : ''}`,
            children: tab === 'review' ? <ReviewQueue /> : null,
          },
          {
            key: 'applications',
            label: t('supply.results.tabApplications'),
            children: tab === 'applications' ? <Applications /> : null,
          },
          {
            key: 'reviewers',
            label: t('supply.results.tabReviewers'),
            children: tab === 'reviewers' ? <Reviewers /> : null,
          },
        ]}
      />
      {applyTarget.data?.abilities.apply ? <ApplyModal result={applyTarget.data} open onClose={closeApply} /> : null}
    </>
  );
}
