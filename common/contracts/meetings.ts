/** Zod schemas of the 1:1 meeting API (sessions, participants, requests, meetings, scheduler runs, agendas). */
import { z } from 'zod';
import { isRealLocalDateTime, listOf, pagingQuery } from './common.ts';
import { httpUrl } from './text.ts';

const LocalMinute = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '时间格式应为 YYYY-MM-DDTHH:mm（北京时间）')
  .refine(isRealLocalDateTime, { message: '时间无效', params: { code: 'invalid_date' } });
const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');

/** self_booking: an accepted request takes the best free slot at once; organiser: the organiser schedules them all. */
export const MODES = ['self_booking', 'organiser'] as const;
export type MeetingMode = (typeof MODES)[number];
export const SESSION_STATUSES = ['open', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** Stored statuses of a request; a pending request past its expiry is shown (and later stored) as expired. */
export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** accepted: waiting for a slot; scheduled: has a slot and a location. */
export const MEETING_STATUSES = ['accepted', 'scheduled', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const RUN_STATUSES = ['running', 'finished', 'failed', 'published'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/**
 * How the exact part of the scheduler ended (server/engines/b2b/exact.ts): `optimal` proved the best schedule
 * optimal, `infeasible` proved no schedule exists, `stopped` ran until the time limit or a stop (the gap is
 * what is left), `stalled` made no progress for a while and gave the rest of the time back to the local search,
 * `too-large` was not run because the session has too many meeting-slot pairs, `gap-too-large` was not run
 * because the best schedule was too far above the lower bound to close within the time, `error` failed (the
 * local search's schedule stands; the server log has the reason).
 */
export const EXACT_STATUSES = [
  'optimal',
  'infeasible',
  'stopped',
  'stalled',
  'too-large',
  'gap-too-large',
  'error',
] as const;
export type ExactRunStatus = (typeof EXACT_STATUSES)[number];
/** 未进行 / 无合作意向 / 有收获但暂无合作 / 有合作可能. */
export const OUTCOMES = ['did_not_take_place', 'no_interest', 'useful_no_cooperation', 'cooperation_possible'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SlotInput = z.object({
  /** Start in Beijing time, 'YYYY-MM-DDTHH:mm'. */
  start: LocalMinute,
  minutes: z.number().int().min(5).max(240),
});

export const CreateSessionBody = z.object({
  title: z.string().trim().min(1).max(100),
  mode: z.enum(MODES),
  slots: z.array(SlotInput).min(1).max(48),
  /** Slots starting at or after this Beijing time form the afternoon session (default 12:00). */
  afternoonFrom: HourMinute.default('12:00'),
  /** Numbered tables at the venue (offline). */
  tables: z.number().int().min(0).max(500).default(0),
  /** Concurrent online rooms; each online meeting gets its own link. */
  onlineRooms: z.number().int().min(0).max(500).default(0),
  /** Link of an online meeting; `{meeting}` and `{room}` are replaced. */
  onlineUrlTemplate: httpUrl(300).optional(),
  venue: z.string().trim().max(200).optional(),
  /** Most open requests (pending or accepted) a participant may have sent. */
  requestLimit: z.number().int().min(1).max(200).default(10),
  /** Hours after which an unanswered request expires. */
  requestTtlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(48),
  /** Fairness bound d: most difference in breaks between two participants (organiser scheduling). */
  fairness: z.number().int().min(0).max(20).default(2),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;
export type CreateSessionInput = z.input<typeof CreateSessionBody>;

export const UpdateSessionBody = z.object({
  title: z.string().trim().min(1).max(100).optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  tables: z.number().int().min(0).max(500).optional(),
  onlineRooms: z.number().int().min(0).max(500).optional(),
  onlineUrlTemplate: httpUrl(300).nullable().optional(),
  venue: z.string().trim().max(200).nullable().optional(),
  requestLimit: z.number().int().min(1).max(200).optional(),
  requestTtlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  fairness: z.number().int().min(0).max(20).optional(),
});
export type UpdateSessionBody = z.infer<typeof UpdateSessionBody>;

export const SessionListQuery = z.object({
  ...pagingQuery(),
  sort: z.enum(['date', 'createdAt', 'title']).default('date'),
  mode: z.enum(MODES).optional(),
  status: z.enum(SESSION_STATUSES).optional(),
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;

/** The workspace list across theme days (GET /meeting-sessions). */
export const MySessionListQuery = z.object({
  ...pagingQuery(),
  sort: z.enum(['date', 'title']).default('date'),
  /** joined: sessions I take part in; organising: sessions I organise; all: every session I can see. */
  filter: z.enum(['all', 'joined', 'organising']).default('all'),
  /** true: only sessions whose date is today or later (Beijing time). */
  upcoming: z.enum(['true', 'false']).optional(),
});
export type MySessionListQuery = z.infer<typeof MySessionListQuery>;

export const SlotView = z.object({
  index: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  part: z.enum(['morning', 'afternoon']),
});
export type SlotView = z.infer<typeof SlotView>;

export const SessionView = z.object({
  id: z.string(),
  themeDayId: z.string(),
  themeDayTitle: z.string(),
  title: z.string(),
  mode: z.enum(MODES),
  status: z.enum(SESSION_STATUSES),
  date: z.string(),
  slots: z.array(SlotView),
  tables: z.number().int(),
  onlineRooms: z.number().int(),
  venue: z.string().nullable(),
  requestLimit: z.number().int(),
  requestTtlHours: z.number().int(),
  fairness: z.number().int(),
  publishedAt: z.string().nullable(),
  participantCount: z.number().int(),
  /** The caller's participant id, when joined. */
  myParticipantId: z.string().nullable(),
  abilities: z.object({
    manage: z.boolean(),
    join: z.boolean(),
    request: z.boolean(),
    setAvailability: z.boolean(),
    readOverview: z.boolean(),
    schedule: z.boolean(),
  }),
});
export type SessionView = z.infer<typeof SessionView>;
export const SessionList = listOf(SessionView);

/** A theme day on which the caller may create sessions (GET /meeting-sessions/organisable-theme-days). */
export const OrganisableThemeDay = z.object({
  id: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  sessionCount: z.number().int(),
});
export type OrganisableThemeDay = z.infer<typeof OrganisableThemeDay>;
export const OrganisableThemeDayList = z.object({ items: z.array(OrganisableThemeDay) });

/** A session on a theme day's public portal page (no login). */
export const PublicSessionView = z.object({
  id: z.string(),
  title: z.string(),
  mode: z.enum(MODES),
  status: z.enum(SESSION_STATUSES),
  date: z.string(),
  /** First slot start and last slot end (UTC). */
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  slotCount: z.number().int(),
  tables: z.number().int(),
  onlineRooms: z.number().int(),
  venue: z.string().nullable(),
  participantCount: z.number().int(),
  published: z.boolean(),
});
export type PublicSessionView = z.infer<typeof PublicSessionView>;
export const PublicSessionList = z.object({ items: z.array(PublicSessionView) });

export const ParticipantView = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  joinedAt: z.string(),
  /** Only for the participant themself and organisers. */
  unavailableSlots: z.array(z.number().int()).nullable(),
  requestLimit: z.number().int().nullable(),
  /** What the organisation offers and seeks here (visible to participants and organisers). */
  offer: z.string().nullable(),
  seek: z.string().nullable(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;
export const ParticipantList = listOf(ParticipantView);

export const ParticipantListQuery = z.object({
  ...pagingQuery(),
  sort: z.enum(['joinedAt', 'name']).default('joinedAt'),
  q: z.string().trim().max(50).optional(),
});

/** 供给 / 需求: what the participant's organisation brings to the session and what it looks for. */
export const ProfileBody = z.object({
  offer: z.string().trim().max(500).nullable().optional(),
  seek: z.string().trim().max(500).nullable().optional(),
});
export type ProfileBody = z.infer<typeof ProfileBody>;

export const AvailabilityBody = z.object({ unavailableSlots: z.array(z.number().int().min(0)).max(48) });
export type AvailabilityBody = z.infer<typeof AvailabilityBody>;

export const ParticipantPatchBody = z.object({ requestLimit: z.number().int().min(1).max(200).nullable() });
export type ParticipantPatchBody = z.infer<typeof ParticipantPatchBody>;

export const CitedItem = z.object({ type: z.string().trim().min(1).max(40), id: z.string().trim().min(1).max(100) });
export type CitedItem = z.infer<typeof CitedItem>;

export const CreateRequestBody = z.object({
  recipientParticipantId: z.string().min(1).max(100),
  message: z.string().trim().max(500).optional(),
  citedItem: CitedItem.optional(),
});
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const RequestListQuery = z.object({
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['createdAt', 'expiresAt']).default('createdAt'),
  box: z.enum(['incoming', 'outgoing', 'all']).default('all'),
  status: z.enum(REQUEST_STATUSES).optional(),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

export const PartyView = z.object({ participantId: z.string(), name: z.string(), organisationName: z.string() });
export type PartyView = z.infer<typeof PartyView>;

export const RequestView = z.object({
  id: z.string(),
  sessionId: z.string(),
  requester: PartyView,
  recipient: PartyView,
  message: z.string().nullable(),
  citedItem: CitedItem.nullable(),
  status: z.enum(REQUEST_STATUSES),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
  createdAt: z.string(),
  meetingId: z.string().nullable(),
  abilities: z.object({ accept: z.boolean(), decline: z.boolean(), withdraw: z.boolean() }),
});
export type RequestView = z.infer<typeof RequestView>;
export const RequestList = listOf(RequestView);

/** Locations 1..tables are numbered tables (桌号); the ones after them are online rooms (线上洽谈室). */
export const LocationView = z.object({
  kind: z.enum(['table', 'online']),
  number: z.number().int(),
  label: z.string(),
});
export type LocationView = z.infer<typeof LocationView>;

const MeetingAbilities = z.object({ cancel: z.boolean(), fix: z.boolean(), recordOutcome: z.boolean() });

export const MeetingView = z.object({
  id: z.string(),
  sessionId: z.string(),
  status: z.enum(MEETING_STATUSES),
  participants: z.array(PartyView),
  slot: SlotView.nullable(),
  location: LocationView.nullable(),
  onlineLink: z.string().nullable(),
  fixedSlot: z.number().int().nullable(),
  message: z.string().nullable(),
  citedItem: CitedItem.nullable(),
  outcomes: z.array(
    z.object({
      participantId: z.string(),
      outcome: z.enum(OUTCOMES),
      note: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
  abilities: MeetingAbilities,
});
export type MeetingView = z.infer<typeof MeetingView>;
export const MeetingList = listOf(MeetingView);

export const MeetingListQuery = z.object({
  ...pagingQuery({ maxPageSize: 200 }),
  /** A session's meetings come 50 to a page (one screen of the organiser's grid). */
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(['createdAt', 'slot']).default('slot'),
  status: z.enum(MEETING_STATUSES).optional(),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;

export const FixBody = z.object({ slotIndex: z.number().int().min(0).nullable() });
export type FixBody = z.infer<typeof FixBody>;
export const CancelBody = z.object({ reason: z.string().trim().max(200).optional() }).nullish();
export type CancelBody = z.infer<typeof CancelBody>;
export const OutcomeBody = z.object({ outcome: z.enum(OUTCOMES), note: z.string().trim().max(1000).optional() });
export type OutcomeBody = z.infer<typeof OutcomeBody>;

export const AgendaItemView = z.object({
  meetingId: z.string(),
  slot: SlotView,
  location: LocationView.nullable(),
  onlineLink: z.string().nullable(),
  counterpart: PartyView,
  message: z.string().nullable(),
  citedItem: CitedItem.nullable(),
  myOutcome: z.enum(OUTCOMES).nullable(),
  abilities: MeetingAbilities,
});
export type AgendaItemView = z.infer<typeof AgendaItemView>;

export const AgendaView = z.object({
  session: z.object({
    id: z.string(),
    title: z.string(),
    date: z.string(),
    venue: z.string().nullable(),
    publishedAt: z.string().nullable(),
    mode: z.enum(MODES),
  }),
  participantId: z.string(),
  breaks: z.number().int(),
  /** Meetings with a slot, in time order. */
  items: z.array(AgendaItemView),
  /** Accepted meetings still waiting for a slot. */
  unscheduled: z.array(z.object({ meetingId: z.string(), counterpart: PartyView })),
});
export type AgendaView = z.infer<typeof AgendaView>;

/**
 * A run's time limit. The default leaves the exact part room to prove the optimum on hard days (on the 20 real
 * instances of the engine's benchmark every run did within 40 s; engine README); a run stops by itself once
 * the optimum is proved, and the organiser can stop it at any time and keep the best schedule.
 */
export const RUN_SECONDS = { default: 60, min: 0.2, max: 120 } as const;

export const StartRunBody = z.object({
  timeLimitSeconds: z.number().min(RUN_SECONDS.min).max(RUN_SECONDS.max).default(RUN_SECONDS.default),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  /** After publishing: may the scheduler move already published meetings? */
  allowMoves: z.boolean().default(false),
});
export type StartRunBody = z.infer<typeof StartRunBody>;
export type StartRunInput = z.input<typeof StartRunBody>;

/** The scheduler runs of a session, always newest first (no `order`). */
const { page, pageSize } = pagingQuery();
export const RunListQuery = z.object({ page, pageSize });
export type RunListQuery = z.infer<typeof RunListQuery>;

export const RunView = z.object({
  id: z.string(),
  sessionId: z.string(),
  status: z.enum(RUN_STATUSES),
  allowMoves: z.boolean(),
  timeLimitMs: z.number().int(),
  seed: z.number().int(),
  stopRequested: z.boolean(),
  meetings: z.number().int(),
  bestBreaks: z.number().int().nullable(),
  lowerBound: z.number().int().nullable(),
  elapsedMs: z.number().int(),
  iterations: z.number().int(),
  feasible: z.boolean().nullable(),
  provedOptimal: z.boolean(),
  /** Best minus lower bound once finished with a feasible schedule; 0 when proved optimal. */
  gap: z.number().int().nullable(),
  /** How the exact part ended; null while running, or when it was not needed (the local search reached the bound). */
  exactStatus: z.enum(EXACT_STATUSES).nullable(),
  /** Memory the scheduler's worker used (its heap and WebAssembly memory, MiB), once finished. */
  workerMemoryMb: z.number().int().nullable(),
  adjusted: z.boolean(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  abilities: z.object({ stop: z.boolean(), adjust: z.boolean(), publish: z.boolean() }),
});
export type RunView = z.infer<typeof RunView>;
export const RunList = listOf(RunView);

export const ViolationView = z.object({ code: z.string(), message: z.string(), detail: z.string().optional() });

export const PreviewView = z.object({
  run: RunView,
  totalBreaks: z.number().int(),
  lowerBound: z.number().int().nullable(),
  violations: z.array(ViolationView),
  /** True when the schedule has no hard violation (unscheduled meetings and unfairness need acknowledging). */
  publishable: z.boolean(),
  agendas: z.array(
    z.object({
      participant: PartyView,
      breaks: z.number().int(),
      items: z.array(
        z.object({
          meetingId: z.string(),
          slotIndex: z.number().int(),
          startsAt: z.string(),
          location: LocationView.nullable(),
          counterpart: PartyView,
        }),
      ),
    }),
  ),
  unscheduled: z.array(
    z.object({
      meetingId: z.string(),
      participants: z.array(PartyView),
      reason: z.object({ code: z.string(), message: z.string() }),
    }),
  ),
  engineReasons: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type PreviewView = z.infer<typeof PreviewView>;

export const AdjustBody = z.object({
  meetingId: z.string().min(1).max(100),
  slotIndex: z.number().int().min(0).nullable(),
  location: z.number().int().min(1).optional(),
});
export type AdjustBody = z.infer<typeof AdjustBody>;

export const PublishBody = z.object({
  /** Publish although some meetings stay unscheduled (they are listed in the preview with their reason). */
  acceptUnscheduled: z.boolean().default(false),
  /** Publish although the fairness bound is exceeded. */
  acceptUnfair: z.boolean().default(false),
});
export type PublishBody = z.infer<typeof PublishBody>;
export type PublishInput = z.input<typeof PublishBody>;

/** What publishing changed: meetings moved, placed in all, and left without a slot. */
export const PublishResultView = z.object({
  run: RunView,
  changed: z.number().int(),
  placed: z.number().int(),
  unscheduled: z.number().int(),
});
export type PublishResultView = z.infer<typeof PublishResultView>;

export const OverviewView = z.object({
  session: SessionView,
  counts: z.object({
    participants: z.number().int(),
    pendingRequests: z.number().int(),
    accepted: z.number().int(),
    scheduled: z.number().int(),
    unscheduled: z.number().int(),
    cancelled: z.number().int(),
  }),
  totalBreaks: z.number().int(),
  grid: z.array(
    z.object({
      slot: SlotView,
      meetings: z.array(
        z.object({ meetingId: z.string(), location: LocationView.nullable(), participants: z.array(PartyView) }),
      ),
    }),
  ),
  unscheduled: z.array(z.object({ meetingId: z.string(), participants: z.array(PartyView) })),
});
export type OverviewView = z.infer<typeof OverviewView>;

export const TableSheetsView = z.object({
  session: z.object({ id: z.string(), title: z.string(), date: z.string(), venue: z.string().nullable() }),
  sheets: z.array(
    z.object({
      location: LocationView,
      rows: z.array(z.object({ slot: SlotView, meetingId: z.string().nullable(), participants: z.array(PartyView) })),
    }),
  ),
});
export type TableSheetsView = z.infer<typeof TableSheetsView>;
