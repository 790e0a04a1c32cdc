/** The activity plan as submitted: agenda, parts and the remaining facts. */
import { Card, Col, Descriptions, List, Row, Table } from 'antd';
import type { ActivityPlan } from '../../../../api/types.ts';
import { useT } from '../../../../i18n/index.tsx';
import { fmtDate } from '../../../../components/format.ts';

export function ReadOnly({ plan }: { plan: ActivityPlan }) {
  const t = useT();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={<h2 className="rt-card-title">{t('ap.agenda')}</h2>}>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.date}-${r.time}-${r.item}`}
            dataSource={plan.agenda}
            locale={{ emptyText: t('ap.agendaEmpty') }}
            columns={[
              { title: t('portal.agenda.date'), dataIndex: 'date', render: (v: string) => fmtDate(v) },
              { title: t('portal.agenda.time'), dataIndex: 'time' },
              { title: t('portal.agenda.item'), dataIndex: 'item' },
              { title: t('portal.agenda.location'), dataIndex: 'location', render: (v?: string) => v || '—' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={<h2 className="rt-card-title">{t('ap.parts')}</h2>}>
          <List
            size="small"
            dataSource={plan.parts.filter((p) => p.description.trim())}
            locale={{ emptyText: '—' }}
            renderItem={(p) => (
              <List.Item>
                <div>
                  <strong>{p.name}</strong>
                  <div>{p.description}</div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card>
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 150 } }}>
            <Descriptions.Item label={t('plan.partners')}>
              {plan.partners.map((p) => p.name).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('ap.supportOrgs')}>
              {plan.supportOrganisations.map((o) => o.name).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('ap.venue')}>{plan.venue || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ap.headcount')}>{plan.headcountLimit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ap.online')}>{plan.onlineChannel || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('plan.epidemic')}>{plan.epidemicMeasures || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ap.emergency')}>{plan.emergencyPlan || '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}
