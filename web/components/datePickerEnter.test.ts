import { describe, expect, it } from 'vitest';
import { holdPickerEnter, installPickerEnterGuard, PICKER_SELECTOR } from './datePickerEnter.ts';

/** A stand-in element: `inPicker` decides whether it sits inside an antd picker. */
const el = (inPicker: boolean) => ({ closest: (sel: string) => (inPicker && sel === PICKER_SELECTOR ? {} : null) });

function keydown(key: string, target: unknown, isComposing = false) {
  let prevented = false;
  return {
    event: { key, target: target as EventTarget, isComposing, preventDefault: () => void (prevented = true) },
    prevented: () => prevented,
  };
}

describe('Enter in a date picker', () => {
  it('is kept from submitting the form', () => {
    const k = keydown('Enter', el(true));
    expect(holdPickerEnter(k.event)).toBe(true);
    expect(k.prevented()).toBe(true);
  });

  it('leaves Enter elsewhere, other keys and an IME composition alone', () => {
    for (const k of [keydown('Enter', el(false)), keydown('a', el(true)), keydown('Enter', el(true), true)]) {
      expect(holdPickerEnter(k.event)).toBe(false);
      expect(k.prevented()).toBe(false);
    }
    expect(holdPickerEnter(keydown('Enter', null).event)).toBe(false);
  });

  it('listens on the document in the capture phase and can be removed', () => {
    const calls: [string, unknown, unknown][] = [];
    const doc = {
      addEventListener: (t: string, f: unknown, c: unknown) => void calls.push(['add', t, c]),
      removeEventListener: (t: string, f: unknown, c: unknown) => void calls.push(['remove', t, c]),
    } as unknown as Document;
    const remove = installPickerEnterGuard(doc);
    remove();
    expect(calls).toEqual([
      ['add', 'keydown', true],
      ['remove', 'keydown', true],
    ]);
  });
});
