/**
 * Deterministic synthetic theme day for the B2B benchmark: 500 participants, 3,000 meetings, 16 slots
 * (8 morning, 8 afternoon), 200 tables. Built around a hidden ("planted") feasible schedule so it is
 * feasible by construction: some meetings get a morning/afternoon session and some participants get
 * forbidden slots, always consistent with the planted schedule. Emitted in the .dzn format of the paper.
 */
import { createRng } from '../../common/rng.ts';

export interface SyntheticOptions {
  participants?: number;
  meetings?: number;
  slots?: number;
  morningSlots?: number;
  tables?: number;
  seed?: number;
}

/** Generate the synthetic instance as .dzn text (same conventions as the JAIR files). */
export function syntheticDzn(o: SyntheticOptions = {}): string {
  const P = o.participants ?? 500;
  const M = o.meetings ?? 3000;
  const S = o.slots ?? 16;
  const AM = o.morningSlots ?? 8;
  const T = o.tables ?? 200;
  const rng = createRng(o.seed ?? 2024);
  const weight = Array.from({ length: P }, () => 0.35 + 0.65 * rng());
  const pairs = new Set<string>();
  const rows: [number, number, number][] = [];
  const plantedSlot: number[] = [];
  const busy: boolean[][] = Array.from({ length: P }, () => new Array<boolean>(S).fill(false));
  for (let s = 0; s < S; s++) {
    const want = Math.min(T, Math.floor(M / S) + (s < M % S ? 1 : 0));
    // Weighted sample of 2*want participants without replacement (Efraimidis-Spirakis keys).
    const keys = weight.map((w, p) => ({ p, k: Math.pow(rng(), 1 / w) })).sort((x, y) => y.k - x.k);
    const chosen = keys.slice(0, Math.min(P, 2 * want + 40)).map((x) => x.p);
    let made = 0;
    const used = new Set<number>();
    for (let i = 0; i < chosen.length && made < want; i++) {
      const a = chosen[i]!;
      if (used.has(a)) continue;
      for (let j = i + 1; j < chosen.length; j++) {
        const b = chosen[j]!;
        if (used.has(b)) continue;
        const key = a < b ? `${a}:${b}` : `${b}:${a}`;
        if (pairs.has(key)) continue;
        pairs.add(key);
        used.add(a);
        used.add(b);
        busy[a]![s] = true;
        busy[b]![s] = true;
        const r = rng();
        const session = r < 0.15 ? (s < AM ? 1 : 2) : 3;
        rows.push([a + 1, b + 1, session]);
        plantedSlot.push(s);
        made++;
        break;
      }
    }
  }
  // Shuffle the meeting order so the planted slot is not visible from the row order.
  const order = rows.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const requested = order.map((i) => rows[i]!);
  const forbidden: number[][] = Array.from({ length: P }, (_, p) => {
    if (rng() >= 0.1) return [0];
    const idle = [];
    for (let s = 0; s < S; s++) if (!busy[p]![s]) idle.push(s + 1);
    return [0, ...idle.filter(() => rng() < 0.5).slice(0, 2)];
  });
  const byP: number[][] = Array.from({ length: P }, () => []);
  requested.forEach(([a, b], i) => {
    byP[a - 1]!.push(i + 2);
    byP[b - 1]!.push(i + 2);
  });
  const lines: string[] = [];
  lines.push(`% Synthetic B2B theme day (deterministic, seed ${o.seed ?? 2024}); feasible by construction.`);
  lines.push(
    `nBusiness = ${P};`,
    `nMeetings = ${requested.length};`,
    `nTables = ${T};`,
    `nTotalSlots = ${S};`,
    `nMorningSlots = ${AM};`,
    '',
  );
  lines.push(`requested = [|${requested.map((r) => r.join(', ')).join(',\n|')},\n|];`, '');
  lines.push(`meetingsxBusiness = [${byP.map((l) => `{${[1, ...l].join(',')}}`).join(',\n')}];`, '');
  lines.push(`nMeetingsBusiness = [${byP.map((l) => l.length).join(',')}];`, '');
  lines.push(`forbidden = [${forbidden.map((f) => `{${f.join(',')}}`).join(',\n')}];`, '');
  lines.push(`fixed = [${requested.map(() => 0).join(',')}];`, '');
  lines.push(`precedences = [${requested.map(() => '{}').join(',\n')}];`, '');
  return lines.join('\n');
}
