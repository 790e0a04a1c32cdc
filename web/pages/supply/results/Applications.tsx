/** Applications to take part in a result: received (accept/decline) and my own. */
import { useState } from 'react';
import { App as AntApp, Button, Empty, Popconfirm, Radio, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { ResultApplication } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { errorMessage } from '../../../components/errors.ts';
import { ApplicationStatusTag } from '../shared.tsx';

export function Applications() {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [box, setBox] = useState<'received' | 'mine'>('received');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['result-applications', box, page],
    queryFn: () => api.get<Page<ResultApplication>>('/result-applications', { box, page, pageSize: 20 }),
  });
  const decide = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'accept' | 'decline' }) =>
      api.post<ResultApplication>(`/result-applications/${id}/${action}`, {}),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['result-applications'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Radio.Group
        value={box}
        onChange={(e) => {
          setBox(e.target.value as 'received' | 'mine');
          setPage(1);
        }}
        optionType="button"
        style={{ marginBottom: 12 }}
        options={[
          { value: 'received', label: t('supply.apply.received') },
          { value: 'mine', label: t('supply.apply.mine') },
        ]}
      />
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<ResultApplication>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common.total', { n }),
          }}
          scroll={{ x: 760 }}
          locale={{
            emptyText:
              box === 'received' ? (
                <span className="rt-muted">{t('supply.apply.receivedEmpty')}</span>
              ) : (
                <Empty description={t('supply.apply.mineEmpty')}>
                  <LinkButton to="/results">{t('supply.apply.browse')}</LinkButton>
                </Empty>
              ),
          }}
          columns={[
            {
              title: t('supply.apply.result'),
              key: 'r',
              render: (_: unknown, a) => <Link to={`/results/${a.result.id}`}>{a.result.title}</Link>,
            },
            {
              title: box === 'received' ? t('supply.apply.applicant') : t('supply.result.holder'),
              key: 'o',
              render: (_: unknown, a) =>
                box === 'received' ? `${a.organisation.name}（${a.user.name}）` : a.result.organisation.name,
            },
            { title: t('supply.apply.message'), dataIndex: 'message', ellipsis: true },
            {
              title: t('common.status'),
              key: 's',
              render: (_: unknown, a) => <ApplicationStatusTag status={a.status} />,
            },
            { title: t('common.createdAt'), key: 'c', render: (_: unknown, a) => fmtDateTime(a.createdAt) },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, a) => (
                <Space>
                  {a.abilities.accept ? (
                    <Button size="small" type="primary" onClick={() => decide.mutate({ id: a.id, action: 'accept' })}>
                      {t('supply.apply.accept')}
                    </Button>
                  ) : null}
                  {a.abilities.decline ? (
                    <Popconfirm
                      title={t('supply.apply.confirmDecline')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => decide.mutate({ id: a.id, action: 'decline' })}
                    >
                      <Button size="small" danger>
                        {t('supply.apply.decline')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
    </>
  );
}
