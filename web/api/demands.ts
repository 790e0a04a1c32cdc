/**
 * Response types of the demands API (server/modules/demands), the global search (server/modules/search,
 * GET /api/search) and the recommendations, as the pages of web/pages/demands use them.
 */

import { ApiError } from './client.ts';

export interface OrgRef {
  id: string;
  name: string;
}

export type DemandKind = 'demand' | 'technology';
export type DemandStatus = 'draft' | 'published' | 'closed';
export type CooperationMode = 'joint_rd' | 'commissioned_rd' | 'technology_transfer' | 'licensing' | 'equity' | 'other';
export const COOPERATION_MODES: CooperationMode[] = ['joint_rd', 'commissioned_rd', 'technology_transfer', 'licensing', 'equity', 'other'];

export interface Demand {
  id: string;
  kind: DemandKind;
  kindLabel: string;
  organisation: OrgRef;
  themeDay: { id: string; title: string } | null;
  title: string;
  fieldCode: string;
  fieldName: string | null;
  description: string;
  indicators: string | null;
  budgetMinWan: number | null;
  budgetMaxWan: number | null;
  cooperationMode: CooperationMode;
  cooperationModeLabel: string;
  deadline: string;
  expired: boolean;
  ipTerms: string | null;
  status: DemandStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  myResponseId: string | null;
  abilities: { edit: boolean; publish: boolean; close: boolean; respond: boolean; viewResponses: boolean; formConsortium: boolean };
}

export interface DemandBody {
  kind: DemandKind;
  title: string;
  fieldCode: string;
  description: string;
  indicators?: string | null;
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  cooperationMode: CooperationMode;
  deadline: string;
  ipTerms?: string | null;
  themeDayId?: string | null;
}

export type ResponseStatus = 'submitted' | 'shortlisted' | 'accepted' | 'declined' | 'withdrawn';

export interface Attachment {
  id: string;
  name: string;
  type: 'pdf' | 'docx' | 'png' | 'jpeg';
  size: number;
}

export interface DemandResponse {
  id: string;
  demand: { id: string; title: string; kind: DemandKind; organisation: OrgRef };
  organisation: OrgRef;
  user: { id: string; name: string };
  proposal: string;
  attachments: Attachment[];
  status: ResponseStatus;
  decisionNote: string | null;
  createdAt: string;
  updatedAt: string;
  notice: string;
  abilities: { upload: boolean; withdraw: boolean; shortlist: boolean; accept: boolean; decline: boolean };
}

export interface ConsortiumMember {
  organisation: OrgRef;
  role: string;
  costShareBp: number;
  benefitShareBp: number;
  signedAt: string | null;
}

export interface Consortium {
  id: string;
  demandId: string;
  lead: OrgRef;
  name: string;
  ipTerms: string;
  status: 'draft' | 'signed';
  version: number;
  signedAt: string | null;
  members: ConsortiumMember[];
  createdAt: string;
  updatedAt: string;
  abilities: { edit: boolean; sign: boolean };
  /** Present in GET /consortia (my consortia). */
  demand?: { id: string; title: string };
}

export interface ConsortiumBody {
  name: string;
  ipTerms: string;
  members: { organisationId: string; role: string; costShareBp: number; benefitShareBp: number }[];
}

export interface PublicOrganisation {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  regionCode: string | null;
  regionName: string | null;
  industryCode: string | null;
  industryName: string | null;
  sizeClass: string | null;
  sizeLabel: string | null;
  counts: { demands: number; technologies: number };
}

// ----- search (GET /api/search) ---------------------------------------------------------------------------

export type SearchType = 'resource' | 'demand' | 'technology' | 'result' | 'event';
export const SEARCH_TYPES: SearchType[] = ['demand', 'technology', 'resource', 'result', 'event'];

/** A piece of text with the matched spans as [start, end) offsets; cutStart/cutEnd: text was cut there. */
export interface Highlighted {
  text: string;
  ranges: [number, number][];
  cutStart: boolean;
  cutEnd: boolean;
}

export interface SearchHit {
  type: SearchType;
  id: string;
  title: Highlighted;
  snippet: Highlighted;
  matchedTerms: string[];
  score: number;
  organisation: OrgRef | null;
  industry: string | null;
  region: string | null;
  themeDayId: string | null;
  publishedAt: string | null;
  link: string;
}

export interface SearchResult {
  items: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  terms: string[];
}

// ----- recommendations ------------------------------------------------------------------------------------

export interface Recommendation {
  type: 'resource' | 'result' | 'technology' | 'organisation' | 'demand';
  id: string;
  title: string;
  score: number;
  reason: string;
  link: string;
}

// ----- other areas' list items, as far as the portal cards need them ---------------------------------------

export interface ResourceItem {
  id: string;
  organisation: OrgRef;
  themeDay: { id: string; title: string } | null;
  typeLabel: string;
  title: string;
  description: string;
  priceModelLabel: string;
  quota: number | null;
  graduateTeams: boolean;
  publishedAt: string | null;
}

export interface ResultItem {
  id: string;
  organisation: OrgRef;
  themeDay: { id: string; title: string } | null;
  title: string;
  fieldName: string | null;
  description: string;
  trl: number;
  transferModeLabel: string;
  publishedAt: string | null;
}

export interface DockingItem {
  id: string;
  organiser: OrgRef;
  themeDay: { id: string; title: string } | null;
  kindLabel: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  venue: string | null;
}

export interface AllianceItem {
  id: string;
  name: string;
  charter?: string;
}

/**
 * Posts one file as multipart/form-data (field `file`) with the session's CSRF token; the JSON answer, or
 * an ApiError carrying the problem's code and field errors (the shared client sends JSON only).
 */
export async function uploadFile<T>(path: string, file: Blob, fileName: string, csrfToken: string | undefined, query = ''): Promise<T> {
  const fd = new FormData();
  fd.append('file', file, fileName);
  let res: Response;
  try {
    res = await fetch(`/api${path}${query}`, { method: 'POST', body: fd, credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken ?? '', accept: 'application/json, application/problem+json' } });
  } catch {
    throw new ApiError(0, { code: 'network_error', title: '网络连接失败，请检查网络后重试' });
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(res.status, { code: res.status === 413 ? 'attachment_too_large' : undefined, ...body });
  return body as T;
}
