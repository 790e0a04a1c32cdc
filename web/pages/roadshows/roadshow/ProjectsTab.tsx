/** A roadshow's applications: screen them (accept/reject with a note). */
import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Flex, Input, Modal, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { Project, Roadshow } from '../../../api/roadshows.ts';
import { useT } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { ProjectStatusTag } from '../shared.tsx';

export function ProjectsTab({ r }: { r: Roadshow }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['roadshow', r.id, 'projects', page, status],
    queryFn: () =>
      api.get<Page<Project>>(`/roadshows/${r.id}/projects`, {
        page,
        pageSize: 20,
        status,
        sort: 'createdAt',
        order: 'asc',
      }),
  });
  const [rejecting, setRejecting] = useState<Project | null>(null);
  const [note, setNote] = useState('');
  const screen = useMutation({
    mutationFn: (v: { p: Project; decision: 'accept' | 'reject'; note?: string }) =>
      api.post<Project>(`/roadshow-projects/${v.p.id}/screen`, { decision: v.decision, note: v.note || undefined }),
    onSuccess: async () => {
      setRejecting(null);
      setNote('');
      await qc.invalidateQueries({ queryKey: ['roadshow', r.id] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('common.status')}
          allowClear
          placeholder={t('common.status')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['submitted', 'accepted', 'rejected'] as const).map((s) => ({
            value: s,
            label: t(`roadshows.project.${s}`),
          }))}
        />
      </Flex>
      <Table<Project>
        rowKey="id"
        data-testid="projects-table"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        locale={{ emptyText: <Empty description={t('roadshows.screen.empty')} /> }}
        expandable={{
          expandedRowRender: (p) => (
            <div>
              <b>{t('roadshows.project.team')}：</b>
              {p.team}
              {p.summary ? <p style={{ marginTop: 8 }}>{p.summary}</p> : null}
            </div>
          ),
        }}
        columns={[
          {
            title: t('roadshows.mine.project'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <>
                <div style={{ fontWeight: 600 }}>{v}</div>
                <div style={{ color: '#595959' }}>{p.organisationName}</div>
              </>
            ),
          },
          { title: t('roadshows.project.field'), dataIndex: 'field', width: 130 },
          { title: t('roadshows.project.stage'), dataIndex: 'stageLabel', width: 110 },
          {
            title: t('roadshows.project.need'),
            dataIndex: 'financingNeedWan',
            width: 110,
            render: (n: number) => t('roadshows.project.needWan', { n }),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: Project['status']) => <ProjectStatusTag status={s} />,
          },
          {
            title: t('roadshows.screen.note'),
            dataIndex: 'screeningNote',
            width: 200,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 230,
            render: (_: unknown, p) => (
              <Space wrap size={4}>
                <a href={p.businessPlan.url} target="_blank" rel="noreferrer">
                  {t('roadshows.mine.bp')}
                </a>
                {p.abilities.screen && p.status !== 'accepted' ? (
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`accept-${p.name}`}
                    loading={screen.isPending}
                    onClick={() => screen.mutate({ p, decision: 'accept' })}
                  >
                    {t('roadshows.screen.accept')}
                  </Button>
                ) : null}
                {p.abilities.screen && p.status !== 'rejected' ? (
                  <Button size="small" danger onClick={() => setRejecting(p)}>
                    {t('roadshows.screen.reject')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!rejecting}
        title={`${t('roadshows.screen.reject')}：${rejecting?.name ?? ''}`}
        okText={t('roadshows.screen.reject')}
        okButtonProps={{ danger: true, loading: screen.isPending }}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && screen.mutate({ p: rejecting, decision: 'reject', note })}
      >
        <label htmlFor="reject-note">{t('roadshows.screen.reason')}</label>
        <Input.TextArea
          id="reject-note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
