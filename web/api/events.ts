/** Response shapes of the events API (server/modules/events/schema.ts), kept by hand. */

export type SessionKind = 'opening' | 'roadshow' | 'seminar' | 'docking' | 'exhibition';
export type SessionMode = 'offline' | 'online' | 'hybrid';
export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';
export type Attendance = 'offline' | 'online';
export type QuestionType = 'text' | 'textarea' | 'single' | 'multiple' | 'number' | 'boolean';

export interface Question {
  key: string;
  label: string;
  type: QuestionType;
  required: boolean;
  options?: string[];
}

export interface Counts {
  registered: number;
  waitlisted: number;
  checkedIn: number;
  remaining: number | null;
}

export interface EventSession {
  id: string;
  themeDayId: string;
  themeDay: { id: string; title: string; startDate: string; endDate: string; hostName: string };
  title: string;
  kind: SessionKind;
  kindLabel: string;
  mode: SessionMode;
  description: string | null;
  startsAt: string;
  endsAt: string;
  venue: string | null;
  venueCapacity: number | null;
  capacity: number | null;
  headcountLimit: number | null;
  onlineLimit: number | null;
  onlineChannel: string | null;
  registrationOpensAt: string;
  registrationClosesAt: string;
  registrationState: 'not_yet' | 'open' | 'closed';
  questions: Question[];
  offline: Counts;
  online: Counts;
  emergencyPlan: string | null;
  epidemicMeasures: string | null;
  myRegistration: { id: string; status: RegistrationStatus; attendance: Attendance; waitlistPosition: number | null; checkedIn: boolean } | null;
  createdAt: string;
  updatedAt: string;
  abilities: {
    edit: boolean;
    register: boolean;
    cancelRegistration: boolean;
    manage: boolean;
    checkIn: boolean;
    viewRegistrations: boolean;
    export: boolean;
    changeCapacity: boolean;
    switchOnline: boolean;
    createRoadshow: boolean;
  };
}

export type AnswerValue = string | number | boolean | string[];

export interface Registration {
  id: string;
  sessionId: string;
  user: { id: string; name: string };
  organisation: { id: string; name: string } | null;
  attendance: Attendance;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  code: string | null;
  answers: Record<string, AnswerValue>;
  checkedInAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  abilities: { cancel: boolean; checkIn: boolean };
}

export interface SessionBrief {
  id: string;
  title: string;
  kind: SessionKind;
  kindLabel: string;
  mode: SessionMode;
  startsAt: string;
  endsAt: string;
  venue: string | null;
  themeDay: { id: string; title: string; hostName: string };
}

export type MyRegistration = Registration & { session: SessionBrief };

export interface Pass {
  registration: Registration;
  session: SessionBrief & { onlineChannel: string | null };
  qrSvg: string | null;
}

export interface HeadCount {
  sessionId: string;
  capacity: number | null;
  onlineLimit: number | null;
  offline: Omit<Counts, 'remaining'>;
  online: Omit<Counts, 'remaining'>;
  checkedIn: number;
  at: string;
}

export interface CheckInResult {
  registration: Registration;
  headCount: { checkedIn: number; capacity: number | null };
}

export interface ManagedThemeDay {
  id: string;
  title: string;
  theme: string;
  startDate: string;
  endDate: string;
  hostName: string;
  sessionCount: number;
  activityPlanStatus: string | null;
  headcountLimit: number | null;
  abilities: { createSession: boolean };
}

/** The body of POST /theme-days/:id/sessions and PATCH /event-sessions/:id (Shanghai wall-clock times). */
export interface SessionBody {
  title: string;
  kind: SessionKind;
  mode: SessionMode;
  description?: string;
  startsAt: string;
  endsAt: string;
  venue?: string;
  venueCapacity?: number | null;
  capacity?: number | null;
  onlineLimit?: number | null;
  onlineChannel?: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  questions: Question[];
}
