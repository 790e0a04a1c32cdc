/**
 * Fuzzing generated from the OpenAPI document (issue 15 "Bad input"), on whichever database the suite runs
 * (SQLite, or PostgreSQL with TEST_DATABASE_URL): every route in /api/openapi.json, as an anonymous visitor and
 * as broad signed-in demo accounts, gets a plausible request and its hostile variants — NUL and other control
 * characters and unpaired surrogates, impossible dates, huge strings, wrong types, bad path parameters and broken
 * multipart bodies. Nothing may answer 5xx; every refusal is problem+json with a stable code; and a request
 * carrying a NUL byte never succeeds (both databases answer the same 400 `invalid_text`).
 *
 * Path parameters take real ids from the seeded demo (by the table the path names), so the hostile bodies
 * reach the handlers and their database queries, not only a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { signInDemo } from '../demo/testkit.ts';
import { Client, createTestEnv, type TestEnv } from './harness.ts';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
};
interface Parameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}
interface Route {
  method: string;
  path: string;
  op: Operation;
}

/** How a variant changes the strings (and other leaves) of a plausible request. */
type Variant = 'plausible' | 'nul' | 'controls' | 'dates' | 'huge' | 'types';
const VARIANTS: Variant[] = ['plausible', 'nul', 'controls', 'dates', 'huge', 'types'];
/** Variants whose request holds a string the text rule refuses: they must never succeed. */
const REFUSED: ReadonlySet<Variant> = new Set(['nul', 'controls']);

const NOW = '2026-03-10T02:00:00Z';
/** Legal but awkward text: quotes, markup, SQL, emoji, a combining accent, right-to-left script, full-width. */
const AWKWARD = `融通'"<b>测试</b>' OR 1=1;-- 😀 e\u0301 مرحبا ＡＢＣ \\ %_`;
const DATE_PATTERN = /\\d\{4\}-\\d\{2\}-\\d\{2\}/;

let env: TestEnv;
let doc: { paths: Record<string, Record<string, Operation>> };
let routes: Route[] = [];
const idsByTable = new Map<string, string[]>();
let identities: { name: string; client: Client }[] = [];

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  expect(await seedDemoIfEmpty(env.database.db, env.clock.now())).toBe(true);
  const r = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
  doc = r.json();
  // Reads first, then writes, deletions last (so a deletion does not hide the record from the others).
  const rank = (m: string) => ['get', 'post', 'put', 'patch', 'delete'].indexOf(m);
  routes = Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })))
    .filter((r) => rank(r.method) >= 0)
    .sort((a, b) => rank(a.method) - rank(b.method) || a.path.localeCompare(b.path));
  for (const t of await env.database.db.introspection.getTables()) {
    if (!t.columns.some((c) => c.name === 'id')) continue;
    const rows = await sql<{ id: string }>`select id from ${sql.table(t.name)} order by id limit 1`.execute(
      env.database.db,
    );
    idsByTable.set(
      t.name,
      rows.rows.map((x) => String(x.id)),
    );
  }
  identities = [
    { name: 'anonymous', client: new Client(env.app) },
    { name: 'owner', client: await signInDemo(env, 'owner@demo.rongtong.cn') },
    { name: 'admin', client: await signInDemo(env, 'admin@demo.rongtong.cn') },
    { name: 'multi', client: await signInDemo(env, 'multi@demo.rongtong.cn') },
  ];
}, 120_000);
afterAll(async () => {
  await env?.close();
});

// ----- generating values from the schemas --------------------------------------------------------------------

function resolve(s: Schema | undefined): Schema {
  if (!s) return {};
  if (s.$ref)
    return resolve(
      (doc as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas[
        s.$ref.split('/').pop()!
      ],
    );
  const alt = s.anyOf ?? s.oneOf;
  if (alt) {
    const nonNull = alt.map(resolve).find((x) => x.type !== 'null' && !(x.enum?.length === 1 && x.enum[0] === null));
    return nonNull ?? resolve(alt[0]);
  }
  if (s.allOf?.length) return { ...resolve(s.allOf[0]), ...s, allOf: undefined };
  return s;
}
const typeOf = (s: Schema): string | undefined =>
  Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : (s.type ?? (s.properties ? 'object' : undefined));

/** A string the pattern accepts, from a few shapes the contracts use (dates, times, keys, codes). */
function patterned(pattern: string): string {
  const re = new RegExp(pattern);
  const candidates = ['2026-03-12', '2026-03-12T10:00', '10:00', 'fuzzkey', '32', '320500', '13', 'C', 'a', 'A1'];
  return candidates.find((c) => re.test(c)) ?? 'a';
}

function fitLength(s: string, schema: Schema): string {
  let chars = Array.from(s);
  if (schema.maxLength !== undefined) chars = chars.slice(0, schema.maxLength);
  while (chars.length < (schema.minLength ?? 0)) chars.push('测');
  return chars.join('');
}

/** A plausible value of `schema`: what a form would send, with awkward (but legal) text. */
function plausible(raw: Schema | undefined, depth = 0): unknown {
  const s = resolve(raw);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum.find((v) => v !== null) ?? s.enum[0];
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 6) return out;
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = plausible(v, depth + 1);
      return out;
    }
    case 'array':
      return depth > 6 ? [] : Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => plausible(s.items, depth + 1));
    case 'integer':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1, 1));
    case 'number':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1.5, 1.5));
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'email') return 'fuzz@example.cn';
      if (s.format === 'uri' || s.format === 'url') return 'https://example.cn/fuzz';
      if (s.format === 'date-time') return '2026-03-12T02:00:00Z';
      if (s.format === 'date') return '2026-03-12';
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.pattern) return patterned(s.pattern);
      return fitLength(AWKWARD, s);
    default:
      return fitLength(AWKWARD, s);
  }
}

/** The value of a leaf under a variant; `undefined` keeps the plausible value. */
function mutateLeaf(s: Schema, value: unknown, v: Variant): unknown {
  const t = typeOf(s);
  switch (v) {
    case 'nul':
      return typeof value === 'string' ? `a\u0000b` : undefined;
    case 'controls':
      // A bell, an escape sequence, a right-to-left override and an unpaired surrogate.
      return typeof value === 'string' ? `a\u0007\u001b[31m\u202e\ud800b` : undefined;
    case 'dates':
      if (typeof value !== 'string') return undefined;
      if (s.format === 'date-time') return '2026-02-30T25:61:00Z';
      if (s.pattern && DATE_PATTERN.test(s.pattern)) return /T/.test(s.pattern) ? '2026-02-30T24:60' : '2026-02-30';
      if (s.pattern?.includes(':')) return '24:60';
      return undefined;
    case 'huge':
      return typeof value === 'string' ? 'x'.repeat(Math.min((s.maxLength ?? 100_000) + 1, 110_000)) : undefined;
    case 'types':
      if (t === 'string') return 12345;
      if (t === 'integer' || t === 'number') return 'NaN';
      if (t === 'boolean') return 'yes';
      if (t === 'array') return { 0: 'a' };
      if (t === 'object') return ['a'];
      return undefined;
    default:
      return undefined;
  }
}

/** Walks a plausible value with its schema and applies the variant to every leaf. */
function mutate(raw: Schema | undefined, value: unknown, v: Variant, depth = 0): unknown {
  if (v === 'plausible') return value;
  const s = resolve(raw);
  const t = typeOf(s);
  if (t === 'object' && value && typeof value === 'object' && !Array.isArray(value) && depth <= 6) {
    if (v === 'types' && depth === 0) return value; // the root keeps its shape; its fields change type
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = mutate(s.properties?.[k], x, v, depth + 1);
    return v === 'types' ? (mutateLeaf(s, value, v) ?? out) : out;
  }
  if (t === 'array' && Array.isArray(value) && depth <= 6) {
    const inner = value.map((x) => mutate(s.items, x, v, depth + 1));
    return v === 'types' ? mutateLeaf(s, value, v) : inner;
  }
  const m = mutateLeaf(s, value, v);
  return m === undefined ? value : m;
}

// ----- building requests ----------------------------------------------------------------------------------------

const snake = (s: string) =>
  s
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();

/** A real id for a path parameter: the table named by the segment before it, or by the parameter's name. */
function realId(path: string, name: string): string {
  const segs = path.split('/');
  const i = segs.indexOf(`{${name}}`);
  const before = snake(segs[i - 1] ?? '');
  const fromName = snake(name.replace(/Id$/, ''));
  for (const t of [before, `${before}s`, `${fromName}s`, fromName]) {
    const ids = idsByTable.get(t);
    if (ids?.[0]) return ids[0];
  }
  if (name === 'point' || name === 'v') return '3';
  return 'fuzz-missing-id';
}

function buildUrl(r: Route, v: Variant): string {
  const params = r.op.parameters ?? [];
  let path = r.path;
  for (const p of params.filter((x) => x.in === 'path')) {
    let value = realId(r.path, p.name);
    if (v === 'nul') value = `${value}\u0000`;
    else if (v === 'controls') value = `${value}\u0007`;
    path = path.replace(`{${p.name}}`, encodeURIComponent(value));
  }
  const qs = new URLSearchParams();
  for (const p of params.filter((x) => x.in === 'query')) {
    const base = plausible(p.schema);
    let value = mutate(p.schema, base, v);
    if (v === 'huge' && typeof base !== 'string') value = 'x'.repeat(3000);
    if (v === 'plausible' && !p.required) continue; // defaults
    qs.append(p.name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const q = qs.toString();
  return q ? `${path}?${q}` : path;
}

function jsonBody(r: Route, v: Variant): string | undefined {
  const schema = r.op.requestBody?.content?.['application/json']?.schema;
  if (!schema) {
    if (r.method === 'get') return undefined;
    // Routes without a body still must not choke on one.
    return REFUSED.has(v) || v === 'types' ? JSON.stringify({ note: mutateLeaf({}, 'x', v) ?? 'x' }) : undefined;
  }
  return JSON.stringify(mutate(schema, plausible(schema), v));
}

// ----- checking answers -----------------------------------------------------------------------------------------

interface Finding {
  who: string;
  request: string;
  variant: string;
  status: number;
  what: string;
}
const findings: Finding[] = [];
/** Findings as one line each (at most 60, then a count), so a failure reads as a list, not a wall of objects. */
function report(list: Finding[]): string[] {
  const lines = list.map((f) => `${f.status} ${f.who} ${f.request} [${f.variant}] ${f.what}`.slice(0, 300));
  return lines.length > 60 ? [...lines.slice(0, 60), `… and ${lines.length - 60} more`] : lines;
}
let sent = 0;
const byVariant = new Map<string, number>();
const statusCounts = new Map<number, number>();

function check(who: string, request: string, variant: string, res: LightMyRequestResponse, mustFail = false) {
  sent++;
  statusCounts.set(res.statusCode, (statusCounts.get(res.statusCode) ?? 0) + 1);
  const add = (what: string) =>
    findings.push({ who, request: request.slice(0, 160), variant, status: res.statusCode, what });
  if (res.statusCode >= 500) {
    add(`5xx: ${res.body.slice(0, 200)}`);
    return;
  }
  if (res.statusCode >= 400) {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json')) return add(`not problem+json: ${type}`);
    const body = res.json<{ code?: unknown; title?: unknown; status?: unknown }>();
    if (typeof body.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(body.code)) return add('no stable code');
    if (body.status !== res.statusCode) return add('status member differs');
    if (typeof body.title !== 'string' || !/[\u4e00-\u9fff]/.test(body.title)) return add('title not Chinese');
    return;
  }
  if (mustFail) add('accepted text the rule refuses');
}

/** True when the request holds text the rule refuses (JSON escapes it; the URL %-encodes it). */
const carriesRefusedText = (url: string, body: string | undefined) =>
  /%00|%07/i.test(url) || /\\u0000|\\u0007|\\ud800/i.test(body ?? '');

async function send(c: Client, method: string, url: string, payload: string | Buffer | undefined, type?: string) {
  return c.request({
    method: method.toUpperCase(),
    url,
    ...(payload === undefined ? {} : { payload, headers: { 'content-type': type ?? 'application/json' } }),
  });
}

// ----- multipart ----------------------------------------------------------------------------------------------

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
function multipart(boundary: string, fileName: string, field: string): Buffer {
  const head = (name: string, extra = '') =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`;
  return Buffer.concat([
    Buffer.from(`${head('title')}\r\n${field}\r\n`),
    Buffer.from(`${head('file', `; filename="${fileName}"`)}Content-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n${head('businessPlan', `; filename="${fileName}"`)}Content-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}
const MULTIPART_CASES: { name: string; type: string; body: Buffer; mustFail?: boolean }[] = [
  { name: 'no boundary', type: 'multipart/form-data', body: multipart('b0', 'a.pdf', 'x') },
  { name: 'wrong boundary', type: 'multipart/form-data; boundary=other', body: multipart('b1', 'a.pdf', 'x') },
  {
    name: 'truncated',
    type: 'multipart/form-data; boundary=b2',
    body: multipart('b2', 'a.pdf', 'x').subarray(0, 120),
  },
  { name: 'boundary too long', type: `multipart/form-data; boundary=${'b'.repeat(300)}`, body: Buffer.from('--x') },
  {
    name: 'NUL in field and file name',
    type: 'multipart/form-data; boundary=b3',
    body: multipart('b3', 'a\u0000\u202e.pdf', 'x\u0000y'),
  },
];

// ----- the tests ------------------------------------------------------------------------------------------------

describe(`fuzzing every route of the OpenAPI document (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('covers the API', () => {
    expect(routes.length).toBeGreaterThan(250);
    expect([...idsByTable.values()].filter((x) => x.length > 0).length).toBeGreaterThan(20);
  });

  it('answers hostile JSON, query and path input without a 5xx, as problem+json, never accepting refused text', async () => {
    const t0 = performance.now();
    for (const r of routes) {
      for (const { name, client } of identities) {
        // Signing out would end the identity's session for the rest of the run.
        if (name !== 'anonymous' && /\/auth\/(logout|switch-organisation)$/.test(r.path)) continue;
        const seen = new Set<string>();
        for (const v of VARIANTS) {
          const url = buildUrl(r, v);
          const body = jsonBody(r, v);
          // A variant that changes nothing on this route (no field of its kind) would repeat a request.
          if (seen.has(`${url} ${body}`)) continue;
          seen.add(`${url} ${body}`);
          const res = await send(client, r.method, url, body);
          byVariant.set(`${v} ${res.statusCode}`, (byVariant.get(`${v} ${res.statusCode}`) ?? 0) + 1);
          check(name, `${r.method.toUpperCase()} ${url}`, v, res, REFUSED.has(v) && carriesRefusedText(url, body));
        }
      }
    }
    console.log(
      `fuzz: ${sent} requests in ${Math.round(performance.now() - t0)} ms;`,
      [...statusCounts]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}×${n}`)
        .join(' '),
    );
    console.log([...byVariant].sort().join(' | '));
    expect(report(findings)).toEqual([]);
  }, 300_000);

  it('answers bad path parameters (too long, malformed %-encoding, NUL) without a 5xx, as problem+json', async () => {
    const before = findings.length;
    const anon = new Client(env.app);
    for (const r of routes.filter((x) => x.path.includes('{'))) {
      for (const [name, value] of [
        ['too long', 'x'.repeat(3000)],
        ['bad encoding', '%zz'],
        ['NUL', '%00'],
        ['dot segments', '..%2F..%2Fetc'],
      ] as const) {
        const url = r.path.replace(/\{\w+\}/g, value);
        check(
          'anonymous',
          `${r.method.toUpperCase()} ${url}`,
          `path: ${name}`,
          await send(anon, r.method, url, undefined),
        );
      }
    }
    expect(report(findings.slice(before))).toEqual([]);
  });

  it('answers broken multipart bodies on every write route without a 5xx', async () => {
    const before = findings.length;
    for (const r of routes.filter((x) => x.method !== 'get')) {
      const upload = /multipart/i.test(r.op.summary ?? '');
      for (const { name, client } of identities) {
        if (name !== 'anonymous' && /\/auth\/(logout|switch-organisation)$/.test(r.path)) continue;
        // Every write route gets one broken body; the upload routes get them all.
        for (const m of upload ? MULTIPART_CASES : MULTIPART_CASES.slice(1, 2)) {
          const url = buildUrl(r, 'plausible');
          const res = await send(client, r.method, url, m.body, m.type);
          check(name, `${r.method.toUpperCase()} ${url}`, `multipart: ${m.name}`, res);
        }
      }
    }
    expect(report(findings.slice(before))).toEqual([]);
  });

  it('refuses a NUL byte with the same 400 invalid_text wherever it gets past sign-in', async () => {
    // Public routes and the sign-in route: the cases PostgreSQL used to answer with 500.
    const anon = new Client(env.app);
    const cases = [
      await send(anon, 'post', '/api/auth/login', JSON.stringify({ identifier: 'a\u0000b', password: 'x' })),
      await send(anon, 'get', '/api/demands?q=%00', undefined),
      await send(anon, 'get', '/api/search?q=a%00b', undefined),
      await send(anon, 'get', '/api/docking-sessions?from=2026-02-30', undefined),
    ];
    expect(cases.map((c) => [c.statusCode, c.json<{ code: string }>().code])).toEqual([
      [400, 'invalid_text'],
      [400, 'invalid_text'],
      [400, 'invalid_text'],
      [400, 'validation_failed'],
    ]);
  });
});
