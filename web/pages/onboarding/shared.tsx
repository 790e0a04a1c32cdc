/** Tags of an organisation's verification and a join request's status, labelled from the contract. */
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';
import { useI18n } from '../../i18n/index.tsx';
import {
  JOIN_REQUEST_LABELS,
  ORG_VERIFICATION_LABELS,
  type JoinRequestStatus,
  type OrgVerificationStatus,
} from '../../api/onboarding.ts';

const VERIFICATION_TONE: Record<OrgVerificationStatus, Tone> = {
  unverified: 'orange',
  verified: 'green',
  rejected: 'red',
};
const JOIN_TONE: Record<JoinRequestStatus, Tone> = { pending: 'orange', approved: 'green', declined: 'grey' };

/** 'zh' or 'en': which label of a contract's *_LABELS to show. */
export function useLang(): 'zh' | 'en' {
  const { locale } = useI18n();
  return locale === 'en-US' ? 'en' : 'zh';
}

export function VerificationTag({ status }: { status: OrgVerificationStatus }) {
  const lang = useLang();
  return (
    <ToneTag tone={VERIFICATION_TONE[status]} testId={`verification-${status}`}>
      {ORG_VERIFICATION_LABELS[status][lang]}
    </ToneTag>
  );
}

export function JoinStatusTag({ status }: { status: JoinRequestStatus }) {
  const lang = useLang();
  return <ToneTag tone={JOIN_TONE[status]}>{JOIN_REQUEST_LABELS[status][lang]}</ToneTag>;
}
