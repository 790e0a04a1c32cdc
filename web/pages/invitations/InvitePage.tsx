/**
 * The invitation link (/invite/<token>, issue 12 §1): the theme day it is for, and — signed out — sign in or
 * sign up (both come back here with `accept=1`, and the invitation is then accepted at once); signed in, accept
 * and land on the theme day. An expired, revoked, used or unknown link gets its own Chinese explanation, never
 * 页面不存在. A light page (no antd): a phone opening the link from an SMS loads little.
 */
import { useEffect, useRef } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import type { InvitationAccepted, InvitationLanding } from '../../api/invitations.ts';
import {
  LightCard,
  LightError,
  LightFacts,
  LightHeader,
  LightNotice,
  LightSkeleton,
} from '../../components/LightParts.tsx';
import { fmtDate, fmtDateRange } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';

type Dead = 'expired' | 'revoked' | 'used' | 'unknown';

/** The refusal codes of the server and the explanation each gets. */
const DEAD_BY_CODE: Record<string, Dead> = {
  invitation_expired: 'expired',
  invitation_revoked: 'revoked',
  invitation_used: 'used',
  invitation_not_found: 'unknown',
};

function DeadLink({ why }: { why: Dead }) {
  const t = useT();
  return (
    <>
      <LightHeader title={t(`invite.page.${why}` as MessageKey)} />
      <LightCard testId={`invite-${why}`}>
        <p>{t(`invite.page.${why}Hint` as MessageKey)}</p>
        <Link className="rt-pbtn rt-pbtn-primary" to="/">
          {t('invite.page.home')}
        </Link>
      </LightCard>
    </>
  );
}

export function InvitePage() {
  const t = useT();
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const signedIn = !!me.data;
  const q = useQuery({
    // The signed-in state is part of the key: "accepted by me" depends on who asks.
    queryKey: ['invitation', token, me.data?.user.id ?? null],
    queryFn: () => api.post<InvitationLanding>('/invitations/lookup', { token }),
    enabled: !me.isLoading,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  const accept = useMutation({
    mutationFn: () => api.post<InvitationAccepted>('/invitations/accept', { token }),
    onSuccess: (r) => void navigate(`/theme-days/${r.themeDayId}`, { replace: true }),
  });
  // Back from signing in or up (`accept=1`): accept at once, once.
  const auto = useRef(false);
  const pending = q.data?.status === 'pending';
  useEffect(() => {
    if (params.get('accept') === '1' && signedIn && pending && !auto.current) {
      auto.current = true;
      accept.mutate();
    }
  }, [params, signedIn, pending, accept]);

  if (me.isLoading || q.isLoading) {
    return (
      <>
        <LightHeader title={t('invite.page.heading')} />
        <LightSkeleton rows={4} />
      </>
    );
  }
  if (q.error) {
    const code = q.error instanceof ApiError ? q.error.code : '';
    if (DEAD_BY_CODE[code]) return <DeadLink why={DEAD_BY_CODE[code]} />;
    return <LightError error={q.error} refetch={() => q.refetch()} />;
  }
  const inv = q.data!;
  const acceptCode = accept.error instanceof ApiError ? accept.error.code : '';
  if (DEAD_BY_CODE[acceptCode]) return <DeadLink why={DEAD_BY_CODE[acceptCode]} />;
  if (inv.status === 'expired' || inv.status === 'revoked') return <DeadLink why={inv.status} />;
  if (inv.status === 'accepted' && !inv.acceptedByMe && signedIn) return <DeadLink why="used" />;

  const here = `/invite/${encodeURIComponent(token)}?accept=1`;
  const td = inv.themeDay;
  return (
    <>
      <LightHeader
        title={td.title}
        subtitle={t('invite.page.invited', { host: td.hostName })}
        docTitle={t('invite.page.heading')}
      />
      <LightCard testId="invite-landing">
        <LightFacts
          rows={[
            [t('portal.dates'), fmtDateRange(td.startDate, td.endDate)],
            [t('portal.theme'), td.theme],
          ]}
        />
        <p className="rt-muted" style={{ marginTop: 12 }}>
          {t('invite.page.sentTo', { to: inv.sentTo, date: fmtDate(inv.expiresAt) })}
        </p>
        {inv.acceptedByMe ? (
          <>
            <LightNotice tone="success" title={t('invite.page.accepted')} testId="invite-accepted" />
            <p>
              <Link className="rt-pbtn rt-pbtn-primary rt-pbtn-large" to={`/theme-days/${td.id}`}>
                {t('invite.page.toThemeDay')}
              </Link>
            </p>
          </>
        ) : signedIn ? (
          <p>
            <button
              type="button"
              className="rt-pbtn rt-pbtn-primary rt-pbtn-large"
              disabled={accept.isPending || accept.isSuccess}
              onClick={() => accept.mutate()}
              data-testid="invite-accept"
            >
              {accept.isPending || accept.isSuccess ? t('invite.page.accepting') : t('invite.page.accept')}
            </button>
          </p>
        ) : (
          <>
            <LightNotice tone="info" title={t('invite.page.signedOut')} />
            <p className="rt-invite-actions">
              <Link
                className="rt-pbtn rt-pbtn-primary rt-pbtn-large"
                to={`/sign-up?next=${encodeURIComponent(here)}`}
                data-testid="invite-sign-up"
              >
                {t('invite.page.signUp')}
              </Link>{' '}
              <Link
                className="rt-pbtn rt-pbtn-large"
                to={`/login?next=${encodeURIComponent(here)}`}
                data-testid="invite-sign-in"
              >
                {t('invite.page.signIn')}
              </Link>
            </p>
          </>
        )}
        {accept.error && !DEAD_BY_CODE[acceptCode] ? (
          <LightNotice tone="warning" title={errorMessage(accept.error)} testId="invite-error" />
        ) : null}
      </LightCard>
    </>
  );
}
