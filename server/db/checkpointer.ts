/**
 * WAL checkpoints off the event loop (SQLite only; issue 15, registration at the door).
 *
 * better-sqlite3 is synchronous: SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 WAL
 * pages, on the event loop, and a checkpoint syncs the database file. Under a registration surge that is
 * dozens of checkpoints a minute, each stopping every request for as long as the disk takes to sync — on a
 * busy disk the server sat idle most of the run waiting for it. Here a worker thread with its own connection
 * runs a PASSIVE checkpoint a few times a second (writers keep appending meanwhile), and the app's connection
 * checkpoints by itself only if the WAL grows far beyond that (the worker stopped or cannot keep up).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** The app connection's own checkpoint threshold in pages (4 KB each): a safety net, ~64 MB of WAL. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_000;

/** The worker, as a CommonJS script (no TypeScript loader needed in the thread). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
let stopped = false;
const tick = () => {
  if (stopped) return;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
let timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointResult {
  busy: number;
  /** Frames in the WAL, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** The last checkpoint's result (undefined before the first). */
  readonly last: CheckpointResult | undefined;
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `file` (the database `sqlite` has open) from a worker thread every `intervalMs`, and
 * raises the app connection's own threshold to the safety net.
 */
export function startCheckpointer(sqlite: SQLite.Database, file: string, intervalMs = 250): Checkpointer {
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, intervalMs } });
  // The thread must not keep a finished process (a CLI, a test) alive.
  worker.unref();
  let last: CheckpointResult | undefined;
  let failure: string | undefined;
  worker.on('message', (m: CheckpointResult | { error: string }) => {
    if ('error' in m) {
      // Reported once; the app's own threshold keeps the WAL bounded meanwhile.
      if (failure !== m.error) console.warn(`SQLite background checkpoint failed: ${m.error}`);
      failure = m.error;
    } else {
      last = m;
      failure = undefined;
    }
  });
  worker.on('error', (err) => console.warn(`SQLite checkpoint thread stopped: ${err.message}`));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    get last() {
      return last;
    },
    async stop() {
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}
