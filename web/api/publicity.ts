/**
 * Types of the publicity API (server/modules/publicity), derived from common/contracts/publicity.ts; nothing
 * here is declared by hand.
 */
import type { z } from 'zod';
import type {
  BenchmarkList as BenchmarkListSchema,
  CaseList as CaseListSchema,
  NewsList as NewsListSchema,
  NominationList as NominationListSchema,
  PublicCaseList as PublicCaseListSchema,
  PublicCaseView as PublicCaseViewSchema,
  PublicNewsList as PublicNewsListSchema,
} from '../../common/contracts/publicity.ts';

export type {
  BenchmarkView,
  CaseFigure,
  CaseStatus,
  CaseView,
  DelegatesView,
  ImageView,
  NewsAbilities,
  NewsStatus,
  NewsView,
  NominationStatus,
  NominationView,
  ProjectCaseView,
  PublicNewsItem,
  PublicNewsView,
  ShowcaseEvent,
} from '../../common/contracts/publicity.ts';
export {
  CASE_STATUS_LABELS,
  CONSENT_DECISION_LABELS,
  CASE_STATUSES,
  IMAGE_MAX_BYTES,
  NEWS_AUTHOR_KIND_LABELS,
  NEWS_BODY_MAX,
  NEWS_STATUS_LABELS,
  NEWS_SUMMARY_MAX,
  NEWS_TITLE_MAX,
  NOMINATION_STATUS_LABELS,
  SHOWCASE_EVENTS,
  SHOWCASE_EVENT_LABELS,
} from '../../common/contracts/publicity.ts';

export type NewsList = z.infer<typeof NewsListSchema>;
export type PublicNewsList = z.infer<typeof PublicNewsListSchema>;
export type CaseList = z.infer<typeof CaseListSchema>;
export type PublicCaseList = z.infer<typeof PublicCaseListSchema>;
export type PublicCaseView = z.infer<typeof PublicCaseViewSchema>;
export type PublicCaseItem = PublicCaseList['items'][number];
export type BenchmarkList = z.infer<typeof BenchmarkListSchema>;
export type NominationList = z.infer<typeof NominationListSchema>;
