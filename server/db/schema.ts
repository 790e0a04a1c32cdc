/** Table types for Kysely. Timestamps are ISO-8601 UTC strings; JSON columns are text. */
import type { Generated } from 'kysely';
import type {
  DeliveryChannel,
  DeliveryStatus,
  NotificationCategory,
} from '../../common/contracts/notification-preferences.ts';
import type { DockingKind } from '../../common/contracts/docking.ts';
import type {
  PriceModel,
  QuotaPeriod,
  RequestStatus,
  ResourceStatus,
  ResourceType,
} from '../../common/contracts/resources.ts';
import type { ApplicationStatus, ResultStatus, ReviewOutcome, TransferMode } from '../../common/contracts/results.ts';
import type {
  ConsortiumStatus,
  CooperationMode,
  DemandKind,
  DemandStatus,
  ResponseStatus,
} from '../../common/contracts/demands.ts';
import type { BaseKind, Department, OrgKind, Role } from '../../common/roles.ts';
import type { SizeClass, UsccStoredStatus } from '../../common/contracts/organisations.ts';
import type { JoinRequestStatus, OrgVerificationStatus } from '../../common/contracts/onboarding.ts';
import type { Attendance, RegistrationStatus, SessionKind, SessionMode } from '../../common/contracts/events.ts';
import type { JudgeKind, ProjectStatus, RoadshowStatus, Stage } from '../../common/contracts/roadshows.ts';
import type { BoothStatus, ContactRequestStatus } from '../../common/contracts/exhibition.ts';

import type { PlanStatus } from '../../common/contracts/plans.ts';
import type { ProgrammeStatus } from '../../common/contracts/programmes.ts';
import type { ReviewStatus } from '../../common/contracts/reviews.ts';
import type { ActivityPlanStatus } from '../../common/contracts/themedays.ts';

export interface OrganisationTable {
  id: string;
  name: string;
  uscc: string;
  uscc_status: UsccStoredStatus;
  kind: OrgKind;
  region_code: string | null;
  industry_code: string | null;
  employees: number | null;
  revenue_wan: number | null;
  assets_wan: number | null;
  size_class: SizeClass | null;
  department_code: Department | null;
  /** Issue 12 §1: a self-registered organisation starts unverified; every other one is verified. */
  verification_status: Generated<OrgVerificationStatus>;
  registered_by: string | null;
  verified_by: string | null;
  verified_at: string | null;
  rejection_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface BaseTable {
  id: string;
  name: string;
  short_name: string;
  kind: BaseKind;
  batch: number;
  region_code: string;
  supervising_department: Department | null;
  organisation_id: string | null;
  description: string | null;
  created_at: string;
  updated_at: string;
  /** 基地主管部门: the organisation whose base_supervisor people follow this base (issue 12 §3). */
  supervisor_organisation_id: string | null;
}

/** A remark of the local DRC or the supervising department on a plan before it is submitted (issue 12 §3). */
export interface PlanCommentTable {
  id: string;
  plan_id: string;
  author_user_id: string;
  author_organisation_id: string | null;
  author_role: string;
  body: string;
  plan_version: number;
  created_at: string;
}

/** A reminder (督促提醒) sent to a base; one per sender organisation, base and Beijing day. */
export interface BaseReminderTable {
  id: string;
  base_id: string;
  sender_user_id: string;
  sender_organisation_id: string;
  sender_role: string;
  message: string;
  day: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: string | null;
  disabled: Generated<number>;
  locale: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface MembershipTable {
  id: string;
  user_id: string;
  organisation_id: string;
  role: Role;
  /** 1 = administers the organisation (approves requests to join); base administrators do by role. */
  org_admin: Generated<number>;
  created_at: string;
}

/** Issue 12 §1: a person asks to join an organisation; its administrators approve or decline. */
export interface JoinRequestTable {
  id: string;
  organisation_id: string;
  user_id: string;
  message: string | null;
  status: JoinRequestStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  membership_id: string | null;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AuditEventTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  organisation_id: string | null;
  ip: string | null;
  request_id: string | null;
  entity_type: string;
  entity_id: string | null;
  action: string;
  before: string | null;
  after: string | null;
  /** The host organisation a co-organiser or delegate acted for (migration 2026-12-18T30-coorganisers). */
  acting_for_organisation_id: Generated<string | null>;
}

export interface ProgrammeTable {
  id: string;
  year: number;
  name: string;
  rules: string;
  status: ProgrammeStatus;
  opened_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PreliminaryPlanTable {
  id: string;
  programme_id: string;
  base_id: string;
  status: PlanStatus;
  theme: string | null;
  title: string | null;
  body: string | null;
  partner_base_ids: string;
  areas: string;
  planned_months: string;
  epidemic_measures: string | null;
  version: Generated<number>;
  submitted_at: string | null;
  return_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PlanVersionTable {
  id: string;
  plan_id: string;
  version: number;
  content: string;
  submitted_by: string;
  submitted_at: string;
}

export interface ReviewAssignmentTable {
  id: string;
  plan_id: string;
  reviewer_user_id: string;
  reviewer_organisation_id: string;
  status: ReviewStatus;
  scores: string | null;
  comment: string | null;
  assigned_at: string;
  submitted_at: string | null;
}

export interface ThemeDayTable {
  id: string;
  programme_id: string;
  plan_id: string;
  base_id: string;
  title: string;
  theme: string;
  start_date: string;
  end_date: string;
  partner_base_ids: string;
  created_at: string;
  updated_at: string;
}

export interface ActivityPlanTable {
  id: string;
  theme_day_id: string;
  status: ActivityPlanStatus;
  title: string;
  content: string;
  submitted_at: string | null;
  decided_at: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

/** Issue 5: a session of a theme day (migration 2026-11-28T10-events). */
export interface EventSessionTable {
  id: string;
  theme_day_id: string;
  title: string;
  kind: SessionKind;
  mode: SessionMode;
  description: string | null;
  starts_at: string;
  ends_at: string;
  venue: string | null;
  venue_capacity: number | null;
  capacity: number | null;
  online_limit: number | null;
  online_channel: string | null;
  registration_opens_at: string;
  registration_closes_at: string;
  questions: string;
  next_seq: Generated<number>;
  /** Places held / waitlisted per attendance, kept by triggers on event_registrations (issue 15). */
  taken: Generated<number>;
  waiting: Generated<number>;
  online_taken: Generated<number>;
  online_waiting: Generated<number>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface EventRegistrationTable {
  id: string;
  session_id: string;
  user_id: string;
  organisation_id: string | null;
  attendance: Attendance;
  status: RegistrationStatus;
  seq: number;
  answers: string;
  code: string;
  checked_in_at: string | null;
  checked_in_by: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoadshowTable {
  id: string;
  session_id: string;
  title: string;
  criteria: string;
  status: RoadshowStatus;
  applications_close_at: string | null;
  scoring_opened_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoadshowProjectTable {
  id: string;
  roadshow_id: string;
  applicant_user_id: string;
  organisation_id: string | null;
  name: string;
  team: string;
  organisation_name: string;
  field: string;
  stage: Stage;
  financing_need_wan: number;
  summary: string | null;
  bp_path: string;
  bp_name: string;
  bp_size: number;
  status: ProjectStatus;
  screening_note: string | null;
  lineup_order: number | null;
  created_at: string;
  updated_at: string;
}

export interface RoadshowJudgeTable {
  id: string;
  roadshow_id: string;
  user_id: string;
  organisation_id: string | null;
  kind: JudgeKind;
  guidance_fund: Generated<number>;
  invited_at: string;
}

export interface RoadshowScoreTable {
  id: string;
  roadshow_id: string;
  project_id: string;
  judge_id: string;
  scores: string | null;
  conflict: Generated<number>;
  conflict_reason: string | null;
  intent_min_wan: number | null;
  intent_max_wan: number | null;
  intent_to_sign: Generated<number>;
  comment: string | null;
  created_at: string;
  updated_at: string;
}

/** Issue 4: 1:1 business meetings (migration 2026-11-28T20-meetings). */
// (Imported here, next to the tables that use them: import declarations are hoisted.)
import type {
  MeetingMode,
  MeetingStatus,
  Outcome,
  RequestStatus as MeetingRequestStatus,
  RunStatus,
  SessionStatus,
} from '../../common/contracts/meetings.ts';

export interface MeetingSessionTable {
  id: string;
  theme_day_id: string;
  title: string;
  mode: MeetingMode;
  status: SessionStatus;
  date: string;
  slots: string;
  morning_slots: number;
  tables: number;
  online_rooms: number;
  online_url_template: string | null;
  venue: string | null;
  request_limit: number;
  request_ttl_hours: number;
  fairness: number;
  published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface MeetingParticipantTable {
  id: string;
  session_id: string;
  user_id: string;
  organisation_id: string;
  unavailable_slots: string;
  request_limit: number | null;
  joined_at: string;
  updated_at: string;
  /** What the organisation offers / seeks at this session (migration 2026-11-28T47). */
  offer?: string | null;
  seek?: string | null;
}

export interface MeetingRequestTable {
  id: string;
  session_id: string;
  requester_id: string;
  recipient_id: string;
  message: string | null;
  cited_type: string | null;
  cited_id: string | null;
  status: MeetingRequestStatus;
  open_key: string | null;
  expires_at: string;
  responded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingTable {
  id: string;
  session_id: string;
  request_id: string;
  participant_a_id: string;
  participant_b_id: string;
  status: MeetingStatus;
  slot_index: number | null;
  location: number | null;
  online_link: string | null;
  fixed_slot: number | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingOccupancyTable {
  id: string;
  session_id: string;
  slot_index: number;
  holder: string;
  meeting_id: string;
}

export interface MeetingOutcomeTable {
  id: string;
  meeting_id: string;
  participant_id: string;
  outcome: Outcome;
  note: string | null;
  recorded_at: string;
  updated_at: string;
}

export interface ScheduleRunTable {
  id: string;
  session_id: string;
  status: RunStatus;
  running_key: string | null;
  allow_moves: number;
  time_limit_ms: number;
  seed: number;
  stop_requested: number;
  best_breaks: number | null;
  lower_bound: number | null;
  elapsed_ms: number;
  iterations: number;
  feasible: number | null;
  proved_optimal: number;
  input: string;
  result: string | null;
  error: string | null;
  started_by: string;
  started_at: string;
  finished_at: string | null;
  updated_at: string;
}

/** Issue 3: content areas (migration 2026-11-28T30-content). */
export interface ResourceTable {
  id: string;
  organisation_id: string;
  theme_day_id: string | null;
  type: ResourceType;
  title: string;
  description: string;
  region_code: string | null;
  location: string | null;
  conditions: string | null;
  price_model: PriceModel;
  price_note: string | null;
  quota: number | null;
  quota_period: QuotaPeriod;
  graduate_teams: number;
  status: ResourceStatus;
  published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ResourceRequestTable {
  id: string;
  resource_id: string;
  organisation_id: string;
  user_id: string;
  purpose: string;
  start_date: string;
  end_date: string;
  period_key: string;
  status: RequestStatus;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DemandTable {
  id: string;
  kind: DemandKind;
  organisation_id: string;
  theme_day_id: string | null;
  title: string;
  field_code: string;
  description: string;
  indicators: string | null;
  budget_min_wan: number | null;
  budget_max_wan: number | null;
  cooperation_mode: CooperationMode;
  deadline: string;
  ip_terms: string | null;
  status: DemandStatus;
  published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface DemandResponseTable {
  id: string;
  demand_id: string;
  organisation_id: string;
  user_id: string;
  proposal: string;
  attachments: string;
  status: ResponseStatus;
  decision_note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConsortiumTable {
  id: string;
  demand_id: string;
  organisation_id: string;
  name: string;
  ip_terms: string;
  status: ConsortiumStatus;
  version: number;
  signed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ConsortiumMemberTable {
  id: string;
  consortium_id: string;
  organisation_id: string;
  role: string;
  cost_share_bp: number;
  benefit_share_bp: number;
  signed_at: string | null;
  signed_by: string | null;
}

export interface ResultTable {
  id: string;
  organisation_id: string;
  theme_day_id: string | null;
  title: string;
  field_code: string;
  description: string;
  trl: number;
  patents: string;
  transfer_mode: TransferMode;
  price_expectation: string | null;
  status: ResultStatus;
  declaration_text: string | null;
  declared_by: string | null;
  declared_org_id: string | null;
  declared_at: string | null;
  review_outcome: ReviewOutcome | null;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ConfidentialityReviewerTable {
  id: string;
  organisation_id: string;
  user_id: string;
  created_by: string;
  created_at: string;
}

export interface ResultApplicationTable {
  id: string;
  result_id: string;
  organisation_id: string;
  user_id: string;
  message: string;
  status: ApplicationStatus;
  decision_note: string | null;
  created_at: string;
  updated_at: string;
}

export interface AllianceTable {
  id: string;
  organisation_id: string;
  theme_day_id: string | null;
  name: string;
  field_code: string | null;
  charter: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Fixed-window rate-limit counters shared by every app server (migration 2026-12-15T21-rate-limits). */
export interface RateLimitHitTable {
  key: string;
  window_start: string;
  hits: number;
}

/** Issue 12 §1: one-time codes for sign-up and password reset (migration 2026-12-17T40-verification-codes). */
export interface VerificationCodeTable {
  id: string;
  purpose: 'sign_up' | 'password_reset';
  channel: 'email' | 'sms';
  address: string;
  code_hash: string;
  user_id: string | null;
  attempts: Generated<number>;
  expires_at: string;
  consumed_at: string | null;
  ip: string | null;
  created_at: string;
}

/** Issue 12 §1: invitations to a theme day (migration 2026-12-18T20-invitations). */
export interface InvitationTable {
  id: string;
  theme_day_id: string;
  channel: 'email' | 'sms';
  address: string;
  name: string | null;
  token_hash: string;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  expires_at: string;
  created_by: string | null;
  created_at: string;
  accepted_by: string | null;
  accepted_at: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
  delivery_status: 'queued' | 'sent' | 'logged' | 'failed';
  delivery_error: string | null;
}

export interface AllianceMemberTable {
  id: string;
  alliance_id: string;
  organisation_id: string;
  role: string;
  /** When accepted (or, while invited, when invited). */
  joined_at: string;
  /** invited | accepted | declined (migration 2026-12-15T20-alliance-consent); only accepted rows are members. */
  status: Generated<import('../../common/contracts/docking.ts').AllianceMemberStatus>;
  invited_by: Generated<string | null>;
  responded_by: Generated<string | null>;
  responded_at: Generated<string | null>;
}

export interface DockingSessionTable {
  id: string;
  organisation_id: string;
  theme_day_id: string | null;
  kind: DockingKind;
  title: string;
  description: string | null;
  agenda: string;
  starts_at: string;
  ends_at: string;
  venue: string | null;
  online_link: string | null;
  event_session_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Issue 5 item 4: the virtual exhibition hall (migration 2026-11-28T40-exhibition). */
export interface ExhibitionBoothTable {
  id: string;
  theme_day_id: string;
  organisation_id: string;
  title: string;
  intro: string;
  contact_name: string;
  contact_phone: string | null;
  contact_email: string | null;
  /** JSON [{type, id}] */
  items: string;
  status: BoothStatus;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ExhibitionContactRequestTable {
  id: string;
  booth_id: string;
  requester_user_id: string;
  requester_organisation_id: string | null;
  message: string;
  status: ContactRequestStatus;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A claimed `Idempotency-Key` and, once done, the first response (server/plugins/idempotency.ts). */
export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  fingerprint: string;
  method: string;
  path: string;
  state: 'pending' | 'done';
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
  created_at: string;
  locked_until: string;
  expires_at: string;
}

/** An editor's unsaved state, per user and form key (issue 15, server/modules/drafts). */
export interface FormDraftTable {
  user_id: string;
  key: string;
  /** JSON object */
  data: string;
  updated_at: string;
}

/** Issue 12 §2: the e-mail/SMS outbox (migration 2026-12-17T30-notification-delivery). */
export interface NotificationDeliveryTable {
  id: string;
  notification_id: string | null;
  user_id: string;
  channel: DeliveryChannel;
  recipient: string;
  kind: string;
  template: string;
  payload: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  provider_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  category: NotificationCategory;
  channel: DeliveryChannel;
  enabled: number;
  updated_at: string;
}

/** Reminders and other work to run once at a time across app servers (server/modules/reminders). */
export interface ScheduledJobTable {
  id: string;
  kind: string;
  job_key: string;
  run_at: string;
  payload: string;
  status: 'pending' | 'done' | 'skipped' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  result: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface DB {
  organisations: OrganisationTable;
  bases: BaseTable;
  users: UserTable;
  memberships: MembershipTable;
  join_requests: JoinRequestTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  programmes: ProgrammeTable;
  preliminary_plans: PreliminaryPlanTable;
  plan_versions: PlanVersionTable;
  plan_comments: PlanCommentTable;
  base_reminders: BaseReminderTable;
  review_assignments: ReviewAssignmentTable;
  theme_days: ThemeDayTable;
  activity_plans: ActivityPlanTable;
  notifications: NotificationTable;
  notification_deliveries: NotificationDeliveryTable;
  notification_preferences: NotificationPreferenceTable;
  scheduled_jobs: ScheduledJobTable;
  meeting_sessions: MeetingSessionTable;
  meeting_participants: MeetingParticipantTable;
  meeting_requests: MeetingRequestTable;
  meetings: MeetingTable;
  meeting_occupancy: MeetingOccupancyTable;
  meeting_outcomes: MeetingOutcomeTable;
  schedule_runs: ScheduleRunTable;
  event_sessions: EventSessionTable;
  event_registrations: EventRegistrationTable;
  roadshows: RoadshowTable;
  roadshow_projects: RoadshowProjectTable;
  roadshow_judges: RoadshowJudgeTable;
  roadshow_scores: RoadshowScoreTable;
  resources: ResourceTable;
  resource_requests: ResourceRequestTable;
  demands: DemandTable;
  demand_responses: DemandResponseTable;
  consortia: ConsortiumTable;
  consortium_members: ConsortiumMemberTable;
  results: ResultTable;
  confidentiality_reviewers: ConfidentialityReviewerTable;
  result_applications: ResultApplicationTable;
  alliances: AllianceTable;
  alliance_members: AllianceMemberTable;
  rate_limit_hits: RateLimitHitTable;
  verification_codes: VerificationCodeTable;
  invitations: InvitationTable;
  docking_sessions: DockingSessionTable;
  exhibition_booths: ExhibitionBoothTable;
  exhibition_contact_requests: ExhibitionContactRequestTable;
  cooperation_projects: CooperationProjectTable;
  project_parties: ProjectPartyTable;
  project_follow_ups: ProjectFollowUpTable;
  project_follow_up_reminders: ProjectFollowUpReminderTable;
  project_evidence: ProjectEvidenceTable;
  survey_instruments: SurveyInstrumentTable;
  surveys: SurveyTable;
  survey_invitations: SurveyInvitationTable;
  survey_answers: SurveyAnswerTable;
  publicity_images: PublicityImageTable;
  news_delegations: NewsDelegationTable;
  news: NewsTable;
  success_cases: SuccessCaseTable;
  success_case_consents: SuccessCaseConsentTable;
  benchmark_enterprises: BenchmarkEnterpriseTable;
  nominations: NominationTable;
  evaluations: EvaluationTable;
  evaluation_theme_days: EvaluationThemeDayTable;
  evaluation_scores: EvaluationScoreTable;
  idempotency_keys: IdempotencyKeyTable;
  form_drafts: FormDraftTable;
  search_lexicon_entries: SearchLexiconEntryTable;
  search_lexicon_state: SearchLexiconStateTable;
  recommendation_impressions: RecommendationImpressionTable;
  base_alliances: BaseAllianceTable;
  base_alliance_bases: BaseAllianceBaseTable;
  base_alliance_staff: BaseAllianceStaffTable;
  theme_day_coorganisers: ThemeDayCoorganiserTable;
  support_delegations: SupportDelegationTable;
}

/** Issue 10: cooperation projects and their follow-ups (migration 2026-12-04T20-cooperation-projects). */
export interface CooperationProjectTable {
  id: string;
  theme_day_id: string | null;
  title: string;
  description: string | null;
  type: import('../../common/contracts/projects.ts').ProjectType;
  /** JSON string[] of content-area keys */
  content_areas: string;
  chain: import('../../common/contracts/projects.ts').ProjectChain | null;
  /** Whole yuan (bigint on PostgreSQL, parsed to Number). */
  intended_amount: number | null;
  contracted_amount: number | null;
  received_amount: number | null;
  jobs_created: number | null;
  stage: import('../../common/contracts/projects.ts').ProjectStage;
  intent_on: string | null;
  signed_on: string | null;
  started_on: string | null;
  completed_on: string | null;
  terminated_on: string | null;
  termination_reason: string | null;
  source_type: import('../../common/contracts/projects.ts').SourceType | null;
  source_id: string | null;
  merged_into_id: string | null;
  proposed_by_org_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectPartyTable {
  id: string;
  project_id: string;
  organisation_id: string;
  role: import('../../common/contracts/projects.ts').PartyRole;
  size_class: SizeClass | null;
  kind: OrgKind | null;
  confirmation: import('../../common/contracts/projects.ts').Confirmation;
  decline_reason: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  publish_consent: number;
  amounts_consent: number;
  created_at: string;
  updated_at: string;
}

export interface ProjectFollowUpTable {
  id: string;
  project_id: string;
  organisation_id: string;
  point_months: number;
  due_date: string;
  status: import('../../common/contracts/projects.ts').FollowUpStatus | null;
  received_amount: number | null;
  jobs_created: number | null;
  milestones: string | null;
  problems: string | null;
  /** JSON HelpSource[] */
  help_needed: string;
  help_note: string | null;
  answered_at: string | null;
  answered_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectFollowUpReminderTable {
  id: string;
  follow_up_id: string;
  kind: import('../../common/contracts/projects.ts').ReminderKind;
  sent_at: string;
}

export interface ProjectEvidenceTable {
  id: string;
  project_id: string;
  organisation_id: string;
  point_months: number | null;
  name: string;
  type: import('../../common/contracts/projects.ts').EvidenceType;
  size: number;
  /** Relative to the uploads folder. */
  path: string;
  uploaded_by: string;
  created_at: string;
}

/** Issue 11 §1: satisfaction surveys (migration 2026-12-10T10-surveys). */
export interface SurveyInstrumentTable {
  id: string;
  /** 2 onward; version 1 is common/survey-instrument.ts. */
  version: number;
  /** JSON Question[] */
  questions: string;
  note: string;
  published_by: string | null;
  published_at: string;
}

export interface SurveyTable {
  id: string;
  theme_day_id: string;
  core_version: number;
  /** JSON Question[] (keys start with host_) */
  host_questions: string;
  anonymous: number;
  status: import('../../common/contracts/surveys.ts').SurveyStatus;
  opens_at: string;
  closes_at: string;
  closed_at: string | null;
  opened_by: string;
  created_at: string;
  updated_at: string;
}

export interface SurveyInvitationTable {
  id: string;
  survey_id: string;
  user_id: string;
  organisation_id: string | null;
  /** SHA-256 hex of the link token; the token itself is never stored. */
  token_hash: string;
  /** JSON ParticipationKind[] */
  sources: string;
  expires_at: string;
  /** 0/1 with no time, so it cannot be matched with an answer. */
  used: Generated<number>;
  created_at: string;
}

/** No invitation, person or instant: see the migration. */
export interface SurveyAnswerTable {
  id: string;
  survey_id: string;
  core_version: number;
  /** YYYY-MM-DD, Asia/Shanghai */
  answered_on: string;
  /** Null in anonymous mode. */
  organisation_id: string | null;
  size_class: SizeClass | null;
  org_kind: OrgKind | null;
  /** JSON { [questionKey]: value } */
  answers: string;
}

/** Issue 11 §3: publicity and the national showcase (migration 2026-12-12T30-publicity). */
export interface PublicityImageTable {
  id: string;
  type: import('../../common/contracts/publicity.ts').ImageType;
  size: number;
  /** Relative to the uploads folder. */
  path: string;
  organisation_id: string | null;
  uploaded_by: string;
  created_at: string;
}

export interface NewsDelegationTable {
  id: string;
  theme_day_id: string;
  organisation_id: string;
  created_by: string;
  created_at: string;
}

export interface NewsTable {
  id: string;
  theme_day_id: string | null;
  title: string;
  summary: string;
  cover_image_id: string | null;
  /** Sanitised HTML. */
  body: string;
  status: import('../../common/contracts/publicity.ts').NewsStatus;
  author_kind: import('../../common/contracts/publicity.ts').NewsAuthorKind;
  author_org_id: string;
  return_reason: string | null;
  created_by: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  published_by: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SuccessCaseTable {
  id: string;
  project_id: string;
  title: string;
  summary: string;
  /** Sanitised HTML. */
  story: string;
  /** JSON CaseFigure[] */
  figures: string;
  /** JSON string[] of publicity_images ids */
  photo_ids: string;
  status: import('../../common/contracts/publicity.ts').CaseStatus;
  proposed_by: string;
  proposed_by_org_id: string | null;
  published_by: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SuccessCaseConsentTable {
  id: string;
  case_id: string;
  organisation_id: string;
  decision: import('../../common/contracts/publicity.ts').ConsentDecision;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface BenchmarkEnterpriseTable {
  id: string;
  year: number;
  organisation_id: string;
  reason: string;
  named_by: string;
  named_at: string;
}

export interface NominationTable {
  id: string;
  project_id: string;
  event: import('../../common/contracts/publicity.ts').ShowcaseEvent;
  year: number;
  reason: string;
  status: import('../../common/contracts/publicity.ts').NominationStatus;
  note: string | null;
  proposed_by: string;
  proposed_by_org_id: string;
  decided_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Issue 11 §2: the third-party evaluation (migration 2026-12-14T10-evaluations). */
export interface EvaluationTable {
  id: string;
  title: string;
  evaluator_organisation_id: string;
  period_start: string;
  period_end: string;
  /** JSON Indicator[] (key, name, weight; weights sum to 100) */
  indicators: string;
  status: import('../../common/contracts/evaluation.ts').EvaluationStatus;
  conclusions: string;
  commissioned_by: string;
  submitted_by: string | null;
  submitted_at: string | null;
  accepted_by: string | null;
  accepted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvaluationThemeDayTable {
  evaluation_id: string;
  theme_day_id: string;
  position: number;
}

export interface EvaluationScoreTable {
  id: string;
  evaluation_id: string;
  theme_day_id: string;
  indicator_key: string;
  /** 0..100 */
  score: number;
  comment: string;
  updated_by: string;
  updated_at: string;
}

/** Issue 14: administrators' search lexicon entries (migration 2026-12-17T10-search-lexicon). */
export interface SearchLexiconEntryTable {
  id: string;
  kind: import('../../common/contracts/lexicon.ts').LexiconKind;
  term: string;
  /** JSON string[] */
  terms: string;
  signature: string;
  created_by: string | null;
  created_at: string;
}

export interface SearchLexiconStateTable {
  id: number;
  version: number;
}

/** Issue 14: recommendations shown and followed (migration 2026-12-17T20-recommendation-impressions). */
export interface RecommendationImpressionTable {
  id: string;
  rec_key: string;
  viewer_org_id: string;
  subject_kind: 'demand' | 'organisation';
  subject_id: string;
  item_type: import('../../common/contracts/search.ts').RecType;
  item_id: string;
  item_org_id: string;
  rank: number;
  shown_on: string;
  shown_at: string;
  followed_kind: import('../../common/contracts/search.ts').FollowKind | null;
  followed_ref: string | null;
  followed_at: string | null;
}

/** Issue 12 §3: 双创示范基地联盟, co-organisers and support delegations (migration 2026-12-18T30-coorganisers). */
export interface BaseAllianceTable {
  id: string;
  name: string;
  region_code: string | null;
  description: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface BaseAllianceBaseTable {
  alliance_id: string;
  base_id: string;
}

export interface BaseAllianceStaffTable {
  alliance_id: string;
  user_id: string;
}

export interface ThemeDayCoorganiserTable {
  id: string;
  theme_day_id: string;
  party_kind: import('../../common/contracts/coorganisers.ts').CoorganiserKind;
  party_id: string;
  /** JSON CoorganiserPart[] */
  parts: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface SupportDelegationTable {
  id: string;
  theme_day_id: string;
  organisation_id: string;
  /** JSON DelegationScope[] */
  scopes: string;
  expires_on: string;
  expires_at: string;
  granted_by: string;
  granted_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
}
