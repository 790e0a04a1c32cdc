/** The submitted versions of a plan, each readable in full. */
import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, List } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import type { Page, Plan, PlanVersion, PlanVersionSummary } from '../../../../api/types.ts';
import { useT } from '../../../../i18n/index.tsx';
import { fmtDateTime } from '../../../../components/format.ts';

export function VersionsDrawer({ plan, open, onClose }: { plan: Plan; open: boolean; onClose: () => void }) {
  const t = useT();
  const [selected, setSelected] = useState<number | null>(null);
  const versions = useQuery({
    queryKey: ['plan', plan.id, 'versions'],
    queryFn: () => api.get<Page<PlanVersionSummary>>(`/plans/${plan.id}/versions`, { pageSize: 100 }),
    enabled: open,
  });
  const version = useQuery({
    queryKey: ['plan', plan.id, 'versions', selected],
    queryFn: () => api.get<PlanVersion>(`/plans/${plan.id}/versions/${selected}`),
    enabled: open && selected !== null,
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('plan.versions')}
      size={Math.min(720, window.innerWidth)}
      destroyOnHidden
    >
      <List
        loading={versions.isLoading}
        dataSource={versions.data?.items ?? []}
        locale={{ emptyText: t('plan.noVersions') }}
        renderItem={(v) => (
          <List.Item
            actions={[
              <Button
                key="view"
                size="small"
                onClick={() => setSelected(v.version)}
                aria-label={t('plan.viewVersion', { n: v.version })}
              >
                {t('common.view')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={t('plan.versionN', { n: v.version })}
              description={`${fmtDateTime(v.submittedAt)} · ${v.submittedBy.name ?? ''}`}
            />
          </List.Item>
        )}
      />
      {selected !== null && version.data ? (
        <Card size="small" title={t('plan.versionN', { n: selected })} style={{ marginTop: 12 }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('plan.theme')}>{version.data.content.theme}</Descriptions.Item>
            <Descriptions.Item label={t('plan.planTitle')}>{version.data.content.title}</Descriptions.Item>
            <Descriptions.Item label={t('plan.partners')}>
              {version.data.content.partnerBases.map((b) => b.name).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('plan.zishu')}>{version.data.content.zishu}</Descriptions.Item>
          </Descriptions>
          <div style={{ whiteSpace: 'pre-wrap' }}>{version.data.content.body}</div>
        </Card>
      ) : null}
    </Drawer>
  );
}
