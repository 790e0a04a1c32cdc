/** The theme day's published content items by part (resources, demands, catalogues, results, docking) on its public page. */
import type { ReactNode } from 'react';
import { Card, Col, Flex, List, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { AllianceItem, Demand, DockingItem, ResourceItem, ResultItem } from '../../api/demands.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { ToneTag } from '../StatusTag.tsx';
import { enumLabel, fmtDateTime, punct } from '../format.ts';
import { demandPath } from './paths.ts';
import { DeadlineTag } from './DeadlineTag.tsx';

interface Part {
  key: 'resource_sharing' | 'collaborative_rd' | 'joint_commercialisation' | 'deep_docking';
  rows: ReactNode[];
}

/** `past`: the theme day is over, so an empty list is final rather than "to be published". */
export function ThemeDayContent({ themeDayId, past = false }: { themeDayId: string; past?: boolean }) {
  const t = useT();
  const q = { themeDayId, pageSize: 50 };
  const resources = useQuery({
    queryKey: ['resources', 'theme-day', themeDayId],
    queryFn: () => api.get<Page<ResourceItem>>('/resources', q),
  });
  const demands = useQuery({
    queryKey: ['demands', 'theme-day', themeDayId],
    queryFn: () => api.get<Page<Demand>>('/demands', q),
  });
  const results = useQuery({
    queryKey: ['results', 'theme-day', themeDayId],
    queryFn: () => api.get<Page<ResultItem>>('/results', q),
  });
  const docking = useQuery({
    queryKey: ['docking', 'theme-day', themeDayId],
    queryFn: () => api.get<Page<DockingItem>>('/docking-sessions', q),
  });
  const alliances = useQuery({
    queryKey: ['alliances', 'theme-day', themeDayId],
    queryFn: () => api.get<Page<AllianceItem>>('/alliances', q),
  });
  const all = [resources, demands, results, docking, alliances];
  if (all.some((x) => x.isLoading)) return null;

  const parts: Part[] = [
    {
      key: 'resource_sharing',
      rows: (resources.data?.items ?? []).map((r) => (
        <Flex key={r.id} gap={6} wrap align="center">
          <ToneTag tone="green">{enumLabel('supply.resourceType', r.type, r.typeLabel)}</ToneTag>
          <Link to={`/resources/${r.id}`}>{r.title}</Link>
          <span className="rt-text-secondary">{r.organisation.name}</span>
        </Flex>
      )),
    },
    {
      key: 'collaborative_rd',
      rows: (demands.data?.items ?? []).map((d) => (
        <Flex key={d.id} gap={6} wrap align="center">
          <ToneTag tone={d.kind === 'technology' ? 'purple' : 'blue'}>
            {enumLabel('demands.kind', d.kind, d.kindLabel)}
          </ToneTag>
          <Link to={demandPath(d)}>{d.title}</Link>
          <span className="rt-text-secondary">{d.organisation.name}</span>
          {d.kind === 'demand' ? <DeadlineTag deadline={d.deadline} expired={d.expired} /> : null}
        </Flex>
      )),
    },
    {
      key: 'joint_commercialisation',
      rows: (results.data?.items ?? []).map((r) => (
        <Flex key={r.id} gap={6} wrap align="center">
          <ToneTag tone="orange">{enumLabel('supply.transferMode', r.transferMode, r.transferModeLabel)}</ToneTag>
          <Link to={`/results/${r.id}`}>{r.title}</Link>
          <span className="rt-text-secondary">{r.organisation.name}</span>
        </Flex>
      )),
    },
    {
      key: 'deep_docking',
      rows: [
        ...(docking.data?.items ?? []).map((s) => (
          <Flex key={s.id} gap={6} wrap align="center">
            <ToneTag tone="grey">{enumLabel('supply.dockingKind', s.kind, s.kindLabel)}</ToneTag>
            <span>{s.title}</span>
            <span className="rt-text-secondary">{fmtDateTime(s.startsAt)}</span>
          </Flex>
        )),
        ...(alliances.data?.items ?? []).map((a) => (
          <Flex key={a.id} gap={6} wrap align="center">
            <ToneTag tone="grey">{t('demands.td.alliances')}</ToneTag>
            <span>{a.name}</span>
          </Flex>
        )),
      ],
    },
  ];
  const shown = parts.filter((p) => p.rows.length > 0);

  return (
    <section aria-labelledby="td-content-title" style={{ marginTop: 16 }} data-testid="theme-day-content">
      <Typography.Title level={2} className="rt-section-title" id="td-content-title">
        {t('demands.td.title')}
      </Typography.Title>
      {shown.length === 0 ? (
        <Card>
          <Typography.Text className="rt-text-secondary">
            {t(past ? 'demands.td.emptyPast' : 'demands.td.empty')}
          </Typography.Text>
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {shown.map((p) => (
            <Col key={p.key} xs={24} lg={12}>
              <Card
                size="small"
                style={{ height: '100%' }}
                title={
                  <h3 className="rt-card-title">{`${t(`demands.td.${p.key}` as MessageKey)}${punct().open}${p.rows.length}${punct().close}`}</h3>
                }
                data-testid={`td-part-${p.key}`}
              >
                <List
                  size="small"
                  dataSource={p.rows}
                  renderItem={(r) => <List.Item style={{ paddingInline: 0 }}>{r}</List.Item>}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </section>
  );
}
