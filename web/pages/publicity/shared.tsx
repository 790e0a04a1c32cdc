/** Shared parts of the publicity pages: status tags, the sanitised-HTML block, image upload and the portal's sub-menu. */
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';
import { fileIdentity } from '../../api/client.ts';
import { uploadFile } from '../../api/demands.ts';
import {
  CASE_STATUS_LABELS,
  NEWS_STATUS_LABELS,
  NOMINATION_STATUS_LABELS,
  type CaseStatus,
  type ImageView,
  type NewsStatus,
  type NominationStatus,
} from '../../api/publicity.ts';
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';

// The portal's sub-menu and the sanitised-HTML block need no antd (the news pages are light): portalParts.tsx.
export { PortalPublicityNav, SanitisedHtml } from './portalParts.tsx';

export const newsPath = (id: string) => `/workspace/news/${id}`;
export const casePath = (id: string) => `/workspace/cases/${id}`;

const NEWS_TONE: Record<NewsStatus, Tone> = {
  draft: 'grey',
  submitted: 'blue',
  approved: 'green',
  returned: 'orange',
  published: 'green',
  unpublished: 'grey',
};
const CASE_TONE: Record<CaseStatus, Tone> = {
  proposed: 'blue',
  agreed: 'green',
  declined: 'red',
  published: 'green',
  unpublished: 'grey',
};
const NOMINATION_TONE: Record<NominationStatus, Tone> = {
  proposed: 'blue',
  nominated: 'purple',
  declined: 'grey',
  accepted: 'green',
  rejected: 'red',
  showcased: 'green',
  withdrawn: 'grey',
};

export function NewsStatusTag({ status }: { status: NewsStatus }) {
  return (
    <ToneTag tone={NEWS_TONE[status]} testId="news-status">
      {NEWS_STATUS_LABELS[status]}
    </ToneTag>
  );
}
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return (
    <ToneTag tone={CASE_TONE[status]} testId="case-status">
      {CASE_STATUS_LABELS[status]}
    </ToneTag>
  );
}
export function NominationStatusTag({ status }: { status: NominationStatus }) {
  return <ToneTag tone={NOMINATION_TONE[status]}>{NOMINATION_STATUS_LABELS[status]}</ToneTag>;
}

/** Uploads a cover or photo (PNG/JPEG/WebP ≤ 5 MB); errors come back as ApiError in Chinese. */
export function useUploadImage() {
  // One Idempotency-Key per chosen image: the same image picked again after a lost answer is the same upload.
  const submission = useSubmissionKey();
  return (file: File) =>
    uploadFile<ImageView>('/publicity/images', file, file.name, {
      idempotencyKey: submission.keyFor(fileIdentity(file)),
    }).then((img) => {
      submission.done();
      return img;
    });
}
