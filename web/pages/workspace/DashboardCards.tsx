/**
 * The dashboard's cards (antd's Card and List, with their tabs, pagination and tags): loaded by DashboardPage
 * next to its data, so the workspace shell is usable before them (issue 16's JS budget). While a card's data
 * loads it shows the same skeleton as DashboardPage's stand-in, so nothing spins or moves on the first screen.
 */
import type { ReactNode } from 'react';
import { Badge, Card, Col, Empty, List, Row, Space } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { NotificationPage, TodoItem, TodoList } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { useNow } from '../../hooks/useDebounced.ts';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';

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
          {item.awaitsAnswer ? <ToneTag tone="purple">{t('notify.awaitsAnswer')}</ToneTag> : null}
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

export interface DashboardParts {
  /** The cards' titles (with their counts). */
  titles: { todo: ReactNode; due: ReactNode; notes: ReactNode; shortcuts: ReactNode };
  /** The link in the notifications card's header. */
  notesExtra: ReactNode;
  /** What a card's body shows while its data loads. */
  skeleton: ReactNode;
  /** The shortcuts card's body. */
  shortcuts: ReactNode;
}

export function DashboardCards({
  parts: { titles, notesExtra, skeleton, shortcuts },
  todo,
  due,
  notes,
}: {
  /** What DashboardPage's stand-in for this chunk shows too. */
  parts: DashboardParts;
  todo: UseQueryResult<TodoList>;
  due: UseQueryResult<TodoList>;
  notes: UseQueryResult<NotificationPage>;
}) {
  const t = useT();
  /** The list of a query, or the skeleton while it loads. */
  const loaded = (query: UseQueryResult<unknown>, list: ReactNode) => (query.isLoading ? skeleton : list);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={titles.todo} data-testid="dashboard-todo">
          {loaded(
            todo,
            <List
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
            />,
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={titles.due} data-testid="dashboard-due" style={{ marginBottom: 16 }}>
          {loaded(
            due,
            <List
              dataSource={due.data?.items ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noDue')} /> }}
              renderItem={(i) => <TodoRow item={i} />}
            />,
          )}
        </Card>
        <Card title={titles.notes} extra={notesExtra} data-testid="dashboard-notifications">
          {loaded(
            notes,
            <List
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
            />,
          )}
        </Card>
      </Col>
      {shortcuts ? (
        <Col xs={24}>
          <Card title={titles.shortcuts}>{shortcuts}</Card>
        </Col>
      ) : null}
    </Row>
  );
}
