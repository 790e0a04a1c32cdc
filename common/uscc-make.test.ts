import { describe, expect, it } from 'vitest';
import { makeUscc } from './uscc-make.ts';
import { checkUscc } from './uscc.ts';

describe('makeUscc', () => {
  it('makes codes the GB 32100 checker accepts as valid, distinct per number', () => {
    const codes = Array.from({ length: 300 }, (_, i) => makeUscc(i * 7919 + 13, i % 2 ? '320102' : '110108'));
    for (const c of codes) expect(checkUscc(c).status, c).toBe('valid');
    expect(new Set(codes).size).toBe(codes.length);
  });
});
