/** A session's facts (time, mode, venue, capacity, registration window) on its public, registration and staff pages. */
import { Descriptions, Space } from 'antd';
import type { EventSession } from '../../api/events.ts';
import { useT } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { CapacityStatus, fmtSessionTime, ModeTag, StateTag } from '../../components/events/SessionParts.tsx';

export function SessionFacts({ s }: { s: EventSession }) {
  const t = useT();
  return (
    <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" data-testid="session-facts">
      <Descriptions.Item label={t('events.time')}>{fmtSessionTime(s.startsAt, s.endsAt)}</Descriptions.Item>
      <Descriptions.Item label={t('events.f.mode')}>
        <ModeTag mode={s.mode} />
      </Descriptions.Item>
      {s.mode !== 'online' ? <Descriptions.Item label={t('events.venue')}>{s.venue ?? '—'}</Descriptions.Item> : null}
      {s.mode !== 'online' ? (
        <Descriptions.Item label={t('events.capacity')}>
          <Space wrap>
            <span>
              {s.capacity != null
                ? t('events.capacityOf', { registered: s.offline.registered, capacity: s.capacity })
                : '—'}
            </span>
            <CapacityStatus s={s} />
          </Space>
        </Descriptions.Item>
      ) : (
        <Descriptions.Item label={t('events.online')}>
          <CapacityStatus s={s} />
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('events.registrationWindow')}>
        {fmtDateTime(s.registrationOpensAt)} — {fmtDateTime(s.registrationClosesAt)}{' '}
        <StateTag state={s.registrationState} />
      </Descriptions.Item>
      <Descriptions.Item
        label={t('events.themeDay')}
      >{`${s.themeDay.title}（${s.themeDay.hostName}）`}</Descriptions.Item>
    </Descriptions>
  );
}
