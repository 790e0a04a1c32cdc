import { describe, expect, it } from 'vitest';
import {
  activityPlanDueDate,
  addCalendarMonths,
  addDays,
  daysBetween,
  endOfShanghaiDay,
  formatShanghai,
  isPastDeadline,
  isValidDate,
  rangesOverlap,
  shanghaiDeadlineInstant,
  shanghaiToday,
  shanghaiToUtc,
  startOfShanghaiDay,
  toShanghaiDate,
  utcToShanghaiParts,
} from './time.ts';

describe('shanghaiToUtc', () => {
  it('converts the 2020 plan deadline to UTC', () => {
    expect(shanghaiToUtc('2020-06-30T23:59:59').toISOString()).toBe('2020-06-30T15:59:59.000Z');
  });
  it('accepts date-only, minutes, milliseconds and a space separator', () => {
    expect(shanghaiToUtc('2020-07-01').toISOString()).toBe('2020-06-30T16:00:00.000Z');
    expect(shanghaiToUtc('2020-07-01 08:30').toISOString()).toBe('2020-07-01T00:30:00.000Z');
    expect(shanghaiToUtc('2020-07-01T08:30:00.5').toISOString()).toBe('2020-07-01T00:30:00.500Z');
  });
  it('rejects malformed or impossible times', () => {
    expect(() => shanghaiToUtc('2020-02-30T00:00:00')).toThrow(RangeError);
    expect(() => shanghaiToUtc('2020-06-30T24:00:00')).toThrow(RangeError);
    expect(() => shanghaiToUtc('30/06/2020')).toThrow(RangeError);
  });
  it('does not depend on the host time zone (fixed +08:00, no DST)', () => {
    // Mid-winter and mid-summer give the same offset.
    expect(shanghaiToUtc('2020-01-15T12:00:00').toISOString()).toBe('2020-01-15T04:00:00.000Z');
    expect(shanghaiToUtc('2020-07-15T12:00:00').toISOString()).toBe('2020-07-15T04:00:00.000Z');
  });
});

describe('shanghaiDeadlineInstant', () => {
  it('a deadline stated to the second lasts to the end of that second', () => {
    expect(shanghaiDeadlineInstant('2020-06-30T23:59:59').toISOString()).toBe('2020-06-30T15:59:59.999Z');
  });
  it('a bare date lasts to the end of the day, a minute to the end of the minute', () => {
    expect(shanghaiDeadlineInstant('2020-06-30').toISOString()).toBe('2020-06-30T15:59:59.999Z');
    expect(shanghaiDeadlineInstant('2020-06-30T18:00').toISOString()).toBe('2020-06-30T10:00:59.999Z');
  });
});

describe('utcToShanghaiParts / formatShanghai / shanghaiToday', () => {
  it('splits an instant into Beijing wall-clock fields', () => {
    const p = utcToShanghaiParts(new Date('2020-06-30T16:30:00Z'));
    expect(p).toEqual({ year: 2020, month: 7, day: 1, hour: 0, minute: 30, second: 0, millisecond: 0, weekday: 3 });
  });
  it('formats like a government document', () => {
    expect(formatShanghai(new Date('2020-06-30T15:59:59Z'), 'datetime')).toBe('2020年6月30日 23:59');
    expect(formatShanghai(new Date('2020-06-30T15:59:59Z'), 'date')).toBe('2020年6月30日');
    expect(formatShanghai('2020-06-30T16:00:00.000Z', 'date')).toBe('2020年7月1日');
    expect(formatShanghai('2020-10-09', 'date')).toBe('2020年10月9日');
  });
  it('knows that 16:00 UTC is already tomorrow in Shanghai', () => {
    expect(shanghaiToday(new Date('2020-06-30T15:59:59.999Z'))).toBe('2020-06-30');
    expect(shanghaiToday(new Date('2020-06-30T16:00:00Z'))).toBe('2020-07-01');
    expect(toShanghaiDate('2020-12-31T16:00:00Z')).toBe('2021-01-01');
  });
});

describe('day boundaries', () => {
  it('start and end of a Shanghai day', () => {
    expect(startOfShanghaiDay('2020-06-30').toISOString()).toBe('2020-06-29T16:00:00.000Z');
    expect(endOfShanghaiDay('2020-06-30').toISOString()).toBe('2020-06-30T15:59:59.999Z');
  });
  it('a deadline at the end of 30 June Shanghai: 15:59:59.999Z is in time, 16:00:00Z is late', () => {
    const deadline = endOfShanghaiDay('2020-06-30');
    expect(isPastDeadline(deadline, new Date('2020-06-30T15:59:59.999Z'))).toBe(false);
    expect(isPastDeadline(deadline, new Date('2020-06-30T16:00:00Z'))).toBe(true);
    expect(isPastDeadline(deadline.toISOString(), new Date('2020-06-30T16:00:00Z'))).toBe(true);
  });
});

describe('addCalendarMonths', () => {
  it('clamps to the end of shorter months', () => {
    expect(addCalendarMonths('2020-03-31', -1)).toBe('2020-02-29');
    expect(addCalendarMonths('2021-03-31', -1)).toBe('2021-02-28');
    expect(addCalendarMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addCalendarMonths('2020-05-31', -1)).toBe('2020-04-30');
    expect(addCalendarMonths('2100-03-31', -1)).toBe('2100-02-28'); // 2100 is not a leap year
    expect(addCalendarMonths('2000-03-31', -1)).toBe('2000-02-29'); // 2000 is
  });
  it('crosses year boundaries both ways', () => {
    expect(addCalendarMonths('2020-01-15', -1)).toBe('2019-12-15');
    expect(addCalendarMonths('2020-12-15', 1)).toBe('2021-01-15');
    expect(addCalendarMonths('2020-06-15', -18)).toBe('2018-12-15');
    expect(addCalendarMonths('2020-06-15', 0)).toBe('2020-06-15');
  });
  it('rejects invalid input', () => {
    expect(() => addCalendarMonths('2021-02-29', 1)).toThrow(RangeError);
    expect(() => addCalendarMonths('2021-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('activityPlanDueDate', () => {
  it('is one calendar month before the first day, clamped to month end', () => {
    expect(activityPlanDueDate('2020-03-31', 1).dueDate).toBe('2020-02-29');
    expect(activityPlanDueDate('2021-03-31', 1).dueDate).toBe('2021-02-28');
    expect(activityPlanDueDate('2020-07-15', 1).dueDate).toBe('2020-06-15');
    expect(activityPlanDueDate('2020-01-10', 1).dueDate).toBe('2019-12-10');
  });
  it('the deadline instant is the end of the due date in Shanghai', () => {
    const { deadline } = activityPlanDueDate('2020-07-30', 1);
    expect(deadline.toISOString()).toBe('2020-06-30T15:59:59.999Z');
    expect(isPastDeadline(deadline, new Date('2020-06-30T15:59:59.999Z'))).toBe(false);
    expect(isPastDeadline(deadline, new Date('2020-06-30T16:00:00.000Z'))).toBe(true);
  });
  it('honours a different lead time', () => {
    expect(activityPlanDueDate('2021-05-31', 2).dueDate).toBe('2021-03-31');
  });
});

describe('daysBetween / addDays', () => {
  it('counts calendar days, signed', () => {
    expect(daysBetween('2020-06-01', '2020-06-30')).toBe(29);
    expect(daysBetween('2020-06-30', '2020-06-01')).toBe(-29);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2020-01-01', '2021-01-01')).toBe(366);
  });
  it('adds days across month ends', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
  });
});

describe('rangesOverlap', () => {
  it('treats ranges as inclusive', () => {
    expect(rangesOverlap('2020-09-01', '2020-09-03', '2020-09-03', '2020-09-05')).toBe(true);
    expect(rangesOverlap('2020-09-01', '2020-09-03', '2020-09-04', '2020-09-05')).toBe(false);
    expect(rangesOverlap('2020-09-04', '2020-09-05', '2020-09-01', '2020-09-03')).toBe(false);
    expect(rangesOverlap('2020-09-01', '2020-09-30', '2020-09-10', '2020-09-10')).toBe(true);
    expect(rangesOverlap('2020-09-10', '2020-09-10', '2020-09-10', '2020-09-10')).toBe(true);
  });
  it('rejects reversed or malformed ranges', () => {
    expect(() => rangesOverlap('2020-09-05', '2020-09-01', '2020-09-01', '2020-09-02')).toThrow(RangeError);
    expect(() => rangesOverlap('2020-9-5', '2020-09-06', '2020-09-01', '2020-09-02')).toThrow(RangeError);
  });
});

describe('isValidDate', () => {
  it('accepts real dates only, in strict YYYY-MM-DD form', () => {
    expect(isValidDate('2020-02-29')).toBe(true);
    expect(isValidDate('2021-02-29')).toBe(false);
    expect(isValidDate('2020-04-31')).toBe(false);
    expect(isValidDate('2020-13-01')).toBe(false);
    expect(isValidDate('2020-6-30')).toBe(false);
    expect(isValidDate('2020-06-30T00:00:00')).toBe(false);
    expect(isValidDate('')).toBe(false);
  });
});
