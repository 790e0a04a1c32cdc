/**
 * 新闻宣传 in the workspace (/workspace/news): the news the caller may manage or wrote (全部) and the
 * support organisations' drafts awaiting the caller's review (待我审核); for a host, the support organisations it
 * delegates to write news for its theme day. Success cases have their own page (/workspace/cases; the old
 * ?box=cases address leads there).
 */
import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Checkbox,
  Empty,
  Flex,
  Form,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { PlusOutlined, TeamOutlined, TrophyOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  NEWS_AUTHOR_KIND_LABELS,
  NEWS_STATUS_LABELS,
  type DelegatesView,
  type NewsList,
  type NewsStatus,
  type NewsView,
} from '../../api/publicity.ts';
import { NEWS_STATUSES } from '../../../common/contracts/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { errorMessage } from '../../components/errors.ts';
import { fmtDateTime } from '../../components/format.ts';
import { ThemeDaySelect } from '../supply/shared.tsx';
import { NewsStatusTag, newsPath } from './shared.tsx';

type Tab = 'all' | 'review';

export function NewsWorkspacePage() {
  const t = useT();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('box') === 'review' ? 'review' : 'all';
  const status = params.get('status') as NewsStatus | null;
  const page = Number(params.get('page') ?? 1) || 1;
  const [delegating, setDelegating] = useState(false);
  const set = (k: string, v: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (v) next.set(k, v);
      else next.delete(k);
      if (k !== 'page') next.delete('page');
      return next;
    });

  const news = useQuery({
    queryKey: ['news', 'list', tab, status, page],
    queryFn: () =>
      api.get<NewsList>('/news', {
        box: tab === 'review' ? 'review' : 'all',
        status: tab === 'all' ? status : null,
        page,
        pageSize: 20,
      }),
  });
  const review = useQuery({
    queryKey: ['news', 'list', 'review-count'],
    queryFn: () => api.get<NewsList>('/news', { box: 'review', pageSize: 1 }),
  });
  const roles = me?.roles ?? [];
  const isHost = roles.includes('base_admin') || roles.includes('programme_owner');
  const isOwner = roles.includes('programme_owner');
  const reviewCount = review.data?.total ?? 0;
  if (params.get('box') === 'cases') return <Navigate to="/workspace/cases" replace />;

  return (
    <>
      <PageHeader
        title={t('publicity.title')}
        subtitle={t('publicity.subtitle')}
        extra={
          <>
            {isHost ? (
              <Button icon={<TeamOutlined />} onClick={() => setDelegating(true)} data-testid="news-delegates-open">
                {t('publicity.delegates.open')}
              </Button>
            ) : null}
            {isHost ? (
              <LinkButton to="/workspace/nominations" icon={<TrophyOutlined />}>
                {t('publicity.nominations.title')}
              </LinkButton>
            ) : null}
            <LinkButton to="/workspace/news/new" type="primary" icon={<PlusOutlined />} data-testid="news-new">
              {t('publicity.news.new')}
            </LinkButton>
          </>
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<Tab>
          value={tab}
          onChange={(v) => set('box', v === 'all' ? null : v)}
          options={[
            { value: 'all', label: t('publicity.news.boxAll') },
            {
              value: 'review',
              label: reviewCount ? t('publicity.news.boxReviewN', { n: reviewCount }) : t('publicity.news.boxReview'),
            },
          ]}
          data-testid="news-box"
        />
        {tab === 'all' ? (
          <Select<NewsStatus>
            allowClear
            aria-label={t('publicity.news.status')}
            placeholder={t('publicity.news.statusAll')}
            value={status ?? undefined}
            onChange={(v) => set('status', v ?? null)}
            style={{ minWidth: 160 }}
            options={NEWS_STATUSES.map((s) => ({ value: s, label: NEWS_STATUS_LABELS[s] }))}
          />
        ) : null}
      </Flex>
      <QueryState isLoading={news.isLoading} error={news.error} refetch={() => void news.refetch()}>
        <Table<NewsView>
          rowKey="id"
          data-testid="news-table"
          dataSource={news.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: news.data?.total ?? 0,
            onChange: (p) => set('page', String(p)),
          }}
          locale={{
            emptyText: (
              <Empty description={tab === 'review' ? t('publicity.news.emptyReview') : t('publicity.news.empty')} />
            ),
          }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: t('publicity.news.title'),
              key: 'title',
              render: (_, n) => (
                <Link to={newsPath(n.id)} data-testid="news-row-link">
                  {n.title}
                </Link>
              ),
            },
            {
              title: t('publicity.news.themeDay'),
              key: 'themeDay',
              render: (_, n) => n.themeDay?.title ?? t('publicity.news.programmeWide'),
            },
            {
              title: t('publicity.news.author'),
              key: 'author',
              render: (_, n) => (
                <Space direction="vertical" size={0}>
                  <span>{n.authorOrganisation.name}</span>
                  <Typography.Text type="secondary">{NEWS_AUTHOR_KIND_LABELS[n.authorKind]}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('publicity.news.status'),
              key: 'status',
              render: (_, n) => <NewsStatusTag status={n.status} />,
            },
            {
              title: t('publicity.news.updated'),
              key: 'updated',
              render: (_, n) =>
                n.publishedAt
                  ? t('publicity.news.publishedOn', { d: fmtDateTime(n.publishedAt) })
                  : fmtDateTime(n.updatedAt),
            },
          ]}
        />
      </QueryState>
      {delegating ? <DelegatesModal onClose={() => setDelegating(false)} owner={isOwner} /> : null}
    </>
  );
}

/** The host picks which support organisations of its activity plan may write news for its theme day. */
function DelegatesModal({ onClose }: { onClose: () => void; owner: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [themeDayId, setThemeDayId] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[] | null>(null);
  const q = useQuery({
    queryKey: ['news-delegates', themeDayId],
    queryFn: () => api.get<DelegatesView>(`/theme-days/${themeDayId}/news-delegates`),
    enabled: !!themeDayId,
    retry: false,
  });
  const value = picked ?? q.data?.delegates.map((d) => d.id) ?? [];
  const save = useMutation({
    mutationFn: () => api.put<DelegatesView>(`/theme-days/${themeDayId}/news-delegates`, { organisationIds: value }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={t('publicity.delegates.title')}
      onCancel={onClose}
      okText={t('common.save')}
      okButtonProps={{ disabled: !q.data || save.isPending, loading: save.isPending }}
      onOk={() => save.mutate()}
    >
      <Typography.Paragraph type="secondary">{t('publicity.delegates.help')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('publicity.news.themeDay')}>
          <ThemeDaySelect
            value={themeDayId}
            onChange={(v) => {
              setThemeDayId(v);
              setPicked(null);
            }}
            ariaLabel={t('publicity.news.themeDay')}
            placeholder={t('publicity.delegates.pickThemeDay')}
          />
        </Form.Item>
      </Form>
      {themeDayId ? (
        <QueryState isLoading={q.isLoading} error={q.error}>
          {q.data && q.data.candidates.length === 0 ? (
            <Empty description={t('publicity.delegates.none')} />
          ) : (
            <Checkbox.Group
              value={value}
              onChange={(v) => setPicked(v)}
              options={(q.data?.candidates ?? []).map((c) => ({ value: c.id, label: c.name }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            />
          )}
        </QueryState>
      ) : null}
    </Modal>
  );
}
