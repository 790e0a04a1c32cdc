/**
 * The portal side (no login): the theme day's exhibition hall (booth cards with search) and a booth's page
 * (联系展商 → sign in if needed → message; contact person once the exhibitor accepts).
 */
import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Pagination,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page, PublicThemeDayDetail } from '../../api/types.ts';
import type { Booth, ContactRequest } from '../../api/roadshows.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { errorMessage } from '../../components/errors.ts';

export function HallPage() {
  const { id = '' } = useParams();
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [page, setPage] = useState(1);
  const td = useQuery({
    queryKey: ['public', 'theme-day', id],
    queryFn: () => api.get<PublicThemeDayDetail>(`/public/theme-days/${id}`),
  });
  const booths = useQuery({
    queryKey: ['public', 'hall', id, q, page],
    queryFn: () => api.get<Page<Booth>>(`/public/theme-days/${id}/booths`, { q: q || undefined, page, pageSize: 12 }),
  });
  return (
    <QueryState isLoading={td.isLoading} error={td.error} refetch={() => void td.refetch()} inWorkspace={false}>
      {td.data ? (
        <>
          <PageHeader
            title={t('roadshows.hall.title')}
            subtitle={t('roadshows.hall.subtitle', { title: td.data.title })}
            docTitle={`${t('roadshows.hall.title')} · ${td.data.title}`}
            extra={<LinkButton to={`/theme-days/${id}`}>{t('roadshows.hall.backToThemeDay')}</LinkButton>}
          />
          <Input
            allowClear
            size="large"
            prefix={<SearchOutlined />}
            aria-label={t('roadshows.hall.search')}
            placeholder={t('roadshows.hall.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            style={{ maxWidth: 480, marginBottom: 16 }}
            data-testid="hall-search"
          />
          <QueryState isLoading={booths.isLoading} error={booths.error} inWorkspace={false}>
            {!booths.data?.items.length ? (
              <Empty description={q ? t('roadshows.hall.emptySearch') : t('roadshows.hall.empty')} />
            ) : (
              <Row gutter={[16, 16]} data-testid="booth-grid">
                {booths.data.items.map((b) => (
                  <Col key={b.id} xs={24} sm={12} lg={8}>
                    <Card className="rt-booth-card" style={{ height: '100%' }} data-testid="booth-card">
                      <Typography.Title level={2} style={{ fontSize: 17, marginTop: 0 }}>
                        <Link to={`/hall/booths/${b.id}`}>{b.title}</Link>
                      </Typography.Title>
                      <div style={{ color: '#595959', marginBottom: 8 }}>{b.organisation.name}</div>
                      <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 8 }}>
                        {b.intro}
                      </Typography.Paragraph>
                      <Space size={[4, 4]} wrap>
                        {b.items.slice(0, 3).map((i) => (
                          <Tag key={`${i.type}-${i.id}`}>
                            {t(`roadshows.hall.item.${i.type}` as MessageKey)}：{i.title}
                          </Tag>
                        ))}
                      </Space>
                    </Card>
                  </Col>
                ))}
              </Row>
            )}
            {(booths.data?.total ?? 0) > 12 ? (
              <Pagination
                style={{ marginTop: 16 }}
                current={page}
                pageSize={12}
                total={booths.data?.total ?? 0}
                onChange={setPage}
              />
            ) : null}
          </QueryState>
        </>
      ) : null}
    </QueryState>
  );
}

const ITEM_LINK: Record<string, (id: string) => string | null> = {
  roadshow_project: () => null,
  result: (id) => `/results/${id}`,
  resource: (id) => `/resources/${id}`,
  demand: (id) => `/demands/${id}`,
};

export function BoothPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = AntApp.useApp();
  const location = useLocation();
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['public', 'booth', id], queryFn: () => api.get<Booth>(`/public/booths/${id}`) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ message: string }>();
  const send = useMutation({
    mutationFn: (v: { message: string }) => api.post<ContactRequest>(`/exhibition/booths/${id}/contact-requests`, v),
    onSuccess: async () => {
      message.success(t('roadshows.hall.sent'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['public', 'booth', id] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const b = q.data;
  const signedIn = !!me.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {b ? (
        <>
          <PageHeader
            title={b.title}
            subtitle={b.organisation.name}
            extra={<LinkButton to={`/theme-days/${b.themeDay.id}/hall`}>{t('roadshows.hall.backToHall')}</LinkButton>}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={15}>
              <Card title={<h2 className="rt-card-title">{t('roadshows.hall.intro')}</h2>} style={{ marginBottom: 16 }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {b.intro}
                </Typography.Paragraph>
              </Card>
              <Card title={<h2 className="rt-card-title">{t('roadshows.hall.items')}</h2>}>
                {b.items.length ? (
                  <List
                    dataSource={b.items}
                    renderItem={(i) => {
                      const link = ITEM_LINK[i.type]?.(i.id);
                      return (
                        <List.Item>
                          <Space wrap>
                            <Tag>{t(`roadshows.hall.item.${i.type}` as MessageKey)}</Tag>
                            {link && i.public ? <Link to={link}>{i.title}</Link> : <span>{i.title}</span>}
                            {!i.public ? <Tag color="default">{t('roadshows.hall.item.notPublic')}</Tag> : null}
                          </Space>
                        </List.Item>
                      );
                    }}
                  />
                ) : (
                  <Empty description={t('roadshows.hall.noItems')} />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={9}>
              <Card
                title={<h2 className="rt-card-title">{t('roadshows.hall.contact')}</h2>}
                data-testid="booth-contact"
              >
                {b.contact ? (
                  <Descriptions column={1} size="small" data-testid="contact-person">
                    <Descriptions.Item label={t('roadshows.hall.contactPerson')}>{b.contact.name}</Descriptions.Item>
                    {b.contact.phone ? (
                      <Descriptions.Item label={t('roadshows.hall.phone')}>{b.contact.phone}</Descriptions.Item>
                    ) : null}
                    {b.contact.email ? (
                      <Descriptions.Item label={t('roadshows.hall.email')}>{b.contact.email}</Descriptions.Item>
                    ) : null}
                  </Descriptions>
                ) : (
                  <p style={{ color: '#595959' }}>{t('roadshows.hall.contactHidden')}</p>
                )}
                {b.myRequest ? (
                  <Alert
                    type={
                      b.myRequest.status === 'accepted'
                        ? 'success'
                        : b.myRequest.status === 'declined'
                          ? 'warning'
                          : 'info'
                    }
                    showIcon
                    title={t(`roadshows.hall.request.${b.myRequest.status}` as MessageKey)}
                    data-testid="my-request"
                  />
                ) : !signedIn ? (
                  <LinkButton
                    type="primary"
                    size="large"
                    block
                    to={`/login?next=${encodeURIComponent(location.pathname)}`}
                    data-testid="contact-login"
                  >
                    {t('roadshows.hall.contactLogin')}
                  </LinkButton>
                ) : b.abilities.requestContact ? (
                  open ? (
                    <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
                      <Form.Item
                        name="message"
                        label={t('roadshows.hall.message')}
                        rules={[{ required: true, whitespace: true, message: t('roadshows.hall.message') }]}
                      >
                        <Input.TextArea
                          rows={4}
                          maxLength={1000}
                          showCount
                          placeholder={t('roadshows.hall.messagePlaceholder')}
                          data-testid="contact-message"
                        />
                      </Form.Item>
                      <Space>
                        <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="contact-send">
                          {t('roadshows.hall.send')}
                        </Button>
                        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
                      </Space>
                    </Form>
                  ) : (
                    <Button type="primary" size="large" block onClick={() => setOpen(true)} data-testid="contact-open">
                      {t('roadshows.hall.contact')}
                    </Button>
                  )
                ) : null}
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </QueryState>
  );
}
