/**
 * Types of the 1:1 meeting API, derived from its contract (common/contracts/meetings.ts): the names the
 * meeting pages use, aliased to the server's schemas. Nothing here is declared by hand.
 */
import type * as C from '../../common/contracts/meetings.ts';

export { OUTCOMES, MODES, REQUEST_STATUSES, RUN_SECONDS } from '../../common/contracts/meetings.ts';
export type {
  CitedItem,
  MeetingMode,
  OrganisableThemeDay,
  Outcome,
  RequestStatus,
  SlotView,
} from '../../common/contracts/meetings.ts';

export type MeetingSession = C.SessionView;
export type PublicMeetingSession = C.PublicSessionView;
export type Participant = C.ParticipantView;
export type Party = C.PartyView;
export type MeetingRequest = C.RequestView;
export type Location = C.LocationView;
export type Meeting = C.MeetingView;
export type AgendaItem = C.AgendaItemView;
export type Agenda = C.AgendaView;
export type ScheduleRun = C.RunView;
export type Preview = C.PreviewView;
export type Overview = C.OverviewView;
export type TableSheets = C.TableSheetsView;
export type PublishResult = C.PublishResultView;
