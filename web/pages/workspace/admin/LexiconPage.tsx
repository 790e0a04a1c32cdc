/**
 * 检索词库 (/workspace/lexicon; NDRC and the system administrator): the entries administrators added, with
 * 删除 after a confirmation, a form to add a synonym group or a broader → narrower relation, and the built-in
 * entries read-only. An added entry expands searches at once (server/modules/lexicon). Below the form, the
 * partner recommendations' acceptance rate (lexicon/RecommendationStatsCard.tsx).
 */
import { useMemo, useState } from 'react';
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
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import {
  LEXICON_MAX_TERMS,
  LEXICON_TERM_MAX,
  type LexiconEntryBody,
  type LexiconEntryView,
  type LexiconKind,
  type LexiconList,
} from '../../../api/lexicon.ts';
import { useT } from '../../../i18n/index.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { fmtDateTime } from '../../../components/format.ts';
import { useLeaveGuard } from '../../../hooks/useLeaveGuard.ts';
import { useSubmissionKey } from '../../../hooks/useSubmissionKey.ts';
import { RecommendationStatsCard } from './lexicon/RecommendationStatsCard.tsx';

const KEY = ['search-lexicon'];

/** The server names a term of the list as `terms.3`; the form has one field for the whole list. */
const TERMS_ALIAS: Record<string, string> = Object.fromEntries(
  Array.from({ length: 50 }, (_, i) => [`terms.${i}`, 'terms']),
);

function Terms({ e }: { e: LexiconEntryView }) {
  return (
    <Space size={[4, 4]} wrap>
      <Typography.Text strong>{e.term}</Typography.Text>
      <span aria-hidden className="rt-text-secondary">
        {e.kind === 'synonym' ? '=' : '→'}
      </span>
      {e.terms.map((x) => (
        <Tag key={x} style={{ marginInlineEnd: 0 }}>
          {x}
        </Tag>
      ))}
    </Space>
  );
}

export function LexiconPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState('');
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<LexiconList>('/search/lexicon') });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/search/lexicon/${id}`),
    onSuccess: () => {
      void message.success(t('lexicon.removedToast'));
      void qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const kindLabel = (k: LexiconKind) => (k === 'synonym' ? t('lexicon.kindSynonym') : t('lexicon.kindNarrower'));
  const builtIn = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const all = list.data?.builtIn ?? [];
    return f ? all.filter((e) => e.term.includes(f) || e.terms.some((x) => x.includes(f))) : all;
  }, [list.data, filter]);

  return (
    <>
      <PageHeader title={t('lexicon.title')} subtitle={t('lexicon.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <AddEntryCard />
            <RecommendationStatsCard />
          </Flex>
        </Col>
        <Col xs={24} xl={15}>
          <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()}>
            <Flex vertical gap={16}>
              <Card
                title={<h2 className="rt-card-title">{t('lexicon.added')}</h2>}
                extra={t('lexicon.addedCount', { n: list.data?.added.length ?? 0 })}
              >
                <Table<LexiconEntryView>
                  rowKey={(e) => e.id ?? e.term}
                  data-testid="lexicon-added"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  dataSource={list.data?.added ?? []}
                  locale={{ emptyText: <Empty description={t('lexicon.addedEmpty')} /> }}
                  scroll={{ x: 560 }}
                  columns={[
                    { title: t('lexicon.kind'), key: 'kind', width: 130, render: (_, e) => kindLabel(e.kind) },
                    { title: t('lexicon.term'), key: 'terms', render: (_, e) => <Terms e={e} /> },
                    {
                      title: t('lexicon.addedBy'),
                      key: 'by',
                      width: 150,
                      render: (_, e) => (
                        <>
                          <div>{e.createdByName ?? '—'}</div>
                          <div className="rt-text-secondary">{e.createdAt ? fmtDateTime(e.createdAt) : ''}</div>
                        </>
                      ),
                    },
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 80,
                      render: (_, e) => (
                        <Popconfirm
                          title={t('lexicon.removeConfirm', { term: e.term })}
                          okText={t('lexicon.remove')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() => e.id && remove.mutate(e.id)}
                        >
                          <Button
                            size="small"
                            danger
                            disabled={remove.isPending}
                            aria-label={t('lexicon.removeN', { term: e.term })}
                            data-testid="lexicon-remove"
                          >
                            {t('lexicon.remove')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]}
                />
              </Card>
              <Card
                title={<h2 className="rt-card-title">{t('lexicon.builtIn')}</h2>}
                extra={
                  <Input.Search
                    allowClear
                    aria-label={t('lexicon.builtInSearch')}
                    placeholder={t('lexicon.builtInSearch')}
                    onChange={(ev) => setFilter(ev.target.value)}
                    style={{ width: 200 }}
                    data-testid="lexicon-builtin-filter"
                  />
                }
              >
                <Typography.Paragraph type="secondary">
                  {t('lexicon.builtInHelp', { version: list.data?.version ?? '' })}
                </Typography.Paragraph>
                <Table<LexiconEntryView>
                  rowKey={(e) => `${e.kind}:${e.term}:${e.terms.join(',')}`}
                  data-testid="lexicon-builtin"
                  size="small"
                  pagination={{ pageSize: 15, showSizeChanger: false }}
                  dataSource={builtIn}
                  scroll={{ x: 480 }}
                  columns={[
                    { title: t('lexicon.kind'), key: 'kind', width: 130, render: (_, e) => kindLabel(e.kind) },
                    { title: t('lexicon.term'), key: 'terms', render: (_, e) => <Terms e={e} /> },
                  ]}
                />
              </Card>
            </Flex>
          </QueryState>
        </Col>
      </Row>
    </>
  );
}

interface EntryForm {
  kind: LexiconKind;
  term: string;
  terms: string[];
}

/** The form: a synonym group or a broader term with its narrower ones. */
function AddEntryCard() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EntryForm>();
  const kind = Form.useWatch('kind', form) ?? 'synonym';
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submission = useSubmissionKey();
  useLeaveGuard(dirty, t('lexicon.leaveWarning'));
  const add = useMutation({
    mutationFn: (body: LexiconEntryBody) =>
      api.post<LexiconEntryView>('/search/lexicon', body, { idempotencyKey: submission.keyFor(body) }),
    onSuccess: (e) => {
      submission.done();
      setDirty(false);
      form.resetFields();
      form.setFieldValue('kind', e.kind);
      void message.success(t('lexicon.addedToast', { term: e.term }));
      void qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, TERMS_ALIAS)) setError(errorMessage(e));
    },
  });
  const submit = () => {
    setError(null);
    form
      .validateFields()
      .then((v) => add.mutate({ kind: v.kind, term: v.term, terms: v.terms }))
      .catch(() => setError(t('common.fixFields')));
  };
  const synonym = kind === 'synonym';
  return (
    <Card title={<h2 className="rt-card-title">{t('lexicon.new')}</h2>}>
      {error ? (
        <Alert
          type="error"
          showIcon
          closable
          title={error}
          style={{ marginBottom: 12 }}
          onClose={() => setError(null)}
          data-testid="lexicon-error"
        />
      ) : null}
      <Form<EntryForm>
        form={form}
        layout="vertical"
        disabled={add.isPending}
        initialValues={{ kind: 'synonym', term: '', terms: [] }}
        onValuesChange={() => setDirty(true)}
        requiredMark
      >
        <Form.Item
          name="kind"
          label={t('lexicon.kind')}
          extra={synonym ? t('lexicon.kindSynonymHelp') : t('lexicon.kindNarrowerHelp')}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="lexicon-kind"
            options={[
              { value: 'synonym', label: t('lexicon.kindSynonym') },
              { value: 'narrower', label: t('lexicon.kindNarrower') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="term"
          label={synonym ? t('lexicon.termSynonym') : t('lexicon.termNarrower')}
          rules={[{ required: true, whitespace: true, message: t('lexicon.termRequired') }]}
        >
          <Input maxLength={LEXICON_TERM_MAX + 10} data-testid="lexicon-term" />
        </Form.Item>
        <Form.Item
          name="terms"
          label={synonym ? t('lexicon.termsSynonym') : t('lexicon.termsNarrower')}
          extra={t('lexicon.termsHelp', { n: LEXICON_MAX_TERMS, max: LEXICON_TERM_MAX })}
          rules={[{ required: true, type: 'array', min: 1, message: t('lexicon.termsRequired') }]}
        >
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[' ', ',', '，', '、']}
            data-testid="lexicon-terms"
          />
        </Form.Item>
      </Form>
      <Flex justify="flex-end">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          loading={add.isPending}
          disabled={add.isPending}
          onClick={submit}
          data-testid="lexicon-submit"
        >
          {t('lexicon.submit')}
        </Button>
      </Flex>
    </Card>
  );
}
