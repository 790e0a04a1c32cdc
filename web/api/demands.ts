/**
 * Response types of the demands API (server/modules/demands), the global search (server/modules/search,
 * GET /api/search) and the recommendations, as the pages of web/pages/demands use them.
 */

import type { AttachmentView } from '../../common/contracts/common.ts';
import type {
  ConsortiumListItem,
  ConsortiumView,
  DemandInput,
  DemandView,
  PublicOrganisationView,
  ResponseView,
} from '../../common/contracts/demands.ts';
import type { Highlight, Rec, SearchItem, SearchResponse, SearchType } from '../../common/contracts/search.ts';
import { api, type Query } from './client.ts';
import type { Alliance, DockingSession, Resource, Result } from './supply.ts';

export type { OrgRef } from '../../common/contracts/common.ts';
export type {
  ConsortiumBody,
  CooperationMode,
  DemandKind,
  DemandStatus,
  ResponseStatus,
} from '../../common/contracts/demands.ts';
export type { SearchType } from '../../common/contracts/search.ts';
export { COOPERATION_MODES } from '../../common/contracts/demands.ts';

export type Demand = DemandView;
/** The body of POST/PATCH /demands as the web sends it. */
export type DemandBody = DemandInput;

export type Attachment = AttachmentView;
export type DemandResponse = ResponseView;

/** A member as a consortium view lists it. */
export type ConsortiumMember = ConsortiumView['members'][number];
/** A consortium; `demand` is present in GET /consortia (my consortia). */
export type Consortium = ConsortiumView & Partial<Pick<ConsortiumListItem, 'demand'>>;

export type PublicOrganisation = PublicOrganisationView;

// ----- search (GET /api/search) ---------------------------------------------------------------------------

/** Client-side helper, not an API shape: the order of the search page's type filter (demands first). */
export const SEARCH_TYPES: readonly SearchType[] = ['demand', 'technology', 'resource', 'result', 'event'];

/** A piece of text with the matched spans as [start, end) offsets; cutStart/cutEnd: text was cut there. */
export type Highlighted = Highlight;
export type SearchHit = SearchItem;
export type SearchResult = SearchResponse;

// ----- recommendations ------------------------------------------------------------------------------------

export type Recommendation = Rec;

// ----- other areas' list items, as far as the portal cards need them ---------------------------------------

export type ResourceItem = Pick<
  Resource,
  | 'id'
  | 'organisation'
  | 'themeDay'
  | 'type'
  | 'typeLabel'
  | 'title'
  | 'description'
  | 'priceModelLabel'
  | 'quota'
  | 'graduateTeams'
  | 'publishedAt'
>;
export type ResultItem = Pick<
  Result,
  | 'id'
  | 'organisation'
  | 'themeDay'
  | 'title'
  | 'fieldName'
  | 'description'
  | 'trl'
  | 'transferMode'
  | 'transferModeLabel'
  | 'publishedAt'
>;
export type DockingItem = Pick<
  DockingSession,
  'id' | 'organiser' | 'themeDay' | 'kind' | 'kindLabel' | 'title' | 'description' | 'startsAt' | 'endsAt' | 'venue'
>;
export type AllianceItem = Pick<Alliance, 'id' | 'name'> & Partial<Pick<Alliance, 'charter'>>;

/**
 * Posts one file as multipart/form-data (field `file`) through the shared client (CSRF token, problem+json as
 * ApiError, 409 in-progress waited out); pass the submission's Idempotency-Key so a retry is recognised.
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  fileName: string,
  opts: { query?: Query; idempotencyKey?: string } = {},
): Promise<T> {
  const fd = new FormData();
  fd.append('file', file, fileName);
  return api.upload<T>(path, fd, opts);
}
