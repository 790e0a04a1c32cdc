/** Response types of the roadshow and exhibition-hall APIs (server/modules/roadshows, server/modules/exhibition). */
import type { Page } from './types.ts';

export type RoadshowStatus = 'collecting' | 'scoring' | 'closed';
export type ProjectStatus = 'submitted' | 'accepted' | 'rejected';
export const STAGES = ['idea', 'prototype', 'startup', 'growth', 'expansion'] as const;
export type Stage = (typeof STAGES)[number];

export interface Criterion {
  key: string;
  name: string;
  weight: number;
}

export interface Roadshow {
  id: string;
  sessionId: string;
  title: string;
  status: RoadshowStatus;
  criteria: Criterion[];
  scoreMin: number;
  scoreMax: number;
  applicationsCloseAt: string | null;
  scoringOpenedAt: string | null;
  closedAt: string | null;
  counts: { submitted: number; accepted: number; rejected: number; judges: number };
  myJudge: { id: string; kind: 'expert' | 'investor'; guidanceFund: boolean } | null;
  abilities: {
    edit: boolean;
    apply: boolean;
    screen: boolean;
    setLineup: boolean;
    inviteJudges: boolean;
    openScoring: boolean;
    score: boolean;
    viewRanking: boolean;
    close: boolean;
    export: boolean;
  };
}

export interface SessionRef {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  venue: string | null;
  mode: string;
}

export interface RoadshowSummary {
  id: string;
  title: string;
  status: RoadshowStatus;
  themeDay: { id: string; title: string; startDate: string };
  session: SessionRef;
  counts: { submitted: number; accepted: number; judges: number };
  my: { staff: boolean; judge: boolean; applied: number };
}

export interface MyScore {
  scores: Record<string, number> | null;
  weighted: number | null;
  conflictOfInterest: boolean;
  conflictReason: string | null;
  intent: { minWan: number | null; maxWan: number | null; intentToSign: boolean } | null;
  comment: string | null;
  updatedAt: string;
}

export interface Project {
  id: string;
  roadshowId: string;
  name: string;
  team: string;
  organisationName: string;
  field: string;
  stage: Stage;
  stageLabel: string;
  financingNeedWan: number;
  summary: string | null;
  businessPlan: { name: string; size: number; url: string };
  status: ProjectStatus;
  screeningNote: string | null;
  lineupOrder: number | null;
  applicant: { id: string; name: string };
  createdAt: string;
  myScore: MyScore | null;
  abilities: { screen: boolean; score: boolean; downloadBusinessPlan: boolean };
}

export interface Judge {
  id: string;
  user: { id: string; name: string };
  organisation: { id: string; name: string } | null;
  kind: 'expert' | 'investor';
  guidanceFund: boolean;
  invitedAt: string;
  scored: number;
}

export interface JudgeCandidate {
  userId: string;
  name: string;
  organisationName: string;
  role: 'expert' | 'investor';
  invited: boolean;
}

export interface RankingItem {
  rank: number;
  projectId: string;
  name: string;
  organisationName: string;
  lineupOrder: number | null;
  average: number | null;
  perCriterion: Record<string, number>;
  judgesCounted: number;
  conflicts: number;
  intents: { count: number; intentToSign: number; guidanceFund: number; minWan: number; maxWan: number };
}

export interface Ranking {
  roadshowId: string;
  status: RoadshowStatus;
  published: boolean;
  judges: number;
  items: RankingItem[];
}

export interface MyProject {
  id: string;
  name: string;
  organisationName: string;
  status: ProjectStatus;
  screeningNote: string | null;
  lineupOrder: number | null;
  businessPlan: { name: string; url: string };
  roadshow: { id: string; title: string; status: RoadshowStatus };
  createdAt: string;
}

export interface StaffThemeDay {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  sessions: (SessionRef & { roadshowId: string | null })[];
}

export interface PublicRoadshow {
  id: string;
  title: string;
  status: RoadshowStatus;
  themeDay: { id: string; title: string };
  session: SessionRef;
  criteria: Criterion[];
  judges: number;
  lineup: { order: number | null; name: string; organisationName: string; field: string; stageLabel: string }[];
  results: { rank: number; name: string; organisationName: string; average: number | null; judgesCounted: number; intents: number; intentToSign: number }[] | null;
}

export type BoothItemType = 'roadshow_project' | 'result' | 'resource' | 'demand';
export type BoothStatus = 'pending' | 'approved' | 'rejected';
export type ContactStatus = 'pending' | 'accepted' | 'declined';

export interface Booth {
  id: string;
  themeDay: { id: string; title: string };
  organisation: { id: string; name: string };
  title: string;
  intro: string;
  items: { type: BoothItemType; id: string; title: string; public: boolean }[];
  status: BoothStatus;
  reviewNote: string | null;
  contact: { name: string; phone: string | null; email: string | null } | null;
  myRequest: { id: string; status: ContactStatus } | null;
  createdAt: string;
  updatedAt: string;
  abilities: { edit: boolean; review: boolean; requestContact: boolean; viewRequests: boolean };
}

export interface ContactRequest {
  id: string;
  booth: { id: string; title: string; organisationName: string };
  requester: { id: string; name: string; organisationName: string | null };
  message: string;
  status: ContactStatus;
  decidedAt: string | null;
  createdAt: string;
  abilities: { decide: boolean };
}

export type BoothPage = Page<Booth>;
