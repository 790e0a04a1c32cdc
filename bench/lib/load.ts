/**
 * The load generator of the registration benchmarks, in its own process.
 *
 * autocannon in the server's own process shares one event loop with the server, and there it starves the first
 * request of some connections until every other request of the run is done: per-request timestamps showed
 * ~200 requests sent in the first 80 ms answered only at the very end of a run (4 s on a bare Fastify route,
 * 20 s on a slow one), whatever the route — so p99 measured the run's length, not the server. A real surge
 * comes from other machines; here the generator is a child process (`fireInChild`), and the server's CPU is
 * measured without the generator's.
 *
 * Child protocol: the parent writes one JSON `LoadSpec` on stdin; the child answers one JSON `LoadResult` line.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { autocannon } from './registration-world.ts';

export interface LoadSpec {
  url: string;
  method: 'POST' | 'GET';
  path: string;
  connections: number;
  amount: number;
  /** One signed-in user per request, in order (cookie and CSRF token); none for an anonymous route. */
  users: { cookie: string; csrf: string }[] | null;
  body: string;
}

export interface LoadResult {
  total: number;
  /** Responses outside 2xx, socket errors and timeouts. */
  failed: number;
  p50: number;
  p99: number;
  max: number;
  /** From the first request to the last response (autocannon's own duration advances in whole seconds). */
  seconds: number;
  /** The first few failed responses. */
  samples: string[];
}

async function generate(spec: LoadSpec): Promise<LoadResult> {
  let i = 0;
  const samples: string[] = [];
  const start = performance.now();
  let last = start;
  const res = await autocannon({
    url: spec.url,
    connections: spec.connections,
    amount: spec.amount,
    timeout: 60,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        setupRequest: (req) => {
          const u = spec.users?.[i++ % spec.users.length];
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              ...(u ? { cookie: u.cookie, 'x-csrf-token': u.csrf } : {}),
            },
            body: spec.body,
          };
        },
        onResponse: (status, body) => {
          last = performance.now();
          if (status >= 300 && samples.length < 3) samples.push(`${status} ${body.slice(0, 200)}`);
        },
      },
    ],
  });
  return {
    total: res.requests.total,
    failed: res.non2xx + res.errors + res.timeouts,
    p50: res.latency.p50,
    p99: res.latency.p99,
    max: res.latency.max,
    seconds: (last - start) / 1000,
    samples,
  };
}

/** Runs `spec` from a child process and resolves with its result. */
export function fireInChild(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`load generator exited ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let input = '';
  process.stdin.setEncoding('utf8').on('data', (d: string) => (input += d));
  process.stdin.on('end', () => {
    generate(JSON.parse(input) as LoadSpec).then(
      (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
