/** Zod schemas of the event-session API: sessions, registration, waitlist, check-in, epidemic controls. */
import { z } from 'zod';
import { LocalDateTime, listOf, pagingQuery } from './common.ts';
import { textOrHttpUrl } from './text.ts';

/** Kept here too for the contracts that import it from events (docking, roadshows); it lives in common.ts. */

export const SESSION_KINDS = ['opening', 'roadshow', 'seminar', 'docking', 'exhibition'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  opening: '开幕式',
  roadshow: '路演',
  seminar: '研讨会',
  docking: '对接会',
  exhibition: '展览',
};
export const SESSION_MODES = ['offline', 'online', 'hybrid'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];
/** How a registrant takes part (a hybrid session offers both). */
export const ATTENDANCES = ['offline', 'online'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
/** Where the registration window stands at the server's clock. */
export const REGISTRATION_STATES = ['not_yet', 'open', 'closed'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export const QuestionType = z.enum(['text', 'textarea', 'single', 'multiple', 'number', 'boolean']);
export type QuestionType = z.infer<typeof QuestionType>;
export const Question = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '问题标识只能包含字母、数字和下划线，且以字母开头'),
    label: z.string().trim().min(1).max(200),
    type: QuestionType,
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.type === 'single' || q.type === 'multiple') && (!q.options || q.options.length < 1)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: '单选、多选题须至少提供一个选项' });
    }
  });
export type Question = z.infer<typeof Question>;
export type QuestionInput = z.input<typeof Question>;

const Questions = z
  .array(Question)
  .max(30)
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `问题标识「${q.key}」重复` });
      seen.add(q.key);
    });
  });

const Capacity = z.number().int().min(1).max(1_000_000);

export const SessionCreateBody = z.object({
  title: z.string().trim().min(1).max(200),
  kind: z.enum(SESSION_KINDS),
  mode: z.enum(SESSION_MODES),
  description: z.string().max(5000).optional(),
  startsAt: LocalDateTime,
  endsAt: LocalDateTime,
  venue: z.string().trim().max(500).optional(),
  /** The venue's own capacity (场地容量); the offline capacity may not exceed it. */
  venueCapacity: Capacity.nullable().optional(),
  /** Offline places; defaults to the approved activity plan's head-count limit (and the venue's). */
  capacity: Capacity.nullable().optional(),
  onlineLimit: Capacity.nullable().optional(),
  /** Meeting link or live stream; defaults to the activity plan's online channel. */
  onlineChannel: textOrHttpUrl(1000).optional(),
  registrationOpensAt: LocalDateTime,
  registrationClosesAt: LocalDateTime,
  questions: Questions.default([]),
});
export type SessionCreateBody = z.infer<typeof SessionCreateBody>;
/** What the web sends to create or edit a session (`questions` and `required` have defaults). */
export type SessionInput = z.input<typeof SessionCreateBody>;

export const SessionUpdateBody = SessionCreateBody.partial().extend({
  /** Shown to registrants when a capacity change or a switch to online moves them. */
  reason: z.string().trim().max(500).optional(),
});
export type SessionUpdateBody = z.infer<typeof SessionUpdateBody>;

export const CapacityBody = z.object({ capacity: Capacity, reason: z.string().trim().max(500).optional() });
export type CapacityBody = z.infer<typeof CapacityBody>;
export const OnlineOnlyBody = z.object({
  onlineChannel: textOrHttpUrl(1000).optional(),
  reason: z.string().trim().max(500).optional(),
});
export type OnlineOnlyBody = z.infer<typeof OnlineOnlyBody>;

export const SessionAbilities = z.object({
  edit: z.boolean(),
  register: z.boolean(),
  cancelRegistration: z.boolean(),
  manage: z.boolean(),
  checkIn: z.boolean(),
  viewRegistrations: z.boolean(),
  export: z.boolean(),
  changeCapacity: z.boolean(),
  switchOnline: z.boolean(),
  createRoadshow: z.boolean(),
});
export type SessionAbilities = z.infer<typeof SessionAbilities>;

export const Counts = z.object({
  registered: z.number().int(),
  waitlisted: z.number().int(),
  checkedIn: z.number().int(),
});
export type Counts = z.infer<typeof Counts>;

export const MyRegistrationSummary = z.object({
  id: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  attendance: z.enum(ATTENDANCES),
  waitlistPosition: z.number().int().nullable(),
  checkedIn: z.boolean(),
});
export type MyRegistrationSummary = z.infer<typeof MyRegistrationSummary>;

export const SessionView = z.object({
  id: z.string(),
  themeDayId: z.string(),
  themeDay: z.object({
    id: z.string(),
    title: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    hostName: z.string(),
  }),
  title: z.string(),
  kind: z.enum(SESSION_KINDS),
  kindLabel: z.string(),
  mode: z.enum(SESSION_MODES),
  description: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string().nullable(),
  venueCapacity: z.number().int().nullable(),
  /** Offline places (null for an online-only session). */
  capacity: z.number().int().nullable(),
  /** The approved activity plan's head-count limit: the ceiling of `capacity`. */
  headcountLimit: z.number().int().nullable(),
  onlineLimit: z.number().int().nullable(),
  /** Only for registrants holding a place and for the host's staff; null otherwise. */
  onlineChannel: z.string().nullable(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  /** 'not_yet' | 'open' | 'closed' at the server's clock (Asia/Shanghai times above). */
  registrationState: z.enum(REGISTRATION_STATES),
  questions: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: QuestionType,
      required: z.boolean(),
      options: z.array(z.string()).optional(),
    }),
  ),
  offline: Counts.extend({ remaining: z.number().int().nullable() }),
  online: Counts.extend({ remaining: z.number().int().nullable() }),
  /** The activity plan's emergency plan (应急预案) — for the host's staff only; null otherwise. */
  emergencyPlan: z.string().nullable(),
  epidemicMeasures: z.string().nullable(),
  myRegistration: MyRegistrationSummary.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: SessionAbilities,
});
export type SessionView = z.infer<typeof SessionView>;

export const SessionListQuery = z.object({
  kind: z.enum(SESSION_KINDS).optional(),
  mode: z.enum(SESSION_MODES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(['startsAt', 'createdAt', 'title']).default('startsAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;

export const SessionList = listOf(SessionView);
export type SessionList = z.infer<typeof SessionList>;

export const AnswerValue = z.union([
  z.string().max(2000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(200)).max(50),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const RegisterBody = z.object({
  /** Required only for a hybrid session; offline/online sessions imply it. */
  attendance: z.enum(ATTENDANCES).optional(),
  answers: z.record(z.string(), AnswerValue).default({}),
});
export type RegisterBody = z.infer<typeof RegisterBody>;
export type RegisterInput = z.input<typeof RegisterBody>;

export const RegistrationAbilities = z.object({ cancel: z.boolean(), checkIn: z.boolean() });
export type RegistrationAbilities = z.infer<typeof RegistrationAbilities>;

export const RegistrationView = z.object({
  id: z.string(),
  sessionId: z.string(),
  user: z.object({ id: z.string(), name: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  attendance: z.enum(ATTENDANCES),
  status: z.enum(REGISTRATION_STATUSES),
  /** 1-based place in the waitlist of the same attendance; null unless waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  /** The check-in code (QR payload); only for the registrant and the host's staff. */
  code: z.string().nullable(),
  answers: z.record(z.string(), AnswerValue),
  checkedInAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: RegistrationAbilities,
});
export type RegistrationView = z.infer<typeof RegistrationView>;

export const RegistrationListQuery = z.object({
  status: z.enum(REGISTRATION_STATUSES).optional(),
  attendance: z.enum(ATTENDANCES).optional(),
  checkedIn: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(['seq', 'createdAt', 'checkedInAt']).default('seq'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type RegistrationListQuery = z.infer<typeof RegistrationListQuery>;

export const RegistrationList = listOf(RegistrationView);
export type RegistrationList = z.infer<typeof RegistrationList>;

export const CheckInBody = z.object({ code: z.string().trim().min(4).max(40) });
export type CheckInBody = z.infer<typeof CheckInBody>;
export const CheckInResponse = z.object({
  registration: RegistrationView,
  headCount: z.object({ checkedIn: z.number().int(), capacity: z.number().int().nullable() }),
});
export type CheckInResponse = z.infer<typeof CheckInResponse>;

export const HeadCount = z.object({
  sessionId: z.string(),
  capacity: z.number().int().nullable(),
  onlineLimit: z.number().int().nullable(),
  offline: Counts,
  online: Counts,
  /** People checked in at the door right now (the live head count). */
  checkedIn: z.number().int(),
  at: z.string(),
});
export type HeadCount = z.infer<typeof HeadCount>;

/** The session a registration belongs to, as "我的报名" and the pass show it. */
export const SessionBrief = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(SESSION_KINDS),
  kindLabel: z.string(),
  mode: z.enum(SESSION_MODES),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string().nullable(),
  themeDay: z.object({ id: z.string(), title: z.string(), hostName: z.string() }),
});
export type SessionBrief = z.infer<typeof SessionBrief>;

export const MyRegistration = RegistrationView.extend({ session: SessionBrief });
export type MyRegistration = z.infer<typeof MyRegistration>;
export const MyRegistrationListQuery = z.object({
  status: z.enum(REGISTRATION_STATUSES).optional(),
  ...pagingQuery(),
  sort: z.enum(['startsAt']).default('startsAt'),
});
export type MyRegistrationListQuery = z.infer<typeof MyRegistrationListQuery>;
export const MyRegistrationList = listOf(MyRegistration);
export type MyRegistrationList = z.infer<typeof MyRegistrationList>;

export const OpenSessionListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(6),
  sort: z.enum(['startsAt']).default('startsAt'),
  order: z.enum(['asc']).default('asc'),
});
export type OpenSessionListQuery = z.infer<typeof OpenSessionListQuery>;

/** The printable entry pass (电子参会证): the registration, its session and the QR code of the check-in code. */
export const Pass = z.object({
  registration: RegistrationView,
  session: SessionBrief.extend({ onlineChannel: z.string().nullable() }),
  /** SVG markup of the QR code whose payload is the check-in code; null unless the registration holds a place. */
  qrSvg: z.string().nullable(),
});
export type Pass = z.infer<typeof Pass>;

/** Theme days whose sessions the caller runs (host base administrators and delegated support organisations). */
export const ManagedThemeDay = z.object({
  id: z.string(),
  title: z.string(),
  theme: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  hostName: z.string(),
  sessionCount: z.number().int(),
  activityPlanStatus: z.string().nullable(),
  /** The approved plan's on-site head-count limit: the ceiling of every session's capacity. */
  headcountLimit: z.number().int().nullable(),
  abilities: z.object({ createSession: z.boolean() }),
});
export type ManagedThemeDay = z.infer<typeof ManagedThemeDay>;
export const ManagedThemeDayList = listOf(ManagedThemeDay);
export type ManagedThemeDayList = z.infer<typeof ManagedThemeDayList>;
export const ManagedThemeDayListQuery = z.object({
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['startDate']).default('startDate'),
});
export type ManagedThemeDayListQuery = z.infer<typeof ManagedThemeDayListQuery>;
