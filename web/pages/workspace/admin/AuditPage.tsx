/** 审计日志 (owner, system admin): filters by entity type, action, actor and time; before/after in a drawer. */
import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Drawer, Form, Input, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { AuditEvent, Page } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { dateCell } from '../../../components/cells.tsx';
import { exportList } from '../../../components/exportCsv.ts';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="rt-text-secondary">—</span>;
  // Focusable: a long summary scrolls (the drawer and the block itself), and keyboard users must reach it
  // (axe scrollable-region-focusable).
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must take focus
    <pre className="rt-json" tabIndex={0}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export function AuditPage() {
  const t = useT();
  const table = useTableState({ pageSize: 50 });
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const q = useQuery({
    queryKey: ['audit', table.query],
    queryFn: () => api.get<Page<AuditEvent>>('/audit-events', { ...table.query, sort: undefined, order: undefined }),
  });

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <FilterBar
        table={table}
        toForm={(f) => ({
          ...f,
          range: f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : undefined,
          from: undefined,
          to: undefined,
        })}
        fromForm={(v) => {
          const range = v.range as [Dayjs, Dayjs] | undefined;
          const s = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
          return {
            entityType: s(v.entityType),
            entityId: s(v.entityId),
            action: s(v.action),
            actorUserId: s(v.actorUserId),
            from: range?.[0] ? range[0].startOf('day').toISOString() : undefined,
            to: range?.[1] ? range[1].endOf('day').toISOString() : undefined,
          };
        }}
        onExport={() =>
          exportList<AuditEvent>(
            '/audit-events',
            { ...table.query, sort: undefined, order: undefined },
            [
              { title: t('audit.at'), value: (r) => fmtDateTime(r.at) },
              { title: t('audit.actor'), value: (r) => r.actorName },
              { title: t('audit.org'), value: (r) => r.organisationName },
              { title: t('audit.entityType'), value: (r) => r.entityType },
              { title: t('audit.entityId'), value: (r) => r.entityId },
              { title: t('audit.action'), value: (r) => r.action },
              { title: t('audit.ip'), value: (r) => r.ip },
              { title: t('audit.before'), value: (r) => (r.before == null ? '' : JSON.stringify(r.before)) },
              { title: t('audit.after'), value: (r) => (r.after == null ? '' : JSON.stringify(r.after)) },
            ],
            '审计日志',
          )
        }
      >
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Input allowClear style={{ width: 140 }} placeholder="plan" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear style={{ width: 140 }} placeholder="submit" />
        </Form.Item>
        <Form.Item name="actorUserId" label={t('audit.actorId')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.range')}>
          <DatePicker.RangePicker />
        </Form.Item>
      </FilterBar>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<AuditEvent>
          rowKey="id"
          data-testid="audit-table"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={table.pagination(q.data?.total)}
          onChange={table.onTableChange}
          scroll={{ x: 900 }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', render: dateCell, width: 170 },
            { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
            {
              title: t('audit.org'),
              dataIndex: 'organisationName',
              render: (v: string | null) => v ?? '—',
              ellipsis: true,
            },
            { title: t('audit.entityType'), dataIndex: 'entityType' },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string, r) => (
                <>
                  {v}
                  {r.contentWithheld ? (
                    <Tag style={{ marginLeft: 8 }} data-testid="audit-withheld">
                      {t('trust.audit.withheld')}
                    </Tag>
                  ) : null}
                </>
              ),
            },
            { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Button
                  size="small"
                  onClick={() => setOpen(r)}
                  aria-label={`${t('common.details')} ${r.entityType} ${r.action}`}
                >
                  {t('common.details')}
                </Button>
              ),
            },
          ]}
        />
      </QueryState>
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={t('audit.detail')}
        size={Math.min(640, window.innerWidth)}
      >
        {open ? (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('audit.at')}>{fmtDateTime(open.at)}</Descriptions.Item>
              <Descriptions.Item label={t('audit.actor')}>{open.actorName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('audit.actorId')}>{open.actorUserId ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('audit.org')}>{open.organisationName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('audit.entityType')}>{open.entityType}</Descriptions.Item>
              <Descriptions.Item label={t('audit.entityId')}>{open.entityId ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('audit.action')}>{open.action}</Descriptions.Item>
              <Descriptions.Item label={t('audit.ip')}>{open.ip ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('audit.requestId')}>{open.requestId ?? '—'}</Descriptions.Item>
            </Descriptions>
            {open.contentWithheld ? (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 16 }}
                title={t('trust.audit.withheld')}
                description={t('trust.audit.withheldHelp')}
              />
            ) : null}
            <Typography.Title level={2} className="rt-section-title" style={{ marginTop: 16 }}>
              {t('audit.before')}
            </Typography.Title>
            <Json value={open.before} />
            <Typography.Title level={2} className="rt-section-title" style={{ marginTop: 16 }}>
              {t('audit.after')}
            </Typography.Title>
            <Json value={open.after} />
          </>
        ) : null}
      </Drawer>
    </>
  );
}
