/**
 * Least privilege in the audit log: an entry about an organisation's draft (a record not yet published
 * or submitted) shows who did what and when to a reader outside that organisation — the programme owner
 * and the system administrator included — but not the draft's content. Field names stay (what changed),
 * their values are withheld, except the few that are workflow facts rather than content (status, version,
 * ids, counts).
 */
import type { Executor } from '../../db/index.ts';
import { draftRecordFacts, type AuditEventRow, type RecordFacts } from './repository.ts';

interface DraftRule {
  /** Statuses in which the record is still its organisation's own, unpublished work. */
  draft: readonly string[];
  /** True when creating and editing happen only while the record is a draft (an entry without a status is one). */
  editedOnlyAsDraft: boolean;
}

/** Entity types whose records an organisation drafts before anyone outside it may see them. */
export const DRAFT_RULES: Record<string, DraftRule> = {
  demand: { draft: ['draft'], editedOnlyAsDraft: false },
  resource: { draft: ['draft'], editedOnlyAsDraft: false },
  result: { draft: ['draft', 'changes_requested'], editedOnlyAsDraft: false },
  consortium: { draft: ['draft'], editedOnlyAsDraft: true },
  news: { draft: ['draft', 'returned'], editedOnlyAsDraft: true },
  preliminary_plan: { draft: ['draft', 'returned', 'withdrawn'], editedOnlyAsDraft: true },
  activity_plan: { draft: ['draft', 'returned'], editedOnlyAsDraft: true },
};

/** Keys whose values are workflow facts, not draft content. */
const FACT_KEYS = new Set([
  'status',
  'version',
  'id',
  'ids',
  'count',
  'complete',
  'signaturesReset',
  'organisationId',
  'organisation_id',
  'themeDayId',
  'theme_day_id',
  'programmeId',
  'programme_id',
  'baseId',
  'base_id',
]);

const parse = (s: string | null): unknown => (s == null ? null : JSON.parse(s));

const statusIn = (v: unknown): string | undefined =>
  typeof v === 'object' && v !== null && 'status' in v && typeof v.status === 'string' ? v.status : undefined;

/** Whether the entry was written while its record was a draft (the state the entry itself records, else the record's). */
export function isDraftEntry(
  row: Pick<AuditEventRow, 'entity_type' | 'entity_id' | 'action' | 'before' | 'after'>,
  facts: RecordFacts,
): boolean {
  const rule = DRAFT_RULES[row.entity_type];
  if (!rule) return false;
  const atEvent = statusIn(parse(row.before)) ?? statusIn(parse(row.after));
  if (atEvent !== undefined) return rule.draft.includes(atEvent);
  if (rule.editedOnlyAsDraft && (row.action === 'create' || row.action === 'update')) return true;
  const now = row.entity_id ? facts.get(row.entity_id) : undefined;
  // A record that is gone (or an entry about none) may have been a draft: withhold.
  return now ? rule.draft.includes(now.status) : true;
}

/** The summary with every content value withheld (null), keeping the keys and the workflow facts. */
export function withholdContent(v: unknown): unknown {
  if (v == null || typeof v !== 'object' || Array.isArray(v)) return v == null ? v : null;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, val]) => [k, FACT_KEYS.has(k) ? val : null]),
  );
}

/** Who owns each draft-capable record an audit page mentions, loaded once per entity type. */
export async function loadRecordFacts(db: Executor, rows: AuditEventRow[]): Promise<Map<string, RecordFacts>> {
  const byType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!DRAFT_RULES[r.entity_type] || !r.entity_id) continue;
    const set = byType.get(r.entity_type) ?? new Set<string>();
    set.add(r.entity_id);
    byType.set(r.entity_type, set);
  }
  const out = new Map<string, RecordFacts>();
  for (const [type, ids] of byType) out.set(type, await draftRecordFacts(db, type, [...ids]));
  return out;
}

/**
 * Whether `reader` (the active organisation of the person reading the log) must not see this entry's
 * content: it is about another organisation's draft. The owner is the record's organisation, or — for a
 * record that is gone — the organisation the writer acted for.
 */
export function mustWithhold(row: AuditEventRow, facts: RecordFacts, readerOrganisationId: string | null): boolean {
  if (!isDraftEntry(row, facts)) return false;
  const owner = (row.entity_id ? facts.get(row.entity_id)?.organisationId : undefined) ?? row.organisation_id;
  return owner === null || owner !== readerOrganisationId;
}
