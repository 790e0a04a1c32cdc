/**
 * Meeting agendas as iCalendar (RFC 5545), written with ical-generator. Times are written in UTC ('…Z'):
 * the calendar is created WITHOUT a timezone and given Date instants. (With `ical({ timezone: 'Asia/Shanghai' })`
 * and a plain Date the times come out 8 hours off, and a floating or TZID-less local time is read in the
 * reader's own zone.) ical-generator ends lines in CRLF, escapes TEXT values and folds lines at 75 octets
 * without splitting a UTF-8 character.
 */
import ical, { escape, foldLines, ICalCalendarMethod } from 'ical-generator';
import { formatShanghai } from '../../../common/time.ts';
import type { AgendaItemView } from '../../../common/contracts/meetings.ts';
import type { SessionRecord } from './repository.ts';

export interface IcsEvent {
  uid: string;
  start: Date | string;
  end: Date | string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
}

/** Folds one content line into chunks of at most 75 octets, continuation lines starting with a space. */
export const icsFold = (line: string): string => foldLines(line);

/** A VCALENDAR with one VEVENT per meeting. */
export function buildIcs(opts: { name: string; events: IcsEvent[]; now: Date }): string {
  const cal = ical({
    prodId: '//Rongtong//Meetings//ZH',
    scale: 'GREGORIAN',
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes the name as it is given; as a TEXT value it needs escaping (a comma, a semicolon).
    name: escape(opts.name, false),
  });
  for (const e of opts.events) {
    cal.createEvent({
      id: e.uid,
      stamp: opts.now,
      start: new Date(e.start),
      end: new Date(e.end),
      summary: e.summary,
      location: e.location || null,
      description: e.description || null,
      url: e.url || null,
    });
  }
  return `${cal.toString()}\r\n`;
}

/** The participant's agenda as a calendar: one event per scheduled meeting, named after the counterpart. */
export function agendaIcs(s: Pick<SessionRecord, 'title' | 'venue'>, items: AgendaItemView[], now: Date): string {
  const venue = s.venue ? `${s.venue} ` : '';
  return buildIcs({
    name: s.title,
    now,
    events: items.map((it) => ({
      // Stable per meeting, so a re-downloaded agenda updates the events instead of duplicating them.
      uid: `${it.meetingId}@rongtong`,
      start: it.slot.startsAt,
      end: it.slot.endsAt,
      summary: `一对一洽谈：${it.counterpart.organisationName}（${it.counterpart.name}）`,
      location:
        it.location?.kind === 'online'
          ? (it.onlineLink ?? it.location.label)
          : `${venue}${it.location?.label ?? ''}`.trim(),
      description: [
        `${s.title}`,
        `时间：${formatShanghai(it.slot.startsAt)}（北京时间）`,
        it.location ? `地点：${it.location.label}` : '',
        it.onlineLink ? `线上链接：${it.onlineLink}` : '',
        it.citedItem ? `引用：${it.citedItem.type} ${it.citedItem.id}` : '',
        it.message ? `附言：${it.message}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      ...(it.onlineLink ? { url: it.onlineLink } : {}),
    })),
  });
}
