/**
 * Workspace page of 开放资源: my organisation's resources (publish, edit, close; .xlsx import with a
 * row-level error table, export), the requests it received (approve / decline with a reason / mark used /
 * close) and the requests it made (withdraw).
 */
import { Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Resource } from '../../api/supply.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RequestModal } from './resources/RequestModal.tsx';
import { MyResources } from './resources/MyResources.tsx';
import { Requests } from './resources/Requests.tsx';

export function ResourcesWorkspacePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'published';
  const requestId = params.get('request');
  const target = useQuery({
    queryKey: ['resources', requestId],
    queryFn: () => api.get<Resource>(`/resources/${requestId}`),
    enabled: !!requestId,
  });
  const closeRequest = () =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.delete('request');
      return n;
    });
  return (
    <>
      <PageHeader title={t('supply.resources.workspaceTitle')} subtitle={t('supply.resources.workspaceSubtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          {
            key: 'published',
            label: t('supply.resources.tabPublished'),
            children: tab === 'published' ? <MyResources /> : null,
          },
          {
            key: 'received',
            label: t('supply.resources.tabReceived'),
            children: tab === 'received' ? <Requests box="received" /> : null,
          },
          {
            key: 'mine',
            label: t('supply.resources.tabMine'),
            children: tab === 'mine' ? <Requests box="mine" /> : null,
          },
        ]}
      />
      {target.data?.abilities.request ? <RequestModal resource={target.data} open onClose={closeRequest} /> : null}
    </>
  );
}
