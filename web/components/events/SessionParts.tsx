/** Small pieces of an event session, used by the event pages and by the portal's theme-day and home pages: tags, capacity status, time ranges, the register/cancel buttons. */
import { App, Button } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { EventSession, Registration, RegistrationStatus, SessionMode } from '../../api/events.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { ToneTag, type Tone } from '../StatusTag.tsx';
import { LinkButton } from '../LinkButton.tsx';
import { errorMessage } from '../errors.ts';
import { fmtDateTime, fmtMonthDay } from '../format.ts';

export const KIND_TONE: Record<string, Tone> = {
  opening: 'purple',
  roadshow: 'orange',
  seminar: 'blue',
  docking: 'green',
  exhibition: 'grey',
};

export function KindTag({ kind }: { kind: string }) {
  const t = useT();
  return <ToneTag tone={KIND_TONE[kind] ?? 'grey'}>{t(`events.kind.${kind}` as MessageKey)}</ToneTag>;
}

export function ModeTag({ mode }: { mode: SessionMode }) {
  const t = useT();
  return (
    <ToneTag tone={mode === 'online' ? 'blue' : mode === 'hybrid' ? 'purple' : 'grey'}>
      {t(`events.mode.${mode}`)}
    </ToneTag>
  );
}

const STATUS_TONE: Record<RegistrationStatus, Tone> = { registered: 'green', waitlisted: 'orange', cancelled: 'grey' };

export function RegStatusTag({
  status,
  position,
  checkedIn,
  testId,
}: {
  status: RegistrationStatus;
  position?: number | null;
  checkedIn?: boolean;
  testId?: string;
}) {
  const t = useT();
  if (checkedIn)
    return (
      <ToneTag tone="blue" testId={testId}>
        {t('events.status.checkedIn')}
      </ToneTag>
    );
  return (
    <ToneTag tone={STATUS_TONE[status]} testId={testId}>
      {status === 'waitlisted' && position
        ? t('events.waitlistPosition', { n: position })
        : t(`events.status.${status}`)}
    </ToneTag>
  );
}

export function StateTag({ state }: { state: EventSession['registrationState'] }) {
  const t = useT();
  return (
    <ToneTag tone={state === 'open' ? 'green' : state === 'not_yet' ? 'blue' : 'grey'}>
      {t(`events.state.${state}`)}
    </ToneTag>
  );
}

/** "11月10日 09:00—10:00" (same day) or "11月10日 09:00—11月11日 17:00", Beijing time. */
export function fmtSessionTime(startsAt: string, endsAt: string): string {
  const a = fmtDateTime(startsAt);
  const b = fmtDateTime(endsAt);
  const [da, ta] = [a.slice(0, a.lastIndexOf(' ')), a.slice(a.lastIndexOf(' ') + 1)];
  const [db, tb] = [b.slice(0, b.lastIndexOf(' ')), b.slice(b.lastIndexOf(' ') + 1)];
  return da === db ? `${da} ${ta}—${tb}` : `${a}—${fmtMonthDay(endsAt)} ${tb}`;
}

/** Places left / full with waitlist, for the on-site part (or the online part of an online session). */
export function CapacityStatus({ s }: { s: EventSession }) {
  const t = useT();
  const part = s.mode === 'online' ? s.online : s.offline;
  const limit = s.mode === 'online' ? s.onlineLimit : s.capacity;
  if (limit == null) return <ToneTag tone="green">{t('events.unlimited')}</ToneTag>;
  if ((part.remaining ?? 0) > 0)
    return (
      <ToneTag tone="green" testId={`places-${s.id}`}>
        {t('events.placesLeft', { n: part.remaining ?? 0 })}
      </ToneTag>
    );
  return (
    <ToneTag tone="red" testId={`places-${s.id}`}>
      {part.waitlisted ? t('events.fullWaitlist', { n: part.waitlisted }) : t('events.full')}
    </ToneTag>
  );
}

/** The register button: to the registration page (the workspace sends an anonymous visitor to sign in first). */
export function RegisterButton({ s, size, block }: { s: EventSession; size?: 'large' | 'middle'; block?: boolean }) {
  const t = useT();
  const { data: me } = useMe();
  if (s.myRegistration && s.myRegistration.status !== 'cancelled') return null;
  if (s.registrationState !== 'open') return null;
  const full = (s.mode === 'online' ? s.online.remaining : s.offline.remaining) === 0;
  const label = !me ? t('events.loginToRegister') : full ? t('events.joinWaitlist') : t('events.register');
  return (
    <LinkButton
      to={`/workspace/events/register/${s.id}`}
      type="primary"
      size={size}
      block={block}
      aria-label={`${label}：${s.title}`}
      data-testid={`register-${s.id}`}
    >
      {label}
    </LinkButton>
  );
}

/** Cancel with a confirmation that says what happens to the place. */
export function CancelButton({
  registrationId,
  title,
  onDone,
  danger = true,
  size,
}: {
  registrationId: string;
  title: string;
  onDone?: () => void;
  danger?: boolean;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api.post<Registration>(`/event-registrations/${registrationId}/cancel`),
    onSuccess: async () => {
      void message.success(t('events.cancelled'));
      await qc.invalidateQueries({ queryKey: ['events'] });
      onDone?.();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Button
      danger={danger}
      size={size}
      aria-label={`${t('events.cancel')}：${title}`}
      loading={cancel.isPending}
      data-testid={`cancel-${registrationId}`}
      onClick={() =>
        modal.confirm({
          title: t('events.cancelConfirm', { title }),
          content: t('events.cancelConfirmBody'),
          okText: t('events.cancel'),
          okButtonProps: { danger: true, 'data-testid': 'cancel-confirm' },
          cancelText: t('common.cancel'),
          onOk: () => cancel.mutateAsync(),
        })
      }
    >
      {t('events.cancel')}
    </Button>
  );
}
