import { randomUUID } from 'node:crypto';

/** New primary key (UUID v4 text, portable across SQLite and PostgreSQL). */
export const newId = (): string => randomUUID();
/** Current instant as stored (ISO-8601 UTC). */
export const nowIso = (now: Date = new Date()): string => now.toISOString();
