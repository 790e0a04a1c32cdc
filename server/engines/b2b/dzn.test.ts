import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DznError, parseB2bDzn, parseDzn } from './dzn.ts';

const DATA = join(import.meta.dirname, '..', '..', '..', 'bench', 'data', 'b2b');

const SMALL = `% a tiny hand-written instance
nBusiness = 4; nMeetings = 4;
nTables = 2;  /* block comment */
nTotalSlots = 5;
nMorningSlots = 3;
requested = [| 1, 2, 1
             | 1, 3, 3,
             | 2, 4, 2
             | 3, 4, 3 |];
meetingsxBusiness = [{1,2,3}, {1,2,4}, {1,3,5}, {1,4,5}];
nMeetingsBusiness = [2, 2, 2, 2];
forbidden = [{0}, {0, 4..5}, {}, {1}];
fixed = array1d(1..4, [0, 0, 5, 0]);
precedences = [{}, {1}, {}, {2, 3}];
`;

describe('parseDzn (generic MiniZinc data)', () => {
  it('reads scalars, sets with ranges, 1-D and 2-D arrays and arrayNd wrappers', () => {
    const d = parseDzn(
      'a = 3; b = {1, 3..5, 3}; c = [| 1, 2 | 3, 4 |]; e = array2d(1..2, 1..3, [1,2,3,4,5,6]); f = 2..4; g = [{}, {7}]; h = -2; t = true;',
    );
    expect(d.get('a')?.value).toBe(3);
    expect(d.get('b')?.value).toEqual({ kind: 'set', values: [1, 3, 4, 5] });
    expect(d.get('c')?.value).toEqual({ kind: 'array', dims: [2, 2], items: [1, 2, 3, 4] });
    expect(d.get('e')?.value).toMatchObject({ kind: 'array', dims: [2, 3] });
    expect(d.get('f')?.value).toEqual({ kind: 'set', values: [2, 3, 4] });
    expect(d.get('g')?.value).toEqual({
      kind: 'array',
      dims: [2],
      items: [
        { kind: 'set', values: [] },
        { kind: 'set', values: [7] },
      ],
    });
    expect(d.get('h')?.value).toBe(-2);
    expect(d.get('t')?.value).toBe(true);
  });

  it('reports the line of a malformed value', () => {
    expect(() => parseDzn('a = 1;\nb = [1, 2;\n')).toThrow(/line 2/);
    expect(() => parseDzn('a = 1;\n\n c = {1, 2')).toThrow(DznError);
    expect(() => parseDzn('a = 1\nb = 2;')).toThrow(/line 2.*expected ";"/);
    expect(() => parseDzn('a = 1;\nx = @;')).toThrow(/line 2, column 5: unexpected character "@"/);
    expect(() => parseDzn('a = 1; a = 2;')).toThrow(/assigned twice/);
    expect(() => parseDzn('c = [| 1, 2 | 3 |];')).toThrow(/row 2 has 1 values/);
  });
});

describe('parseB2bDzn', () => {
  it('maps a hand-written instance with forbidden, fixed and precedences to 0-based data', () => {
    const { instance: inst, raw } = parseB2bDzn(SMALL);
    expect(inst.participants).toBe(4);
    expect(inst.slots).toBe(5);
    expect(inst.morningSlots).toBe(3);
    expect(inst.tables).toBe(2);
    expect(inst.meetings).toEqual([
      { a: 0, b: 1, session: 'morning' },
      { a: 0, b: 2, session: 'any' },
      { a: 1, b: 3, session: 'afternoon' },
      { a: 2, b: 3, session: 'any' },
    ]);
    expect(inst.forbidden).toEqual([[], [3, 4], [], [0]]);
    expect(inst.fixed).toEqual([null, null, 4, null]);
    expect(inst.precedences).toEqual([
      [0, 1],
      [1, 3],
      [2, 3],
    ]);
    expect(inst.fairness).toBe(2);
    expect(raw.requested.length).toBe(4);
  });

  it('rejects inconsistent redundant data and out-of-range values with clear messages', () => {
    expect(() =>
      parseB2bDzn(SMALL.replace('nMeetingsBusiness = [2, 2, 2, 2]', 'nMeetingsBusiness = [2, 3, 2, 2]')),
    ).toThrow(/nMeetingsBusiness"\[2\] = 3/);
    expect(() => parseB2bDzn(SMALL.replace('{1,2,3}, {1,2,4}', '{1,2,3}, {1,2,5}'))).toThrow(/meetingsxBusiness"\[2\]/);
    expect(() => parseB2bDzn(SMALL.replace('fixed = array1d(1..4, [0, 0, 5, 0])', 'fixed = [0, 0, 6, 0]'))).toThrow(
      /"fixed"\[3\] = 6/,
    );
    expect(() => parseB2bDzn(SMALL.replace('| 2, 4, 2', '| 2, 9, 2'))).toThrow(/participant 9 is not in 1..4/);
    expect(() => parseB2bDzn(SMALL.replace('| 2, 4, 2', '| 2, 4, 7'))).toThrow(/session 7/);
    expect(() => parseB2bDzn(SMALL.replace('nTables = 2;', ''))).toThrow(/missing parameter "nTables"/);
    expect(() =>
      parseB2bDzn(SMALL.replace('precedences = [{}, {1}, {}, {2, 3}]', 'precedences = [{}, {1}, {}]')),
    ).toThrow(/"precedences" has 3 sets, expected 4/);
    expect(() => parseB2bDzn(SMALL.replace('{0, 4..5}', '{0, 4..6}'))).toThrow(/"forbidden"\[2\] holds slot 6/);
  });

  it('parses all 20 vendored instances consistently', () => {
    const files = readdirSync(DATA).filter((f) => f.endsWith('.dzn'));
    expect(files.length).toBe(20);
    for (const f of files) {
      const { instance, raw } = parseB2bDzn(readFileSync(join(DATA, f), 'utf8'));
      expect(instance.meetings.length).toBe(raw.nMeetings);
      expect(instance.forbidden.length).toBe(raw.nBusiness);
      expect(instance.fixed.every((x) => x === null)).toBe(true);
      expect(instance.precedences).toEqual([]);
    }
  });

  it('reads forbidden sets with and without the 0 sentinel (forum-14)', () => {
    const { instance } = parseB2bDzn(readFileSync(join(DATA, 'forum-14.original.dzn'), 'utf8'));
    expect(instance.participants).toBe(78);
    expect(instance.meetings.length).toBe(302);
    expect(instance.slots).toBe(22);
    expect(instance.morningSlots).toBe(12);
    expect(instance.tables).toBe(22);
    expect(instance.meetings[0]).toEqual({ a: 0, b: 37, session: 'any' });
    expect(instance.forbidden[1]).toEqual([7, 8]); // {0,8,9}
    expect(instance.forbidden[3]).toEqual([14, 15, 16, 17, 18, 19]); // {15..20}, no sentinel
  });
});
