/**
 * /workspace/demands: 我发布的需求 / 新技术目录 (publish, edit, close; .xlsx import with row-level errors and
 * export), 我提交的响应, 创新联合体 (sign here) and 为我推荐 (GET /recommendations/for-me).
 */
import { Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { MyDemands } from './workspace/MyDemands.tsx';
import { MyResponses } from './workspace/MyResponses.tsx';
import { MyConsortia } from './workspace/MyConsortia.tsx';
import { ForMe } from './workspace/ForMe.tsx';

const TABS = ['mine', 'tech', 'responses', 'consortia', 'forMe'] as const;
type Tab = (typeof TABS)[number];

export function WorkspaceDemandsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'mine';
  const abilities = useQuery({
    queryKey: ['demands', 'abilities'],
    queryFn: () => api.get<{ publish: boolean; respond: boolean }>('/demands/abilities'),
  });
  const canPublish = !!abilities.data?.publish;

  return (
    <>
      <PageHeader
        title={t('demands.ws.title')}
        subtitle={t('demands.ws.sub')}
        extra={<LinkButton to="/demands">{t('demands.ws.browse')}</LinkButton>}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        destroyOnHidden
        items={[
          {
            key: 'mine',
            label: t('demands.ws.mine'),
            children: <MyDemands kind="demand" canPublish={canPublish} loading={abilities.isLoading} />,
          },
          {
            key: 'tech',
            label: t('demands.ws.tech'),
            children: <MyDemands kind="technology" canPublish={canPublish} loading={abilities.isLoading} />,
          },
          { key: 'responses', label: t('demands.ws.responses'), children: <MyResponses /> },
          { key: 'consortia', label: t('demands.ws.consortia'), children: <MyConsortia /> },
          { key: 'forMe', label: t('demands.ws.forMe'), children: <ForMe /> },
        ]}
      />
    </>
  );
}
