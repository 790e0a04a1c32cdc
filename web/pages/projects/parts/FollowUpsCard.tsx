/**
 * The follow-ups of a signed project, per point (3/6/12 months after signing) and party: due date, answer window,
 * state (upcoming/open/answered/overdue/missed), the answer; 填写回访 for my organisation's open ones.
 */
import { Card, Flex, Table, Typography } from 'antd';
import { Link } from 'react-router';
import {
  FOLLOW_UP_STATUS_LABELS,
  HELP_SOURCE_LABELS,
  type FollowUpView,
  type ProjectView,
} from '../../../api/projects.ts';
import { fmtDate, fmtDateTime } from '../../../components/format.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { useMe } from '../../../hooks/useMe.ts';
import { useT } from '../../../i18n/index.tsx';
import { FollowUpStateTag, followUpPath, useServerToday, useYuan } from './shared.tsx';

export function FollowUpsCard({ project }: { project: ProjectView }) {
  const t = useT();
  const me = useMe();
  const yuan = useYuan();
  const today = useServerToday().data;
  const myOrg = me.data?.activeOrganisationId;
  const rows = [...project.followUps].sort((a, b) =>
    a.point !== b.point ? a.point - b.point : a.organisation.name.localeCompare(b.organisation.name, 'zh-CN'),
  );
  return (
    <Card title={<h2 className="rt-card-title">{t('projects.followUps')}</h2>} style={{ marginBottom: 16 }}>
      {rows.length === 0 ? (
        <Typography.Text className="rt-muted">{t('projects.followUpsNone')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph className="rt-muted">{t('projects.followUpsHelp')}</Typography.Paragraph>
          <Table<FollowUpView>
            rowKey={(f) => `${f.point}:${f.organisation.id}`}
            dataSource={rows}
            pagination={false}
            size="small"
            scroll={{ x: 980 }}
            data-testid="follow-ups-table"
            expandable={{
              rowExpandable: (f) => !!(f.milestones || f.problems || f.helpNeeded.length || f.helpNote),
              expandedRowRender: (f) => <AnswerDetails f={f} />,
            }}
            onRow={(f) => ({ 'data-testid': `follow-up-${f.point}-${f.organisation.id}` }) as object}
            columns={nowrapHeaders([
              {
                title: t('projects.fu.point'),
                key: 'point',
                render: (_: unknown, f) => (
                  <span className="rt-nowrap">{t('projects.fu.pointShort', { n: f.point })}</span>
                ),
              },
              { title: t('projects.party'), key: 'org', render: (_: unknown, f) => f.organisation.name },
              {
                title: t('projects.fu.due'),
                key: 'due',
                render: (_: unknown, f) => (
                  <Flex vertical>
                    <span className="rt-nowrap">{fmtDate(f.dueDate)}</span>
                    <span className="rt-muted rt-nowrap">
                      {t('projects.fu.windowShort', { from: fmtDate(f.opensOn), to: fmtDate(f.closesOn) })}
                    </span>
                  </Flex>
                ),
              },
              { title: t('common.status'), key: 'state', render: (_: unknown, f) => <FollowUpStateTag f={f} /> },
              {
                title: t('projects.fu.status'),
                key: 'status',
                render: (_: unknown, f) => (f.status ? FOLLOW_UP_STATUS_LABELS[f.status] : '—'),
              },
              {
                title: t('projects.fu.received'),
                key: 'received',
                align: 'right',
                render: (_: unknown, f) => <span className="rt-nowrap">{yuan(f.receivedAmount)}</span>,
              },
              {
                title: t('projects.jobs'),
                key: 'jobs',
                align: 'right',
                render: (_: unknown, f) => f.jobsCreated ?? '—',
              },
              {
                title: t('projects.fu.answeredAt'),
                key: 'at',
                render: (_: unknown, f) => <span className="rt-nowrap">{fmtDateTime(f.answeredAt)}</span>,
              },
              {
                title: t('common.actions'),
                key: 'a',
                render: (_: unknown, f) => {
                  if (f.organisation.id !== myOrg || !project.abilities.answerFollowUp) return null;
                  if (f.state === 'open' || f.state === 'overdue')
                    return (
                      <LinkButton
                        type="primary"
                        size="small"
                        to={followUpPath(project.id, f.point)}
                        data-testid={`follow-up-answer-${f.point}`}
                      >
                        {t('projects.fu.answer')}
                      </LinkButton>
                    );
                  if (f.state === 'answered')
                    return (
                      <Link to={followUpPath(project.id, f.point)} data-testid={`follow-up-view-${f.point}`}>
                        {today && today > f.closesOn ? t('common.view') : t('projects.fu.viewOrCorrect')}
                      </Link>
                    );
                  if (f.state === 'upcoming')
                    return <span className="rt-muted">{t('projects.fu.opensOn', { d: fmtDate(f.opensOn) })}</span>;
                  return <span className="rt-muted">{t('projects.fu.closed')}</span>;
                },
              },
            ])}
          />
        </>
      )}
    </Card>
  );
}

/** Column headers on one line (the cells wrap instead). */
function nowrapHeaders<T extends object>(cols: T[]): T[] {
  return cols.map((c) => ({ ...c, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) }));
}

function AnswerDetails({ f }: { f: FollowUpView }) {
  const t = useT();
  return (
    <Flex vertical gap={4}>
      {f.milestones ? (
        <div>
          <strong>{t('projects.fu.milestones')}：</strong>
          {f.milestones}
        </div>
      ) : null}
      {f.problems ? (
        <div>
          <strong>{t('projects.fu.problems')}：</strong>
          {f.problems}
        </div>
      ) : null}
      {f.helpNeeded.length ? (
        <div>
          <strong>{t('projects.fu.help')}：</strong>
          {f.helpNeeded.map((h) => HELP_SOURCE_LABELS[h]).join('、')}
          {f.helpNote ? `（${f.helpNote}）` : ''}
        </div>
      ) : null}
    </Flex>
  );
}
