/**
 * Runs the B2B scheduler (local search, then the exact model) off the event loop, in a worker thread. Reports progress (best total so far, lower
 * bound, elapsed) as messages and stops when the main thread raises the shared stop flag, keeping the best
 * schedule found. Loaded through server/lib/worker-boot.mjs, which registers tsx for TypeScript.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Instance } from '../../engines/b2b/model.ts';
import { solvePortfolio } from '../../engines/b2b/solve.ts';

export interface WorkerInput {
  instance: Instance;
  timeLimitMs: number;
  seed: number;
  /** Int32Array over a SharedArrayBuffer; index 0 becomes 1 to stop. */
  stopFlag: SharedArrayBuffer;
}

const input = workerData as WorkerInput & { entry: string };
const flag = new Int32Array(input.stopFlag);
const result = await solvePortfolio(input.instance, {
  timeLimitMs: input.timeLimitMs,
  seed: input.seed,
  progressIntervalMs: 250,
  shouldStop: () => Atomics.load(flag, 0) === 1,
  onProgress: (p) => parentPort?.postMessage({ type: 'progress', progress: p }),
});
// This thread's own memory: its V8 heap plus what lives outside it (the WebAssembly memories of clingo, CaDiCaL
// and Z3 when the exact part loaded them, buffers).
// process.memoryUsage() answers these per thread; its rss is the whole process's.
const m = process.memoryUsage();
const workerMemoryMb = Math.round((m.heapTotal + m.external) / 1048576);
parentPort?.postMessage({ type: 'done', result, workerMemoryMb });
