/** Test support for the demo's tests: sign in as a demo account (they all share DEMO_PASSWORD). */
import { expect } from 'vitest';
import { Client, type TestEnv } from '../test/harness.ts';
import { DEMO_PASSWORD } from './seed.ts';

export async function signInDemo(env: TestEnv, email: string): Promise<Client> {
  const c = new Client(env.app);
  const r = await c.login(email, DEMO_PASSWORD);
  expect(r.statusCode).toBe(200);
  return c;
}
