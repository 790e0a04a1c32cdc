/** Small pieces shared by the roadshow and exhibition-hall pages: project, booth and contact status tags. */
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import type { BoothStatus, ContactStatus, ProjectStatus } from '../../api/roadshows.ts';

const PROJECT_TONE: Record<ProjectStatus, Tone> = { submitted: 'blue', accepted: 'green', rejected: 'grey' };
const BOOTH_TONE: Record<BoothStatus, Tone> = { pending: 'orange', approved: 'green', rejected: 'red' };
const CONTACT_TONE: Record<ContactStatus, Tone> = { pending: 'orange', accepted: 'green', declined: 'grey' };

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const t = useT();
  return <ToneTag tone={PROJECT_TONE[status]}>{t(`roadshows.project.${status}` as MessageKey)}</ToneTag>;
}

export function BoothStatusTag({ status }: { status: BoothStatus }) {
  const t = useT();
  return <ToneTag tone={BOOTH_TONE[status]}>{t(`roadshows.hall.booth.${status}` as MessageKey)}</ToneTag>;
}

export function ContactStatusTag({ status }: { status: ContactStatus }) {
  const t = useT();
  return <ToneTag tone={CONTACT_TONE[status]}>{t(`roadshows.hall.contact.${status}` as MessageKey)}</ToneTag>;
}
