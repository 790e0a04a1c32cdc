/** The organiser's overview: counts, total breaks and the slot grid of placed meetings. */
import { Card, Col, Flex, Row, Space, Statistic, Table, Typography } from 'antd';
import type { MeetingSession, Overview } from '../../../api/meetings.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { pair, slotLabel, useOverview } from '../shared.tsx';

export function OverviewTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const ov = useOverview(s.id);
  const o = ov.data;
  return (
    <QueryState isLoading={ov.isLoading} error={ov.error} refetch={() => void ov.refetch()}>
      {o ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            {(
              [
                ['participants', o.counts.participants],
                ['pendingRequests', o.counts.pendingRequests],
                ['accepted', o.counts.accepted],
                ['scheduled', o.counts.scheduled],
                ['unscheduled', o.counts.unscheduled],
              ] as const
            ).map(([k, v]) => (
              <Col xs={12} md={8} lg={4} key={k}>
                <Card size="small">
                  <Statistic title={t(`meetings.count.${k}`)} value={v} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} lg={4}>
              <Card size="small">
                <Statistic title={t('meetings.totalBreaks')} value={o.totalBreaks} />
              </Card>
            </Col>
          </Row>
          <SlotGrid o={o} />
        </Space>
      ) : null}
    </QueryState>
  );
}

export function SlotGrid({ o }: { o: Overview }) {
  const t = useT();
  return (
    <Table
      rowKey={(r) => r.slot.index}
      size="small"
      pagination={false}
      dataSource={o.grid}
      scroll={{ x: 640 }}
      data-testid="overview-grid"
      columns={[
        {
          title: t('meetings.slot'),
          key: 'slot',
          width: 130,
          render: (_: unknown, r) => <Typography.Text strong>{slotLabel(r.slot)}</Typography.Text>,
        },
        {
          title: t('meetings.meetingsInSlot'),
          key: 'm',
          render: (_: unknown, r) =>
            r.meetings.length ? (
              <Flex gap={6} wrap>
                {r.meetings.map((m) => (
                  <ToneTag key={m.meetingId} tone="blue">
                    {m.location?.label ?? '—'}：{pair(m.participants)}
                  </ToneTag>
                ))}
              </Flex>
            ) : (
              <span className="rt-muted">—</span>
            ),
        },
      ]}
    />
  );
}
