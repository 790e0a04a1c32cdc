/** A roadshow's scoring criteria and their weights. */
import { Alert, App as AntApp, Button, Card, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Criterion, Roadshow } from '../../../api/roadshows.ts';
import { useT } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../components/errors.ts';

export function CriteriaTab({ r }: { r: Roadshow }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ criteria: Criterion[] }>();
  const editable = r.abilities.edit && r.status === 'collecting';
  const save = useMutation({
    mutationFn: (criteria: Criterion[]) => api.patch<Roadshow>(`/roadshows/${r.id}`, { criteria }),
    onSuccess: async () => {
      message.success(t('roadshows.criteria.saved'));
      await qc.invalidateQueries({ queryKey: ['roadshow', r.id] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const values = Form.useWatch('criteria', form) ?? r.criteria;
  const total = values.reduce((a, c) => a + (Number(c?.weight) || 0), 0);
  return (
    <Card>
      {!editable ? (
        <Alert type="info" showIcon title={t('roadshows.criteria.frozen')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        initialValues={{ criteria: r.criteria }}
        disabled={!editable}
        onFinish={(v) => save.mutate(v.criteria.map((c) => ({ ...c, weight: Number(c.weight) })))}
      >
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} wrap align="flex-start">
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, message: t('roadshows.criteria.name') }]}
                    style={{ flex: '1 1 180px' }}
                  >
                    <Input
                      aria-label={t('roadshows.criteria.name')}
                      placeholder={t('roadshows.criteria.name')}
                      maxLength={100}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'key']}
                    rules={[
                      { required: true, pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, message: t('roadshows.criteria.key') },
                    ]}
                    style={{ flex: '0 1 160px' }}
                  >
                    <Input
                      aria-label={t('roadshows.criteria.key')}
                      placeholder={t('roadshows.criteria.key')}
                      maxLength={40}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'weight']}
                    rules={[{ required: true, message: t('roadshows.criteria.weight') }]}
                    style={{ width: 110 }}
                  >
                    <InputNumber aria-label={t('roadshows.criteria.weight')} min={1} max={100} addonAfter="%" />
                  </Form.Item>
                  {editable ? (
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('roadshows.criteria.remove', { name: values[f.name]?.name ?? '' })}
                      onClick={() => remove(f.name)}
                    />
                  ) : null}
                </Flex>
              ))}
              <Flex gap={12} align="center" wrap>
                {editable ? (
                  <Button onClick={() => add({ key: `c${fields.length + 1}`, name: '', weight: 10 })}>
                    {t('roadshows.criteria.add')}
                  </Button>
                ) : null}
                <Typography.Text type={total === 100 ? undefined : 'warning'}>
                  {t('roadshows.criteria.total', { n: total })}
                </Typography.Text>
                {editable ? (
                  <Button type="primary" htmlType="submit" loading={save.isPending}>
                    {t('common.save')}
                  </Button>
                ) : null}
              </Flex>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
