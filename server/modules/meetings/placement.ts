/**
 * Live placement of one meeting into a session's current schedule (self-booking accepts, late requests and
 * re-placements after publishing): a slot both participants have free, with a free table or online room,
 * chosen so that it adds the fewest breaks (idle gaps) to their days — the same objective the scheduler
 * minimises for the whole session — and, among equals, the earliest slot. Pure; the caller holds the lock.
 */
import { breaksOfSlots } from '../../engines/b2b/model.ts';
import { locHolder, participantHolder } from './repository.ts';

export interface LiveState {
  slots: number;
  morningSlots: number;
  /** Tables first (1..tables), then online rooms (tables+1..tables+onlineRooms). */
  capacity: number;
  /** `${slot}|${holder}` of every occupancy row. */
  occupied: Set<string>;
}

export interface PlacementParty {
  id: string;
  unavailableSlots: readonly number[];
}

export const occKey = (slot: number, holder: string): string => `${slot}|${holder}`;

export function liveState(
  s: { slots: { startsAt: string }[]; morningSlots: number; tables: number; onlineRooms: number },
  occ: { slotIndex: number; holder: string }[],
): LiveState {
  return {
    slots: s.slots.length,
    morningSlots: s.morningSlots,
    capacity: s.tables + s.onlineRooms,
    occupied: new Set(occ.map((o) => occKey(o.slotIndex, o.holder))),
  };
}

function busySlots(st: LiveState, pid: string): number[] {
  const out: number[] = [];
  for (let s = 0; s < st.slots; s++) if (st.occupied.has(occKey(s, participantHolder(pid)))) out.push(s);
  return out;
}

/** The lowest free location in a slot, or null when every table and room is taken. */
export function freeLocation(st: LiveState, slot: number): number | null {
  for (let l = 1; l <= st.capacity; l++) if (!st.occupied.has(occKey(slot, locHolder(l)))) return l;
  return null;
}

export type SlotRefusal = 'participant_unavailable' | 'slot_has_meeting' | 'slot_taken';

/** Why `slot` cannot take a meeting of a and b, or null when it can. */
export function slotRefusal(st: LiveState, a: PlacementParty, b: PlacementParty, slot: number): SlotRefusal | null {
  if (a.unavailableSlots.includes(slot) || b.unavailableSlots.includes(slot)) return 'participant_unavailable';
  if (st.occupied.has(occKey(slot, participantHolder(a.id))) || st.occupied.has(occKey(slot, participantHolder(b.id))))
    return 'slot_has_meeting';
  if (freeLocation(st, slot) === null) return 'slot_taken';
  return null;
}

/** The best free slot (fewest added breaks, then earliest) with its location, or null when none is left. */
export function chooseSlot(
  st: LiveState,
  a: PlacementParty,
  b: PlacementParty,
): { slotIndex: number; location: number } | null {
  const busyA = busySlots(st, a.id);
  const busyB = busySlots(st, b.id);
  const baseA = breaksOfSlots(busyA, st.morningSlots);
  const baseB = breaksOfSlots(busyB, st.morningSlots);
  let best: { slotIndex: number; location: number; cost: number } | null = null;
  for (let s = 0; s < st.slots; s++) {
    if (slotRefusal(st, a, b, s)) continue;
    const location = freeLocation(st, s);
    if (location === null) continue; // (slotRefusal has said slot_taken already)
    const cost =
      breaksOfSlots(
        [...busyA, s].sort((x, y) => x - y),
        st.morningSlots,
      ) -
      baseA +
      breaksOfSlots(
        [...busyB, s].sort((x, y) => x - y),
        st.morningSlots,
      ) -
      baseB;
    if (!best || cost < best.cost) best = { slotIndex: s, location, cost };
  }
  return best ? { slotIndex: best.slotIndex, location: best.location } : null;
}
