/**
 * Double-click checks (issue 15: "the e2e suite double-clicks every create button it visits and finds one
 * record"): click a submit button twice in quick succession, the way an impatient person does, then count the
 * rows in the e2e server's SQLite file.
 */
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import type { DB } from '../../../server/db/schema.ts';

/** Double-clicks the button with this test id (two clicks and a dblclick, as a mouse sends them). */
export async function doubleClick(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).dblclick();
}

/** Rows of `table` in the running server's database matching `where` (bound parameters only). */
export function countRows(dbPath: string, table: keyof DB, where: string, ...args: (string | number)[]): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const r = db.prepare(`select count(*) as n from ${table} where ${where}`).get(...args) as { n: number };
    return r.n;
  } finally {
    db.close();
  }
}
