/**
 * The response serializer (server/lib/response-serializer.ts) strips what the contract does not name, refuses
 * a response that breaks its contract, and gives the same JSON as zod's `encode` (fastify-type-provider-zod's
 * serializer) on the contracts' response shapes.
 */
import { describe, expect, it } from 'vitest';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegistrationView } from '../../common/contracts/events.ts';
import { responseSerializer } from './response-serializer.ts';

const compile = (schema: z.ZodType) => responseSerializer({ schema, method: 'GET', url: '/api/x', httpStatus: '200' });

const registration = {
  id: 'r-1',
  sessionId: 's-1',
  user: { id: 'u-1', name: '张三', passwordHash: 'secret' },
  organisation: null,
  attendance: 'offline',
  status: 'waitlisted',
  waitlistPosition: 3,
  code: 'AB12CD34',
  answers: { q1: '是', q2: ['a', 'b'] },
  checkedInAt: null,
  cancelledAt: null,
  createdAt: '2026-12-05T00:00:00.000Z',
  abilities: { cancel: true, checkIn: false },
  internalNote: 'not for the client',
};

describe('response serializer', () => {
  it('strips keys the contract does not name, at every depth', () => {
    const out = JSON.parse(compile(RegistrationView)(registration)) as Record<string, unknown>;
    expect(out).not.toHaveProperty('internalNote');
    expect(out.user).toEqual({ id: 'u-1', name: '张三' });
  });

  it('gives the same JSON as zod encode', () => {
    expect(compile(RegistrationView)(registration)).toBe(
      JSON.stringify(z.encode(RegistrationView, registration as never)),
    );
  });

  it('refuses a response that breaks its contract', () => {
    let caught: unknown;
    try {
      compile(RegistrationView)({ ...registration, status: 'unknown' });
    } catch (err) {
      caught = err;
    }
    expect(isResponseSerializationError(caught)).toBe(true);
  });

  it('accepts a schema given as { properties }', () => {
    const s = responseSerializer({
      schema: { properties: z.object({ a: z.number() }) },
      method: 'GET',
      url: '/x',
    });
    expect(s({ a: 1, b: 2 })).toBe('{"a":1}');
  });
});
