/** 工作台: what awaits me (GET /api/todo), what is due within 14 days, and the latest notifications. */
import { Badge, Card, Col, Empty, List, Row, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { NotificationPage, TodoItem, TodoList } from '../../api/types.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useNow } from '../../hooks/useDebounced.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { NAV_PATHS } from '../../components/WorkspaceLayout.tsx';

const SEVERITY_TONE = { info: 'blue', warning: 'orange', danger: 'red' } as const;

function TodoRow({ item }: { item: TodoItem }) {
  const t = useT();
  const now = useNow();
  const days = item.dueAt ? Math.ceil((new Date(item.dueAt).getTime() - now.getTime()) / 86_400_000) : null;
  return (
    <List.Item data-testid={`todo-${item.kind}`}>
      <div>
        <div className="rt-list-title">
          <Link to={item.link}>{item.title}</Link>
        </div>
        <Space wrap size={4}>
          <span className="rt-text-secondary">{item.detail}</span>
          {item.dueAt ? (
            <ToneTag tone={SEVERITY_TONE[item.severity]}>
              {t('dashboard.due', { date: fmtDateTime(item.dueAt) })}
              {days !== null
                ? ` · ${days > 0 ? t('common.daysLeft', { n: days }) : days === 0 ? t('common.dueToday') : t('common.overdue', { n: -days })}`
                : ''}
            </ToneTag>
          ) : null}
        </Space>
      </div>
    </List.Item>
  );
}

export function DashboardPage() {
  const t = useT();
  const { data: me } = useMe();
  const todo = useQuery({ queryKey: ['todo'], queryFn: () => api.get<TodoList>('/todo') });
  const due = useQuery({
    queryKey: ['todo', 'due14'],
    queryFn: () => api.get<TodoList>('/todo', { dueWithinDays: 14 }),
  });
  const notes = useQuery({
    queryKey: ['notifications', 'recent'],
    queryFn: () => api.get<NotificationPage>('/notifications', { pageSize: 5 }),
  });

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={me ? t('dashboard.welcome', { name: me.user.name }) : undefined}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={
              <h2 className="rt-card-title">
                {t('dashboard.todo')} <Badge count={todo.data?.total ?? 0} showZero color="#0958d9" />
              </h2>
            }
            data-testid="dashboard-todo"
          >
            <List
              loading={todo.isLoading}
              dataSource={todo.data?.items ?? []}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={todo.error ? t('common.loadFailed') : t('dashboard.noTodo')}
                  />
                ),
              }}
              renderItem={(i) => <TodoRow item={i} />}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={
              <h2 className="rt-card-title">
                {t('dashboard.due14')}{' '}
                <Badge
                  count={due.data?.total ?? 0}
                  showZero
                  color={(due.data?.total ?? 0) > 0 ? '#ad4e00' : '#237804'}
                />
              </h2>
            }
            data-testid="dashboard-due"
            style={{ marginBottom: 16 }}
          >
            <List
              loading={due.isLoading}
              dataSource={due.data?.items ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noDue')} /> }}
              renderItem={(i) => <TodoRow item={i} />}
            />
          </Card>
          <Card
            title={<h2 className="rt-card-title">{t('dashboard.recentNotifications')}</h2>}
            extra={<Link to="/workspace/notifications">{t('dashboard.allNotifications')}</Link>}
            data-testid="dashboard-notifications"
          >
            <List
              loading={notes.isLoading}
              dataSource={notes.data?.items ?? []}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />,
              }}
              renderItem={(n) => (
                <List.Item>
                  <div>
                    <div className="rt-list-title">
                      <Space size={4}>
                        {n.readAt ? null : (
                          <>
                            <Badge status="processing" />
                            <span className="rt-sr-only">{t('notifications.unread')}</span>
                          </>
                        )}
                        {n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
                      </Space>
                    </div>
                    <span className="rt-text-secondary">{fmtDateTime(n.createdAt)}</span>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        {me ? (
          <Col xs={24}>
            <Card title={<h2 className="rt-card-title">{t('dashboard.shortcuts')}</h2>}>
              <Space wrap>
                {me.nav
                  .filter((n) => n !== 'dashboard')
                  .map((n) => (
                    <Link key={n} to={NAV_PATHS[n]} className="rt-shortcut">
                      {t(`nav.${n}` as MessageKey)}
                    </Link>
                  ))}
              </Space>
            </Card>
          </Col>
        ) : null}
      </Row>
      <Typography.Paragraph />
    </>
  );
}
