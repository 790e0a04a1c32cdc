/**
 * 成功案例 in the workspace (/workspace/cases): the success cases the caller may see (its organisation's
 * projects; for a host, its theme day's; for NDRC, all), with their status. A case is proposed from its
 * cooperation project's page; a party agrees or declines on the case's page, NDRC publishes it.
 */
import { Empty, Flex, Select, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  type CaseList,
  type CaseStatus,
  type CaseView,
} from '../../api/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDate } from '../../components/format.ts';
import { projectPath } from '../projects/parts/shared.tsx';
import { CaseStatusTag, casePath } from './shared.tsx';

export function CasesWorkspacePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = CASE_STATUSES.includes(raw as CaseStatus) ? (raw as CaseStatus) : null;
  const page = Number(params.get('page') ?? 1) || 1;
  const set = (k: string, v: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (v) next.set(k, v);
      else next.delete(k);
      if (k !== 'page') next.delete('page');
      return next;
    });
  const cases = useQuery({
    queryKey: ['cases', 'list', status, page],
    queryFn: () => api.get<CaseList>('/cases', { status, page, pageSize: 20 }),
  });
  return (
    <>
      <PageHeader
        title={t('publicity.cases.title')}
        subtitle={t('publicity.cases.subtitle')}
        extra={<LinkButton to="/cases">{t('publicity.cases.portal')}</LinkButton>}
      />
      <Typography.Paragraph type="secondary" data-testid="cases-how">
        {t('publicity.cases.how')}{' '}
        <Link to="/workspace/projects" style={{ textDecoration: 'underline' }}>
          {t('publicity.cases.howLink')}
        </Link>
      </Typography.Paragraph>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Select<CaseStatus>
          allowClear
          aria-label={t('publicity.news.status')}
          placeholder={t('publicity.news.statusAll')}
          value={status ?? undefined}
          onChange={(v) => set('status', v ?? null)}
          style={{ minWidth: 160 }}
          options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
        />
      </Flex>
      <QueryState isLoading={cases.isLoading} error={cases.error} refetch={() => void cases.refetch()}>
        <Table<CaseView>
          rowKey="id"
          data-testid="cases-table"
          dataSource={cases.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: cases.data?.total ?? 0,
            onChange: (p) => set('page', String(p)),
          }}
          locale={{ emptyText: <Empty description={t('publicity.cases.empty')} /> }}
          scroll={{ x: 800 }}
          columns={[
            {
              title: t('publicity.cases.caseTitle'),
              key: 'title',
              render: (_, c) => <Link to={casePath(c.id)}>{c.title}</Link>,
            },
            {
              title: t('publicity.cases.project'),
              key: 'project',
              render: (_, c) => <Link to={projectPath(c.project.id)}>{c.project.title}</Link>,
            },
            {
              title: t('publicity.cases.parties'),
              key: 'parties',
              render: (_, c) => c.consents.map((x) => x.organisation.name).join('、'),
            },
            { title: t('publicity.news.status'), key: 'status', render: (_, c) => <CaseStatusTag status={c.status} /> },
            { title: t('publicity.news.updated'), key: 'updated', render: (_, c) => fmtDate(c.updatedAt) },
          ]}
        />
      </QueryState>
    </>
  );
}
