/** Shared parts of the publicity pages: status tags, the sanitised-HTML block, image upload and the portal's sub-menu. */
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
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
import { useT } from '../../i18n/index.tsx';

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

const RICH_TEXT_CSS = `
.rt-rich-text { font-size: 16px; line-height: 1.85; color: #1f1f1f; overflow-wrap: anywhere; }
.rt-rich-text p { margin: 0 0 1em; }
.rt-rich-text h2, .rt-rich-text h3, .rt-rich-text h4 { margin: 1.2em 0 0.6em; font-weight: 600; }
.rt-rich-text h3 { font-size: 18px; }
.rt-rich-text img { max-width: 100%; height: auto; display: block; margin: 12px auto; }
.rt-rich-text a { color: #0b57d0; text-decoration: underline; }
.rt-rich-text ul, .rt-rich-text ol { padding-left: 1.6em; margin: 0 0 1em; }
`;

/**
 * Rich text as the SERVER stored it: news bodies and case stories are sanitised on the server against an
 * allow-list (server/modules/publicity/sanitize.ts: no script, no event handlers, no javascript: URLs, images only
 * from /api/public/images/). This is the only place the publicity pages render HTML, and it must only ever be
 * given such server-sanitised HTML — never the text a person is typing.
 */
export function SanitisedHtml({ html, testId }: { html: string; testId?: string }) {
  return (
    <>
      <style href="rt-rich-text" precedence="default">
        {RICH_TEXT_CSS}
      </style>
      <div className="rt-rich-text" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
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

/** 新闻动态 | 成功案例 | 标杆企业 on the portal. */
export function PortalPublicityNav() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const value = pathname.startsWith('/cases') ? '/cases' : pathname.startsWith('/benchmarks') ? '/benchmarks' : '/news';
  return (
    <nav aria-label={t('publicity.portal.nav')} style={{ marginBottom: 16 }}>
      <Segmented
        value={value}
        onChange={(v) => void navigate(v)}
        options={[
          { value: '/news', label: t('publicity.portal.news') },
          { value: '/cases', label: t('publicity.portal.cases') },
          { value: '/benchmarks', label: t('publicity.portal.benchmarks') },
        ]}
      />
    </nav>
  );
}
