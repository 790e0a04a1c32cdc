import { Flex, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { Recommendation } from '../../../api/demands.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { appLink } from '../shared.tsx';

/** A list of recommendations with the type, a link and the Chinese reason. */
export function RecList({ items, testId }: { items: Recommendation[]; testId?: string }) {
  const t = useT();
  return (
    <List
      size="small"
      dataSource={items}
      data-testid={testId}
      locale={{ emptyText: t('demands.m.recsEmpty') }}
      renderItem={(r) => (
        <List.Item key={`${r.type}-${r.id}`}>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Space size={6} wrap>
              <ToneTag
                tone={
                  r.type === 'organisation'
                    ? 'grey'
                    : r.type === 'resource'
                      ? 'green'
                      : r.type === 'result'
                        ? 'orange'
                        : 'purple'
                }
              >
                {t(`demands.rec.${r.type}` as MessageKey)}
              </ToneTag>
              <Link to={appLink(r.link)}>{r.title}</Link>
            </Space>
            <Typography.Text className="rt-text-secondary" style={{ fontSize: 13 }}>
              {r.reason}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}
