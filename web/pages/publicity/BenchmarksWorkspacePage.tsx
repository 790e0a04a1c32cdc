/**
 * 融通创新标杆企业 in the workspace (/workspace/benchmarks, NDRC's menu): the enterprises named for a year with
 * the reasons, a form to name one (an enterprise, the year, the reasons) and 撤销 with a confirmation. What is
 * listed here is what the portal's /benchmarks shows.
 */
import { useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Table,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Organisation, Page } from '../../api/types.ts';
import type { BenchmarkList, BenchmarkView } from '../../api/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDate } from '../../components/format.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { useLeaveGuard } from '../../hooks/useLeaveGuard.ts';
import { useServerToday } from '../../hooks/useServerToday.ts';

/** Most characters of the reasons (BenchmarkBody). */
const REASON_MAX = 1000;

interface BenchmarkForm {
  organisationId?: string;
  year: number;
  reason: string;
}

export function BenchmarksWorkspacePage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const today = useServerToday();
  const thisYear = Number((today.data ?? '').slice(0, 4)) || new Date().getFullYear();
  // The newest year with benchmark enterprises, else this year (the server's).
  const all = useQuery({ queryKey: ['benchmarks', 'years'], queryFn: () => api.get<BenchmarkList>('/benchmarks') });
  const years = [...new Set([...(all.data?.years ?? []), thisYear])].sort((a, b) => b - a);
  const year = Number(params.get('year')) || all.data?.years[0] || thisYear;
  const list = useQuery({
    queryKey: ['benchmarks', 'year', year],
    queryFn: () => api.get<BenchmarkList>('/benchmarks', { year }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/benchmarks/${id}`),
    onSuccess: () => {
      void message.success(t('publicity.benchmarks.removed'));
      void qc.invalidateQueries({ queryKey: ['benchmarks'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const setYear = (y: number) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('year', String(y));
      return next;
    });

  return (
    <>
      <PageHeader
        title={t('publicity.benchmarks.title')}
        subtitle={t('publicity.benchmarks.subtitle')}
        extra={<LinkButton to={`/benchmarks?year=${year}`}>{t('publicity.cases.portal')}</LinkButton>}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card
            title={<h2 className="rt-card-title">{t('publicity.benchmarks.listOf', { y: year })}</h2>}
            extra={
              <Select<number>
                value={year}
                onChange={setYear}
                aria-label={t('publicity.portal.year')}
                style={{ minWidth: 110 }}
                options={years.map((y) => ({ value: y, label: t('publicity.portal.yearN', { y }) }))}
                data-testid="benchmarks-year"
              />
            }
          >
            <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()}>
              <Table<BenchmarkView>
                rowKey="id"
                data-testid="benchmarks-table"
                pagination={false}
                dataSource={list.data?.items ?? []}
                locale={{ emptyText: <Empty description={t('publicity.portal.benchmarksEmpty')} /> }}
                scroll={{ x: 640 }}
                columns={[
                  {
                    title: t('publicity.benchmarks.enterprise'),
                    key: 'org',
                    width: 200,
                    render: (_, b) => <strong>{b.organisation.name}</strong>,
                  },
                  {
                    title: t('publicity.benchmarks.reason'),
                    key: 'reason',
                    render: (_, b) => (
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                        {b.reason}
                      </Typography.Paragraph>
                    ),
                  },
                  {
                    title: t('publicity.benchmarks.namedAt'),
                    key: 'at',
                    width: 110,
                    render: (_, b) => fmtDate(b.namedAt),
                  },
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    render: (_, b) => (
                      <Popconfirm
                        title={t('publicity.benchmarks.removeConfirm', { name: b.organisation.name, y: b.year })}
                        okText={t('publicity.benchmarks.remove')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove.mutate(b.id)}
                      >
                        <Button
                          size="small"
                          danger
                          disabled={remove.isPending}
                          aria-label={t('publicity.benchmarks.removeN', { name: b.organisation.name })}
                          data-testid="benchmark-remove"
                        >
                          {t('publicity.benchmarks.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]}
              />
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {/* Mounted once the years are known, so the form starts from the year the list shows. */}
          {all.data && !today.isLoading ? <NameBenchmarkCard year={year} onNamed={setYear} /> : null}
        </Col>
      </Row>
    </>
  );
}

/** NDRC names an enterprise for a year, with the reasons. */
function NameBenchmarkCard({ year, onNamed }: { year: number; onNamed: (y: number) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<BenchmarkForm>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useLeaveGuard(dirty, t('publicity.benchmarks.leaveWarning'));
  const name = useMutation({
    mutationFn: (v: BenchmarkForm) => api.post<BenchmarkView>('/benchmarks', v),
    onSuccess: (b) => {
      setDirty(false);
      form.resetFields();
      form.setFieldValue('year', b.year);
      void message.success(t('publicity.benchmarks.named', { name: b.organisation.name }));
      void qc.invalidateQueries({ queryKey: ['benchmarks'] });
      onNamed(b.year);
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const submit = () => {
    setError(null);
    form
      .validateFields()
      .then((v) => name.mutate(v))
      .catch(() => setError(t('common.fixFields')));
  };
  return (
    <Card title={<h2 className="rt-card-title">{t('publicity.benchmarks.new')}</h2>}>
      {error ? (
        <Alert
          type="error"
          showIcon
          closable
          title={error}
          style={{ marginBottom: 12 }}
          onClose={() => setError(null)}
          data-testid="benchmark-error"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        disabled={name.isPending}
        initialValues={{ year, reason: '' }}
        onValuesChange={() => setDirty(true)}
        requiredMark
      >
        <Form.Item
          name="organisationId"
          label={t('publicity.benchmarks.enterprise')}
          extra={t('publicity.benchmarks.enterpriseHelp')}
          rules={[{ required: true, message: t('publicity.benchmarks.enterpriseRequired') }]}
        >
          <EnterpriseSelect />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('publicity.nominations.year')}
          rules={[{ required: true, message: t('publicity.benchmarks.yearRequired') }]}
        >
          <InputNumber min={2019} max={2100} precision={0} style={{ width: 140 }} data-testid="benchmark-year" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('publicity.benchmarks.reason')}
          rules={[{ required: true, whitespace: true, message: t('publicity.benchmarks.reasonRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={REASON_MAX} showCount data-testid="benchmark-reason" />
        </Form.Item>
      </Form>
      <Flex justify="flex-end">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          loading={name.isPending}
          disabled={name.isPending}
          onClick={submit}
          data-testid="benchmark-submit"
        >
          {t('publicity.benchmarks.submit')}
        </Button>
      </Flex>
    </Card>
  );
}

/** An enterprise, searched by name on the server (only enterprises may be named). */
function EnterpriseSelect({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const orgs = useQuery({
    queryKey: ['organisations', 'enterprise', q],
    queryFn: () =>
      api.get<Page<Organisation>>('/organisations', { kind: 'enterprise', q: q || undefined, pageSize: 30 }),
    staleTime: 60_000,
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={orgs.isFetching}
      placeholder={t('publicity.benchmarks.searchEnterprise')}
      notFoundContent={orgs.isFetching ? t('common.loading') : t('publicity.benchmarks.noEnterprise')}
      options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
      data-testid="benchmark-org"
      style={{ width: '100%' }}
    />
  );
}
