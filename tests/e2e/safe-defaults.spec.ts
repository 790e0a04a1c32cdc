/**
 * `npm start` with the demo accounts (public password) must not open them to the network: with HOST unset
 * the real server listens on 127.0.0.1 only and says so at start (issue 15, "safe defaults").
 */
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startServer } from './support/server.ts';

/** An address of this machine other than loopback, if it has one. */
function outsideAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

describe('safe listen defaults', () => {
  it('listens on 127.0.0.1 only when demo accounts exist and HOST is unset, and says so at start', async () => {
    const server = await startServer({ HOST: '' });
    try {
      expect(server.logs()).toMatch(/demo accounts .* listens on 127\.0\.0\.1 only/);
      expect(await reachable(`${server.url}/api/health`)).toBe(true);
      const outside = outsideAddress();
      if (outside) {
        const port = new URL(server.url).port;
        expect(await reachable(`http://${outside}:${port}/api/health`)).toBe(false);
      }
    } finally {
      await server.stop();
    }
  });

  it('listens on every interface without demo accounts', async () => {
    const server = await startServer({ HOST: '', DEMO_SEED: 'false' });
    try {
      expect(server.logs()).toMatch(/listening on 0\.0\.0\.0/);
      expect(server.logs()).not.toMatch(/demo accounts/);
      const outside = outsideAddress();
      if (outside) {
        const port = new URL(server.url).port;
        expect(await reachable(`http://${outside}:${port}/api/health`)).toBe(true);
      }
    } finally {
      await server.stop();
    }
  });
});
