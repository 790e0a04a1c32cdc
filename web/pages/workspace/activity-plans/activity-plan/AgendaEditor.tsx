import { Button, DatePicker, Form, Input, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useT } from '../../../../i18n/index.tsx';

/** The agenda as an editable table: one row per item (date within the theme day, time, item, place). */
export function AgendaEditor({ start, end }: { start: string; end: string }) {
  const t = useT();
  return (
    <Form.List name="agenda">
      {(fields, { add, remove }) => (
        <div data-testid="ap-agenda" style={{ marginBottom: 24 }}>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            scroll={{ x: 760 }}
            locale={{ emptyText: t('ap.agendaEmpty') }}
            columns={[
              {
                title: t('portal.agenda.date'),
                width: 170,
                render: (_: unknown, f) => (
                  <Form.Item
                    name={[f.name, 'date']}
                    rules={[{ required: true, message: t('ap.agendaDateRequired') }]}
                    style={{ margin: 0 }}
                  >
                    <DatePicker
                      aria-label={`${t('portal.agenda.date')} ${f.name + 1}`}
                      data-testid={`ap-agenda-${f.name}-date`}
                      defaultPickerValue={dayjs(start)}
                      disabledDate={(d) => d.isBefore(dayjs(start), 'day') || d.isAfter(dayjs(end), 'day')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('portal.agenda.time'),
                width: 130,
                render: (_: unknown, f) => (
                  <Form.Item
                    name={[f.name, 'time']}
                    rules={[{ required: true, whitespace: true, message: t('ap.agendaTimeRequired') }]}
                    style={{ margin: 0 }}
                  >
                    <Input
                      placeholder="09:00-10:00"
                      aria-label={`${t('portal.agenda.time')} ${f.name + 1}`}
                      data-testid={`ap-agenda-${f.name}-time`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('portal.agenda.item'),
                render: (_: unknown, f) => (
                  <Form.Item
                    name={[f.name, 'item']}
                    rules={[{ required: true, whitespace: true, message: t('ap.agendaItemRequired') }]}
                    style={{ margin: 0 }}
                  >
                    <Input
                      aria-label={`${t('portal.agenda.item')} ${f.name + 1}`}
                      data-testid={`ap-agenda-${f.name}-item`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('portal.agenda.location'),
                width: 150,
                render: (_: unknown, f) => (
                  <Form.Item name={[f.name, 'location']} style={{ margin: 0 }}>
                    <Input
                      aria-label={`${t('portal.agenda.location')} ${f.name + 1}`}
                      data-testid={`ap-agenda-${f.name}-location`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('common.actions'),
                width: 70,
                render: (_: unknown, f) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('ap.agendaRemove', { n: f.name + 1 })}
                  />
                ),
              },
            ]}
          />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ date: dayjs(start), time: '', item: '', location: '' })}
            style={{ marginTop: 8 }}
            block
            data-testid="ap-agenda-add"
          >
            {t('ap.agendaAdd')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
