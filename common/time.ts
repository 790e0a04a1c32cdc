/**
 * Programme time rules.
 *
 * Every date in the programme (the 30 June plan deadline, a theme day's first day, the activity-plan due
 * date "one month before") is a date in Beijing time, as written in 发改办高技〔2020〕417号. Asia/Shanghai is
 * UTC+8 all year round (China has not observed DST since 1991), so we do the arithmetic with a fixed
 * offset and never depend on the host's time zone or on Intl time-zone data. Instants are stored as UTC
 * ISO strings; calendar dates as 'YYYY-MM-DD' strings (a date has no time zone of its own).
 *
 * Pure code: used by both the server (enforcement) and the web app (display).
 */

/** Asia/Shanghai offset from UTC in milliseconds (+08:00, no DST). */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** Calendar date + wall-clock time in Asia/Shanghai. `weekday` is 0 = Sunday … 6 = Saturday. */
export interface ShanghaiParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in a month (month 1..12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseDate(date: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function requireDate(date: string): { year: number; month: number; day: number } {
  const p = parseDate(date);
  if (!p) throw new RangeError(`日期格式无效：「${date}」，应为 YYYY-MM-DD`);
  return p;
}

function toDate(d: Date | string): Date {
  const out = typeof d === 'string' ? new Date(d) : d;
  if (Number.isNaN(out.getTime())) throw new RangeError(`无效的时间：「${String(d)}」`);
  return out;
}

/** True when `date` is a real calendar date written exactly as 'YYYY-MM-DD' (e.g. rejects 2021-02-29). */
export function isValidDate(date: string): boolean {
  return typeof date === 'string' && parseDate(date) !== null;
}

/**
 * Converts a Shanghai wall-clock time ('YYYY-MM-DD', 'YYYY-MM-DDTHH:mm', 'YYYY-MM-DDTHH:mm:ss' or with
 * '.SSS'; a space may replace the 'T') to the UTC instant. Used for rule data such as the plan deadline
 * '2020-06-30T23:59:59', which the notice states in Beijing time. Throws RangeError on malformed input.
 */
export function shanghaiToUtc(local: string): Date {
  const m = LOCAL_RE.exec(local);
  if (!m) throw new RangeError(`时间格式无效：「${local}」，应为 YYYY-MM-DDTHH:mm:ss（北京时间）`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`时间无效：「${local}」`);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - SHANGHAI_OFFSET_MS);
}

/**
 * The instant a deadline written in Shanghai wall-clock time expires. A deadline stated to the second
 * ('2020-06-30T23:59:59') lasts to the end of that second (…:59.999), one stated to the minute to the end
 * of that minute, and a bare date to the end of that day, so that a plan stamped 23:59:59.400 is on time.
 */
export function shanghaiDeadlineInstant(local: string): Date {
  const start = shanghaiToUtc(local).getTime();
  const m = LOCAL_RE.exec(local);
  // LOCAL_RE matched inside shanghaiToUtc, so m is non-null here.
  if (!m || m[4] === undefined) return new Date(start + DAY_MS - 1);
  if (m[6] === undefined) return new Date(start + 60_000 - 1);
  if (m[7] === undefined) return new Date(start + 999);
  return new Date(start);
}

/** Splits an instant into Asia/Shanghai calendar/clock fields (for display and for "which day is it"). */
export function utcToShanghaiParts(date: Date | string): ShanghaiParts {
  const shifted = new Date(toDate(date).getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
  };
}

/** The Shanghai calendar date of an instant, as 'YYYY-MM-DD'. */
export function toShanghaiDate(date: Date | string): string {
  const p = utcToShanghaiParts(date);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Today's date in Shanghai ('YYYY-MM-DD'); `now` is injectable for tests and for the server clock. */
export function shanghaiToday(now: Date = new Date()): string {
  return toShanghaiDate(now);
}

/**
 * Formats an instant in Beijing time the way Chinese government documents write dates:
 * 'date' → "2020年6月30日", 'datetime' → "2020年6月30日 23:59". A 'YYYY-MM-DD' string is formatted as that
 * calendar date (no time-zone shift).
 */
export function formatShanghai(date: Date | string, style: 'date' | 'datetime' = 'datetime'): string {
  if (typeof date === 'string' && DATE_RE.test(date)) {
    const d = requireDate(date);
    const s = `${d.year}年${d.month}月${d.day}日`;
    return style === 'date' ? s : `${s} 00:00`;
  }
  const p = utcToShanghaiParts(date);
  const s = `${p.year}年${p.month}月${p.day}日`;
  return style === 'date' ? s : `${s} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Start of a Shanghai calendar day (00:00:00.000 +08:00) as an instant. */
export function startOfShanghaiDay(date: string): Date {
  const d = requireDate(date);
  return new Date(Date.UTC(d.year, d.month - 1, d.day) - SHANGHAI_OFFSET_MS);
}

/** End of a Shanghai calendar day (23:59:59.999 +08:00) as an instant: the moment a "by date X" deadline expires. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(startOfShanghaiDay(date).getTime() + DAY_MS - 1);
}

/**
 * Adds n calendar months to a date, clamping to the last day of the target month
 * (2020-03-31 − 1 month = 2020-02-29; 2021-03-31 − 1 month = 2021-02-28; 2020-01-31 + 1 month = 2020-02-29).
 */
export function addCalendarMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`月数必须是整数：${n}`);
  const d = requireDate(date);
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(d.day, daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Adds n days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, n: number): string {
  const d = requireDate(date);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + n * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Due date of an activity plan and the instant it expires. */
export interface DueDate {
  /** Last calendar day on which the plan may be filed, 'YYYY-MM-DD' (Shanghai). */
  dueDate: string;
  /** End of that Shanghai day (23:59:59.999 +08:00). */
  deadline: Date;
}

/**
 * The activity plan (活动方案) is due "于活动开始1个月前" (417号 三(三)): no later than `leadMonths` calendar
 * months before the theme day's first day, clamped to month end (2020-03-31 → 2020-02-29,
 * 2021-03-31 → 2021-02-28, 2020-07-15 → 2020-06-15). It may be filed up to the end of the due date.
 */
export function activityPlanDueDate(firstDay: string, leadMonths: number): DueDate {
  const dueDate = addCalendarMonths(firstDay, -leadMonths);
  return { dueDate, deadline: endOfShanghaiDay(dueDate) };
}

/** True when `now` is strictly after the deadline instant (a deadline is inclusive of its last millisecond). */
export function isPastDeadline(deadline: Date | string, now: Date = new Date()): boolean {
  return toDate(now).getTime() > toDate(deadline).getTime();
}

/** Signed number of calendar days from `from` to `to` ('YYYY-MM-DD'): daysBetween('2020-06-01','2020-06-30') = 29. */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfShanghaiDay(to).getTime() - startOfShanghaiDay(from).getTime()) / DAY_MS);
}

/**
 * Whether two inclusive date ranges ('YYYY-MM-DD', start ≤ end) share at least one day. Used to keep
 * theme days from clashing when NDRC spreads them over the year. 'YYYY-MM-DD' strings compare correctly
 * as strings.
 */
export function rangesOverlap(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  for (const d of [aStart, aEnd, bStart, bEnd]) requireDate(d);
  if (aStart > aEnd || bStart > bEnd) throw new RangeError('日期区间的开始日期不能晚于结束日期');
  return aStart <= bEnd && bStart <= aEnd;
}
