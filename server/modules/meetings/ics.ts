/**
 * A small RFC 5545 iCalendar writer for meeting agendas. Times are written in UTC ('…Z'): a floating or
 * TZID-less local time is read in the reader's own zone, and the ical-generator trap in STACK.md shows how
 * easily 09:00 Beijing time turns into 09:00 somewhere else. Lines end in CRLF, text is escaped, and long
 * lines are folded at 75 octets without splitting a UTF-8 character.
 */

export interface IcsEvent {
  uid: string;
  start: Date | string;
  end: Date | string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
}

/** 20201201T010000Z */
export function icsUtc(d: Date | string): string {
  return new Date(d).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Escapes TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
export function icsEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into chunks of at most 75 octets, continuation lines starting with a space. */
export function icsFold(line: string): string {
  const bytes = (ch: string) => Buffer.byteLength(ch, 'utf8');
  const out: string[] = [];
  let cur = '';
  let len = 0;
  let limit = 75;
  for (const ch of line) {
    const b = bytes(ch);
    if (len + b > limit) {
      out.push(cur);
      cur = '';
      len = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    cur += ch;
    len += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

/** A VCALENDAR with one VEVENT per meeting. */
export function buildIcs(opts: { name: string; events: IcsEvent[]; now: Date }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rongtong//Meetings//ZH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsEscape(opts.name)}`];
  for (const e of opts.events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${icsUtc(opts.now)}`, `DTSTART:${icsUtc(e.start)}`, `DTEND:${icsUtc(e.end)}`, `SUMMARY:${icsEscape(e.summary)}`);
    if (e.location) lines.push(`LOCATION:${icsEscape(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${icsEscape(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(icsFold).join('\r\n') + '\r\n';
}
