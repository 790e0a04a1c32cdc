/**
 * analyse.ts: forced slots. A meeting with one allowed slot holds it for both its participants, so the slot
 * leaves their other meetings (to a fixpoint); what that empties, and meetings forced into one slot beyond
 * its tables, are proofs of infeasibility. Each proof is checked against brute force on the same instance.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.ts';
import { checkSchedule } from './check.ts';
import type { Instance, Meeting } from './model.ts';
import { inst } from './test-instance.ts';

const any = (a: number, b: number): Meeting => ({ a, b, session: 'any' });

/** Every assignment of slots to meetings: is any of them free of hard violations (fairness included)? */
function bruteFeasible(i: Instance): boolean {
  const slotOf = new Array<number>(i.meetings.length).fill(0);
  const go = (k: number): boolean => {
    if (k === i.meetings.length) return checkSchedule(i, slotOf).violations.length === 0;
    for (let s = 0; s < i.slots; s++) {
      slotOf[k] = s;
      if (go(k + 1)) return true;
    }
    return false;
  };
  return go(0);
}

describe('forced slots', () => {
  it("take a forced meeting's slot away from its participants' other meetings, to a fixpoint", () => {
    // Meeting 1 (participants 1-2) is fixed to slot 1. Meeting 3 (3-4) can only be in slot 2 (participant 3
    // cannot do slot 3, participant 4 not slot 1), so meeting 2 (2-3) loses slot 2 and keeps slot 1 only —
    // which participant 2's fixed meeting holds: no schedule, although every participant has enough slots.
    const i = inst({
      participants: 4,
      slots: 3,
      meetings: [any(0, 1), any(1, 2), any(2, 3)],
      fixed: [0, null, null],
      forbidden: [[], [], [2], [0]],
    });
    const a = analyse(i);
    expect(a.infeasible.map((r) => r.code)).toEqual(['slot-taken']);
    expect(a.infeasible[0]!.message).toMatch(
      /^meeting \d \(participants \d and \d\) has no slot left: its last allowed slot \d is the only slot meeting \d of participant 2 can have$/,
    );
    expect(a.domains.filter((d) => d.length === 0)).toHaveLength(1);
    expect(bruteFeasible(i)).toBe(false);
  });

  it('count meetings forced into one slot against its tables, fixed or not', () => {
    // One table; meeting 1 fixed to slot 1; meeting 2's participants can only meet in slot 1.
    const i = inst({
      participants: 4,
      slots: 2,
      tables: 1,
      meetings: [any(0, 1), any(2, 3)],
      fixed: [0, null],
      forbidden: [[], [], [1], []],
    });
    const a = analyse(i);
    expect(a.infeasible.map((r) => r.code)).toEqual(['forced-tables']);
    expect(a.infeasible[0]!.message).toBe(
      '2 meetings can only be held in slot 1 (1 of them fixed there) but there are only 1 tables',
    );
    expect(bruteFeasible(i)).toBe(false);
  });

  it("check the participants again once their partners' fixed meetings took slots away", () => {
    // Participant 1 meets 2, 3 and 4 in a 3-slot day; each of those is fixed elsewhere in slot 1, so
    // participant 1's three meetings share slots 2 and 3 only.
    const i = inst({
      participants: 7,
      slots: 3,
      meetings: [any(0, 1), any(0, 2), any(0, 3), any(1, 4), any(2, 5), any(3, 6)],
      fixed: [null, null, null, 0, 0, 0],
    });
    const a = analyse(i);
    expect(a.infeasible.map((r) => r.code)).toEqual(['participant-slots']);
    expect(a.infeasible[0]!.message).toBe('participant 1 has 3 meetings but only 2 allowed slots');
    expect(a.domains.slice(0, 3)).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(bruteFeasible(i)).toBe(false);
  });

  it('prove nothing when the forced slots leave room (the instance is feasible)', () => {
    const i = inst({
      participants: 4,
      slots: 3,
      tables: 1,
      meetings: [any(0, 1), any(1, 2), any(2, 3)],
      fixed: [0, null, null],
      forbidden: [[], [], [], [0]],
    });
    const a = analyse(i);
    expect(a.infeasible).toEqual([]);
    expect(a.domains).toEqual([[0], [1, 2], [1, 2]]);
    expect(bruteFeasible(i)).toBe(true);
  });
});
