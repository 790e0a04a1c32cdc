/**
 * Types of the 1:1 meeting API, derived from its contract (common/contracts/meetings.ts): the names the
 * meeting pages use, aliased to the server's schemas. Nothing here is declared by hand.
 */
import type {
  AgendaItemView,
  AgendaView,
  LocationView,
  MeetingView,
  OverviewView,
  ParticipantView,
  PartyView,
  PreviewView,
  PublicSessionView,
  PublishResultView,
  RequestView,
  RunView,
  SessionView,
  TableSheetsView,
} from '../../common/contracts/meetings.ts';

export { OUTCOMES, MODES, REQUEST_STATUSES } from '../../common/contracts/meetings.ts';
export type {
  CitedItem,
  MeetingMode,
  OrganisableThemeDay,
  Outcome,
  RequestStatus,
  SlotView,
} from '../../common/contracts/meetings.ts';

export type MeetingSession = SessionView;
export type PublicMeetingSession = PublicSessionView;
export type Participant = ParticipantView;
export type Party = PartyView;
export type MeetingRequest = RequestView;
export type Location = LocationView;
export type Meeting = MeetingView;
export type AgendaItem = AgendaItemView;
export type Agenda = AgendaView;
export type ScheduleRun = RunView;
export type Preview = PreviewView;
export type Overview = OverviewView;
export type TableSheets = TableSheetsView;
export type PublishResult = PublishResultView;
