/**
 * 满意度调查: the theme days with their survey state. Every survey the caller may see (GET /api/surveys), and —
 * for NDRC and the host base — the finished theme days without a survey yet, each with its "发起调查" button.
 * Candidate theme days come from the portal list (NDRC: all; a host: its base's, found by its organisation).
 */
import { Alert, Card, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { links } from '../../../common/links.ts';
import { shanghaiToday } from '../../../common/time.ts';
import { api } from '../../api/client.ts';
import type { SurveyList, SurveyView } from '../../api/surveys.ts';
import type { BaseList } from '../../../common/contracts/bases.ts';
import type { PublicThemeDay, PublicThemeDayList } from '../../../common/contracts/public.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDate, fmtDateRange } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { SurveyStatusTag, pct } from './shared.tsx';

interface Row {
  key: string;
  themeDayId: string | null;
  title: string;
  dates: string | null;
  survey: SurveyView | null;
}

/** Finished theme days the caller may open a survey for (NDRC: all; a base admin: its base's). */
function useCandidates(enabled: boolean, isOwner: boolean, orgId: string | null) {
  return useQuery({
    queryKey: ['surveys', 'candidates', isOwner, orgId],
    enabled,
    queryFn: async (): Promise<PublicThemeDay[]> => {
      let baseIds: string[] | null = null;
      if (!isOwner) {
        if (!orgId) return [];
        const bases = await api.get<BaseList>('/bases', { organisationId: orgId, pageSize: 50 });
        baseIds = bases.items.map((b) => b.id);
        if (!baseIds.length) return [];
      }
      const lists = await Promise.all(
        (baseIds ?? [undefined]).map((baseId) =>
          api.get<PublicThemeDayList>('/public/theme-days', { baseId, pageSize: 200, order: 'desc' }),
        ),
      );
      const today = shanghaiToday(new Date());
      return lists.flatMap((l) => l.items).filter((td) => td.endDate <= today);
    },
  });
}

export function SurveysPage() {
  const t = useT();
  const me = useMe().data;
  const roles: readonly string[] = me?.roles ?? [];
  const isOwner = roles.includes('programme_owner');
  const runs = isOwner || roles.includes('base_admin');
  const surveys = useQuery({ queryKey: ['surveys', 'list'], queryFn: () => api.get<SurveyList>('/surveys') });
  const candidates = useCandidates(runs, isOwner, me?.activeOrganisationId ?? null);

  const surveyed = new Set((surveys.data?.items ?? []).map((s) => s.themeDay?.id));
  const rows: Row[] = [
    ...(surveys.data?.items ?? []).map((s) => {
      const td = candidates.data?.find((c) => c.id === s.themeDay?.id);
      return {
        key: s.id,
        themeDayId: s.themeDay?.id ?? null,
        title: s.themeDay?.title ?? '—',
        dates: td ? fmtDateRange(td.startDate, td.endDate) : null,
        survey: s,
      };
    }),
    ...(candidates.data ?? [])
      .filter((td) => !surveyed.has(td.id))
      .map((td) => ({
        key: td.id,
        themeDayId: td.id,
        title: td.title,
        dates: fmtDateRange(td.startDate, td.endDate),
        survey: null,
      })),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.surveys')}
        subtitle={t('surveys.list.subtitle')}
        extra={<LinkButton to={links.surveyInstrument()}>{t('surveys.instrument.title')}</LinkButton>}
      />
      {candidates.error ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('surveys.list.candidatesFailed', { reason: errorMessage(candidates.error) })}
        />
      ) : null}
      <QueryState isLoading={surveys.isLoading} error={surveys.error} refetch={() => void surveys.refetch()}>
        <Card size="small">
          <Table<Row>
            size="middle"
            rowKey="key"
            data-testid="surveys-table"
            dataSource={rows}
            loading={candidates.isLoading && runs}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 860 }}
            locale={{ emptyText: t('surveys.list.empty') }}
            columns={[
              {
                title: t('surveys.col.themeDay'),
                key: 'title',
                render: (_: unknown, r) =>
                  r.survey ? (
                    <Link to={links.survey(r.survey.id)} data-testid={`survey-link-${r.themeDayId}`}>
                      {r.title}
                    </Link>
                  ) : (
                    r.title
                  ),
              },
              { title: t('surveys.col.dates'), key: 'dates', render: (_: unknown, r) => r.dates ?? '—' },
              {
                title: t('surveys.col.status'),
                key: 'status',
                render: (_: unknown, r) =>
                  r.survey ? (
                    <Space size={4} wrap>
                      <SurveyStatusTag status={r.survey.status} />
                      {r.survey.anonymous ? <Tag>{t('surveys.anonymous')}</Tag> : null}
                    </Space>
                  ) : (
                    <span className="rt-text-secondary">{t('surveys.list.notOpened')}</span>
                  ),
              },
              {
                title: t('surveys.col.responses'),
                key: 'responses',
                align: 'right',
                render: (_: unknown, r) =>
                  r.survey
                    ? t('surveys.list.responses', {
                        a: r.survey.answers,
                        i: r.survey.invitations,
                        pct: r.survey.invitations ? pct(r.survey.answers / r.survey.invitations) : '—',
                      })
                    : '—',
              },
              {
                title: t('surveys.col.closesAt'),
                key: 'closes',
                render: (_: unknown, r) => (r.survey ? fmtDate(r.survey.closedAt ?? r.survey.closesAt) : '—'),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, r) =>
                  r.survey ? (
                    r.survey.abilities.seeResults ? (
                      <Link to={links.surveyResults(r.survey.id)} data-testid={`survey-results-${r.themeDayId}`}>
                        {t('surveys.seeResults')}
                      </Link>
                    ) : null
                  ) : r.themeDayId ? (
                    <LinkButton
                      size="small"
                      type="primary"
                      to={links.openSurvey(r.themeDayId)}
                      data-testid={`survey-open-${r.themeDayId}`}
                    >
                      {t('surveys.open.action')}
                    </LinkButton>
                  ) : null,
              },
            ]}
          />
        </Card>
      </QueryState>
    </>
  );
}
