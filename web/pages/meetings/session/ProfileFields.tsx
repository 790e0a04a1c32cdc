/** The offer/seek fields of a participant's profile, used when joining and on the availability tab. */
import { Col, Form, Input, Row } from 'antd';
import { useT } from '../../../i18n/index.tsx';

export function ProfileFields() {
  const t = useT();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="offer" label={t('meetings.offer')} extra={t('meetings.offerHelp')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="profile-offer" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="seek" label={t('meetings.seek')} extra={t('meetings.seekHelp')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="profile-seek" />
        </Form.Item>
      </Col>
    </Row>
  );
}
