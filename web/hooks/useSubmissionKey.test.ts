import { describe, expect, it } from 'vitest';
import { submissionKeys } from './useSubmissionKey.ts';

describe('submissionKeys', () => {
  let n = 0;
  const make = () => `k${++n}`;

  it('keeps one key while the same values are sent again (double click, retry)', () => {
    const s = submissionKeys(make);
    const a = s.keyFor({ title: '芯片', budget: 300 });
    expect(s.keyFor({ title: '芯片', budget: 300 })).toBe(a);
    expect(s.keyFor({ title: '芯片', budget: 300 })).toBe(a);
  });

  it('makes a new key when the values change, and after a success', () => {
    const s = submissionKeys(make);
    const a = s.keyFor({ title: '芯片' });
    const b = s.keyFor({ title: '芯片（修改）' });
    expect(b).not.toBe(a);
    s.done();
    const c = s.keyFor({ title: '芯片（修改）' });
    expect(c).not.toBe(b);
  });
});
