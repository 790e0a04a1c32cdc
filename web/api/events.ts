/** Types of the events API, derived from its contract (common/contracts/events.ts); names kept for the pages. */
import type {
  AnswerValue as AnswerValueSchema,
  Attendance as AttendanceT,
  CheckInResponse,
  HeadCount as HeadCountView,
  ManagedThemeDay as ManagedThemeDayView,
  MyRegistration as MyRegistrationView,
  Pass as PassView,
  Question as QuestionSchema,
  QuestionType as QuestionTypeSchema,
  RegistrationStatus as RegistrationStatusT,
  RegistrationView,
  SessionBrief as SessionBriefView,
  SessionInput,
  SessionKind as SessionKindT,
  SessionMode as SessionModeT,
  SessionView,
} from '../../common/contracts/events.ts';

export type SessionKind = SessionKindT;
export type SessionMode = SessionModeT;
export type RegistrationStatus = RegistrationStatusT;
export type Attendance = AttendanceT;
export type QuestionType = QuestionTypeSchema;
export type Question = QuestionSchema;
/** Places of one attendance: registered, waitlisted, checked in, and what is left. */
export type Counts = SessionView['offline'];
export type EventSession = SessionView;
export type AnswerValue = AnswerValueSchema;
export type Registration = RegistrationView;
export type SessionBrief = SessionBriefView;
export type MyRegistration = MyRegistrationView;
export type Pass = PassView;
export type HeadCount = HeadCountView;
export type CheckInResult = CheckInResponse;
export type ManagedThemeDay = ManagedThemeDayView;
/** The body of POST /theme-days/:id/sessions and PATCH /event-sessions/:id (Shanghai wall-clock times). */
export type SessionBody = SessionInput;
