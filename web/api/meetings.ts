/** Response types of the 1:1 meeting API (server/modules/meetings/schema.ts and listing-routes.ts). */
export type MeetingMode = 'self_booking' | 'organiser';
export type Outcome = 'did_not_take_place' | 'no_interest' | 'useful_no_cooperation' | 'cooperation_possible';
export const OUTCOMES: Outcome[] = ['did_not_take_place', 'no_interest', 'useful_no_cooperation', 'cooperation_possible'];

export interface SlotView {
  index: number;
  startsAt: string;
  endsAt: string;
  part: 'morning' | 'afternoon';
}

export interface MeetingSession {
  id: string;
  themeDayId: string;
  themeDayTitle: string;
  title: string;
  mode: MeetingMode;
  status: 'open' | 'closed';
  date: string;
  slots: SlotView[];
  tables: number;
  onlineRooms: number;
  venue: string | null;
  requestLimit: number;
  requestTtlHours: number;
  fairness: number;
  publishedAt: string | null;
  participantCount: number;
  myParticipantId: string | null;
  abilities: { manage: boolean; join: boolean; request: boolean; setAvailability: boolean; readOverview: boolean; schedule: boolean };
}

export interface OrganisableThemeDay {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  sessionCount: number;
}

export interface PublicMeetingSession {
  id: string;
  title: string;
  mode: MeetingMode;
  status: 'open' | 'closed';
  date: string;
  startsAt: string | null;
  endsAt: string | null;
  slotCount: number;
  tables: number;
  onlineRooms: number;
  venue: string | null;
  participantCount: number;
  published: boolean;
}

export interface Participant {
  id: string;
  name: string;
  organisation: { id: string; name: string; kind: string };
  joinedAt: string;
  unavailableSlots: number[] | null;
  requestLimit: number | null;
  offer: string | null;
  seek: string | null;
}

export interface Party {
  participantId: string;
  name: string;
  organisationName: string;
}

export interface CitedItem {
  type: string;
  id: string;
}

export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired' | 'cancelled';

export interface MeetingRequest {
  id: string;
  sessionId: string;
  requester: Party;
  recipient: Party;
  message: string | null;
  citedItem: CitedItem | null;
  status: RequestStatus;
  expiresAt: string;
  respondedAt: string | null;
  createdAt: string;
  meetingId: string | null;
  abilities: { accept: boolean; decline: boolean; withdraw: boolean };
}

export interface Location {
  kind: 'table' | 'online';
  number: number;
  label: string;
}

export interface Meeting {
  id: string;
  sessionId: string;
  status: 'accepted' | 'scheduled' | 'cancelled';
  participants: Party[];
  slot: SlotView | null;
  location: Location | null;
  onlineLink: string | null;
  fixedSlot: number | null;
  message: string | null;
  citedItem: CitedItem | null;
  outcomes: { participantId: string; outcome: Outcome; note: string | null; recordedAt: string }[];
  abilities: { cancel: boolean; fix: boolean; recordOutcome: boolean };
}

export interface AgendaItem {
  meetingId: string;
  slot: SlotView;
  location: Location | null;
  onlineLink: string | null;
  counterpart: Party;
  message: string | null;
  citedItem: CitedItem | null;
  myOutcome: Outcome | null;
  abilities: { cancel: boolean; fix: boolean; recordOutcome: boolean };
}

export interface Agenda {
  session: { id: string; title: string; date: string; venue: string | null; publishedAt: string | null; mode: MeetingMode };
  participantId: string;
  breaks: number;
  items: AgendaItem[];
  unscheduled: { meetingId: string; counterpart: Party }[];
}

export interface ScheduleRun {
  id: string;
  sessionId: string;
  status: 'running' | 'finished' | 'failed' | 'published';
  allowMoves: boolean;
  timeLimitMs: number;
  seed: number;
  stopRequested: boolean;
  meetings: number;
  bestBreaks: number | null;
  lowerBound: number | null;
  elapsedMs: number;
  iterations: number;
  feasible: boolean | null;
  provedOptimal: boolean;
  adjusted: boolean;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  abilities: { stop: boolean; adjust: boolean; publish: boolean };
}

export interface Preview {
  run: ScheduleRun;
  totalBreaks: number;
  lowerBound: number | null;
  violations: { code: string; message: string; detail?: string }[];
  publishable: boolean;
  agendas: {
    participant: Party;
    breaks: number;
    items: { meetingId: string; slotIndex: number; startsAt: string; location: Location | null; counterpart: Party }[];
  }[];
  unscheduled: { meetingId: string; participants: Party[]; reason: { code: string; message: string } }[];
  engineReasons: { code: string; message: string }[];
}

export interface Overview {
  session: MeetingSession;
  counts: { participants: number; pendingRequests: number; accepted: number; scheduled: number; unscheduled: number; cancelled: number };
  totalBreaks: number;
  grid: { slot: SlotView; meetings: { meetingId: string; location: Location | null; participants: Party[] }[] }[];
  unscheduled: { meetingId: string; participants: Party[] }[];
}

export interface TableSheets {
  session: { id: string; title: string; date: string; venue: string | null };
  sheets: { location: Location; rows: { slot: SlotView; meetingId: string | null; participants: Party[] }[] }[];
}

export interface PublishResult {
  run: ScheduleRun;
  changed: number;
  placed: number;
  unscheduled: number;
}
