/**
 * Independent verifier for the B2B benchmark. It deliberately does not use server/engines/b2b/check.ts or
 * the engine's Instance type: it re-derives every constraint from the raw 1-based .dzn arrays as stated in
 * the problem description, so a bug shared by the solver and its own checker cannot hide here.
 */
import type { B2bRawData } from '../../server/engines/b2b/dzn.ts';

export interface VerifyResult {
  ok: boolean;
  errors: string[];
  totalBreaks: number;
  breaksPerParticipant: number[];
}

/**
 * Verify 1-based `slots` (one per row of `requested`) against the raw data. `lunchCounts` says whether
 * idle time between the last morning and first afternoon meeting counts as a break.
 */
export function verifyRaw(raw: B2bRawData, slots: readonly number[], fairness = 2, lunchCounts = true): VerifyResult {
  const errors: string[] = [];
  const S = raw.nTotalSlots;
  if (slots.length !== raw.nMeetings) errors.push(`expected ${raw.nMeetings} slots, got ${slots.length}`);
  const busy: Map<number, number>[] = [];
  for (let p = 1; p <= raw.nBusiness; p++) busy[p] = new Map();
  const perSlot = new Map<number, number>();
  raw.requested.forEach(([p1, p2, session], i) => {
    const t = slots[i] ?? 0;
    const id = i + 1;
    if (!(Number.isInteger(t) && t >= 1 && t <= S)) {
      errors.push(`meeting ${id}: slot ${t} outside 1..${S}`);
      return;
    }
    if (session === 1 && t > raw.nMorningSlots) errors.push(`meeting ${id}: morning meeting in afternoon slot ${t}`);
    if (session === 2 && t <= raw.nMorningSlots) errors.push(`meeting ${id}: afternoon meeting in morning slot ${t}`);
    const fx = raw.fixed?.[i] ?? 0;
    if (fx !== 0 && fx !== t) errors.push(`meeting ${id}: fixed to ${fx}, scheduled in ${t}`);
    for (const p of [p1, p2]) {
      if ((raw.forbidden?.[p - 1] ?? []).filter((x) => x !== 0).includes(t))
        errors.push(`meeting ${id}: slot ${t} forbidden for participant ${p}`);
      const prev = busy[p]!.get(t);
      if (prev !== undefined) errors.push(`participant ${p}: meetings ${prev} and ${id} both in slot ${t}`);
      busy[p]!.set(t, id);
    }
    perSlot.set(t, (perSlot.get(t) ?? 0) + 1);
  });
  for (const [t, n] of perSlot) if (n > raw.nTables) errors.push(`slot ${t}: ${n} meetings for ${raw.nTables} tables`);
  (raw.precedences ?? []).forEach((set, i) => {
    for (const q of set) {
      if (q === 0) continue;
      const a = slots[q - 1] ?? 0;
      const b = slots[i] ?? 0;
      if (!(a < b)) errors.push(`meeting ${q} (slot ${a}) must precede meeting ${i + 1} (slot ${b})`);
    }
  });
  const breaksPerParticipant: number[] = [];
  for (let p = 1; p <= raw.nBusiness; p++) {
    const ts = [...busy[p]!.keys()].sort((x, y) => x - y);
    let b = 0;
    for (let k = 1; k < ts.length; k++) {
      const gap = ts[k]! - ts[k - 1]!;
      const acrossLunch = ts[k - 1]! <= raw.nMorningSlots && ts[k]! > raw.nMorningSlots;
      if (gap > 1 && (lunchCounts || !acrossLunch)) b++;
    }
    breaksPerParticipant.push(b);
  }
  const hi = Math.max(0, ...breaksPerParticipant);
  const lo = Math.min(hi, ...breaksPerParticipant);
  if (hi - lo > fairness) errors.push(`fairness: breaks range ${lo}..${hi} exceeds ${fairness}`);
  const totalBreaks = breaksPerParticipant.reduce((x, y) => x + y, 0);
  return { ok: errors.length === 0, errors, totalBreaks, breaksPerParticipant };
}
