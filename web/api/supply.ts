/**
 * Response types of the open-resources, results and deep-docking APIs (server/modules/{resources,results,docking}).
 * Kept in step with the zod schemas there by hand; the server is the authority.
 */

export interface OrgRef {
  id: string;
  name: string;
}
export type ThemeDayRef = { id: string; title: string } | null;

export const RESOURCE_TYPES = ['scenario', 'lab', 'instrument', 'investment', 'training', 'supply_chain'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const PRICE_MODELS = ['free', 'paid', 'negotiable'] as const;
export type PriceModel = (typeof PRICE_MODELS)[number];
export const QUOTA_PERIODS = ['month', 'theme_day', 'total'] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];
export type ResourceStatus = 'draft' | 'published' | 'closed';
export const REQUEST_STATUSES = ['pending', 'approved', 'declined', 'used', 'closed', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface Resource {
  id: string;
  organisation: OrgRef;
  themeDay: ThemeDayRef;
  type: ResourceType;
  typeLabel: string;
  title: string;
  description: string;
  regionCode: string | null;
  location: string | null;
  conditions: string | null;
  priceModel: PriceModel;
  priceModelLabel: string;
  priceNote: string | null;
  quota: number | null;
  quotaPeriod: QuotaPeriod;
  graduateTeams: boolean;
  status: ResourceStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: { edit: boolean; publish: boolean; close: boolean; request: boolean; viewRequests: boolean };
}

export interface ResourceQuota {
  quota: number | null;
  quotaPeriod: QuotaPeriod;
  periodKey: string;
  used: number;
  remaining: number | null;
}

export interface ResourceRequest {
  id: string;
  resource: { id: string; title: string; organisation: OrgRef };
  organisation: OrgRef;
  user: { id: string; name: string };
  purpose: string;
  startDate: string;
  endDate: string;
  periodKey: string;
  status: RequestStatus;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
  abilities: { approve: boolean; decline: boolean; markUsed: boolean; close: boolean; withdraw: boolean };
}

export interface ImportResult {
  created: number;
  ids: string[];
}

export const TRANSFER_MODES = ['transfer', 'licence', 'equity', 'joint_development'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];
export const RESULT_STATUSES = ['draft', 'in_review', 'changes_requested', 'public', 'rejected'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];
export type ReviewOutcome = 'public' | 'revise' | 'reject';

export interface Result {
  id: string;
  organisation: OrgRef;
  themeDay: ThemeDayRef;
  title: string;
  fieldCode: string;
  fieldName: string | null;
  description: string;
  trl: number;
  patents: string[];
  transferMode: TransferMode;
  transferModeLabel: string;
  priceExpectation: string | null;
  status: ResultStatus;
  declaration: { text: string; userId: string; organisationId: string; at: string } | null;
  review: { outcome: ReviewOutcome; outcomeLabel: string; comment: string | null; at: string } | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  notice: string;
  declarationWording: string;
  abilities: { edit: boolean; submit: boolean; review: boolean; apply: boolean; viewApplications: boolean };
}

export interface Declaration {
  declarationText: string;
  notice: string;
}

export interface ConfidentialityReviewer {
  id: string;
  organisationId: string;
  user: { id: string; name: string };
  createdAt: string;
}
export interface ReviewerList {
  items: ConfidentialityReviewer[];
  canManage: boolean;
}
export interface ReviewerCandidate {
  id: string;
  name: string;
  role: string;
}

export type ApplicationStatus = 'pending' | 'accepted' | 'declined';
export interface ResultApplication {
  id: string;
  result: { id: string; title: string; organisation: OrgRef };
  organisation: OrgRef;
  user: { id: string; name: string };
  message: string;
  status: ApplicationStatus;
  decisionNote: string | null;
  createdAt: string;
  abilities: { accept: boolean; decline: boolean };
}

export interface Alliance {
  id: string;
  founder: OrgRef;
  themeDay: ThemeDayRef;
  name: string;
  fieldCode: string | null;
  charter: string;
  members: { organisation: OrgRef; role: string; joinedAt: string }[];
  createdAt: string;
  updatedAt: string;
  abilities: { edit: boolean; manageMembers: boolean };
}

export const DOCKING_KINDS = ['seminar', 'supply_demand'] as const;
export type DockingKind = (typeof DOCKING_KINDS)[number];
export interface DockingSession {
  id: string;
  organiser: OrgRef;
  themeDay: ThemeDayRef;
  kind: DockingKind;
  kindLabel: string;
  title: string;
  description: string | null;
  agenda: { time: string; item: string }[];
  startsAt: string;
  endsAt: string;
  venue: string | null;
  onlineLink: string | null;
  registration: { eventSessionId: string; path: string } | null;
  createdAt: string;
  updatedAt: string;
  abilities: { edit: boolean };
}
