import { randomUUID } from 'node:crypto';

/**
 * New primary key: UUID version 7 text (RFC 9562; portable across SQLite and PostgreSQL) — 48 bits of Unix
 * milliseconds, then 74 random bits. Keys made close in time sort together, so a primary-key index grows at
 * its right edge instead of touching a random page per insert: with random (v4) keys a registration batch's
 * commit wrote one more index page per row (issue 15). Still unguessable; it reveals when the record was made,
 * which every record also shows in its created_at.
 */
export function newId(): string {
  const random = randomUUID(); // v4: xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx, its random bits reused
  const ms = Date.now().toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${random.slice(15)}`;
}
/** Current instant as stored (ISO-8601 UTC). */
export const nowIso = (now: Date = new Date()): string => now.toISOString();
