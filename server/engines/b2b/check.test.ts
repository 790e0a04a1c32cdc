import { describe, expect, it } from 'vitest';
import { checkSchedule } from './check.ts';
import type { Instance } from './model.ts';
import { inst } from './test-instance.ts';
import { breaksOfSlots } from './model.ts';

describe('breaksOfSlots', () => {
  it('counts maximal idle runs between meetings only', () => {
    expect(breaksOfSlots([], 5)).toBe(0);
    expect(breaksOfSlots([3], 5)).toBe(0);
    expect(breaksOfSlots([1, 2, 3], 5)).toBe(0);
    expect(breaksOfSlots([0, 2, 3, 7], 10)).toBe(2);
    expect(breaksOfSlots([0, 4], 10)).toBe(1); // one run of 3 idle slots = one break
  });
  it('counts the lunch gap by default and ignores it with lunch "free"', () => {
    expect(breaksOfSlots([1, 5], 3)).toBe(1);
    expect(breaksOfSlots([1, 5], 3, 'free')).toBe(0);
    expect(breaksOfSlots([0, 2, 5], 3, 'free')).toBe(1);
  });
});

describe('checkSchedule', () => {
  const base = inst({
    participants: 4,
    slots: 4,
    morningSlots: 2,
    tables: 1,
    meetings: [
      { a: 0, b: 1, session: 'morning' },
      { a: 0, b: 2, session: 'any' },
      { a: 2, b: 3, session: 'afternoon' },
      { a: 1, b: 3, session: 'any' },
    ],
  });

  it('accepts a valid schedule and counts breaks', () => {
    const r = checkSchedule(base, [0, 1, 2, 3]);
    expect(r.violations).toEqual([]);
    expect(r.ok).toBe(true);
    // p0: {0,1}; p1: {0,3} -> 1 break; p2: {1,2}; p3: {2,3}.
    expect(r.breaks).toEqual([0, 1, 0, 0]);
    expect(r.totalBreaks).toBe(1);
  });

  it('finds clashes, table overflow, session, forbidden, fixed and precedence violations', () => {
    const i2: Instance = {
      ...base,
      tables: 1,
      forbidden: [[], [], [3], []],
      fixed: [null, 1, null, null],
      precedences: [[3, 0]],
    };
    const r = checkSchedule(i2, [2, 2, 3, -1]);
    const codes = r.violations.map((v) => v.code).sort();
    expect(codes).toEqual(['fixed', 'forbidden', 'participant-clash', 'session', 'tables', 'unplaced'].sort());
    expect(r.violations.find((v) => v.code === 'participant-clash')?.message).toBe(
      'participant 1 has meetings 1 and 2 both in slot 3',
    );
    expect(r.ok).toBe(false);
    const r2 = checkSchedule(i2, [0, 1, 2, 3]);
    expect(r2.violations.map((v) => v.code)).toEqual(['precedence']);
  });

  it('checks fairness over all participants', () => {
    const i3 = inst({
      participants: 3,
      slots: 7,
      meetings: [
        { a: 0, b: 1, session: 'any' },
        { a: 0, b: 1, session: 'any' },
        { a: 0, b: 1, session: 'any' },
        { a: 0, b: 1, session: 'any' },
      ],
    });
    // Participants 1 and 2 meet in slots 1,3,5,7 -> 3 breaks each; participant 3 has none.
    const r = checkSchedule(i3, [0, 2, 4, 6]);
    expect(r.breaks).toEqual([3, 3, 0]);
    expect(r.violations.map((v) => v.code)).toEqual(['fairness']);
    expect(checkSchedule({ ...i3, fairness: 3 }, [0, 2, 4, 6]).ok).toBe(true);
  });
});
