// Worker entry in plain JavaScript: registers tsx (scoped to this import) and loads the TypeScript worker
// named in workerData.entry, so the worker runs the same way under `tsx server/main.ts` and under vitest.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
