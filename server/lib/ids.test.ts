import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('makes UUID version 7 text: the creation millisecond first, then random bits, the RFC 9562 variant', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });

  it('is unique and sorts by time across milliseconds', async () => {
    const first = Array.from({ length: 10_000 }, newId);
    expect(new Set(first).size).toBe(10_000);
    await new Promise((r) => setTimeout(r, 2));
    const later = newId();
    expect(first.every((id) => id < later)).toBe(true);
  });
});
