import { describe, expect, it } from 'vitest';
import { EXACT_STATUSES } from '../../../../common/contracts/meetings.ts';
import { translate, type TFunction } from '../../../i18n/index.tsx';
import { joinSentences, runNotes } from './runNotes.ts';

const zh: TFunction = (key, params) => translate('zh-CN', key, params);
const base = { gap: 6, provedOptimal: false, exactStatus: null, workerMemoryMb: 41 } as const;

describe('runNotes', () => {
  it('gives the gap with its meaning when nothing else explains it', () => {
    expect(runNotes(zh, base)).toEqual(['与理论下界相差 6 个空档：可能已是最少，但尚未证明。', '排程线程内存约 41 MB']);
  });

  it('says "not proved" once: the plain figure when the exact part\'s own sentence already says it', () => {
    for (const exactStatus of ['stopped', 'too-large', 'gap-too-large'] as const) {
      const notes = runNotes(zh, { ...base, exactStatus });
      expect(notes[0]).toBe('与理论下界相差 6 个空档。');
      expect(notes[1]).toBe(zh(`meetings.exact.${exactStatus}`));
      expect(notes.join('').match(/未证明|未能完成证明|尚未证明/g)).toHaveLength(1);
    }
    // Endings that do not speak of the proof keep the full gap sentence.
    for (const exactStatus of ['stalled', 'error'] as const) {
      expect(runNotes(zh, { ...base, exactStatus })[0]).toBe('与理论下界相差 6 个空档：可能已是最少，但尚未证明。');
    }
  });

  it('has no gap sentence for a proved optimum or a zero gap, and Chinese with no placeholder for every ending', () => {
    expect(runNotes(zh, { ...base, gap: 0, exactStatus: 'optimal', workerMemoryMb: null })).toEqual([
      '精确求解已证明：没有空档更少的方案。',
    ]);
    expect(runNotes(zh, { ...base, provedOptimal: true, workerMemoryMb: null })).toEqual([]);
    for (const exactStatus of EXACT_STATUSES) {
      for (const note of runNotes(zh, { ...base, exactStatus })) {
        expect(note).not.toMatch(/[{}]|meetings\./);
        expect(note).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('joins Chinese sentences without a space after the full stop and English ones with one', () => {
    expect(joinSentences(runNotes(zh, { ...base, exactStatus: 'gap-too-large' }))).toBe(
      '与理论下界相差 6 个空档。差距较大，精确求解无法在时限内缩小，本次时间全部用于局部搜索改进方案：方案可行且公平，但未证明空档最少。排程线程内存约 41 MB',
    );
    // English strings load lazily in the app (translate() falls back to Chinese here), so plain text shows the rule.
    expect(joinSentences(['6 gaps above the lower bound.', 'The worker used about 41 MB'])).toBe(
      '6 gaps above the lower bound. The worker used about 41 MB',
    );
    expect(joinSentences([])).toBe('');
  });
});
