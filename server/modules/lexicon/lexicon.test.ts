import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, createTestEnv, problem, testDialect, type TestEnv } from '../../test/harness.ts';
import { person, type Person } from '../events/testkit.ts';
import { newId } from '../../lib/ids.ts';

// The search lexicon's administration (issue 14) through /api/search/lexicon, and its effect on
// GET /api/search in this process (at once) and from another app server (on the version).
let env: TestEnv;
let owner: Person;
let admin: Person;
let member: Person;
const ids: Record<string, string> = {};

interface View {
  id: string | null;
  kind: string;
  term: string;
  terms: string[];
  builtIn: boolean;
  createdByName: string | null;
}

async function resource(p: Person, key: string, title: string, description: string): Promise<void> {
  const r = await p.client.post('/api/resources', { type: 'lab', title, description, priceModel: 'free' });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<{ id: string }>().id;
  expect((await p.client.post(`/api/resources/${id}/publish`)).statusCode).toBe(200);
  env.clock.advance(60_000);
  ids[key] = id;
}

const found = async (text: string): Promise<string[]> => {
  const r = await env.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(text)}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ items: { id: string }[] }>().items.map((i) => i.id);
};

const add = (p: Person, body: object) => p.client.post('/api/search/lexicon', body);

beforeAll(async () => {
  env = await createTestEnv({ env: { SEARCH_REFRESH_SECONDS: '0' } });
  owner = await person(env, 'programme_owner');
  admin = await person(env, 'system_admin');
  member = await person(env, 'member', undefined, {
    name: '北京智检技术有限公司',
    sizeClass: 'large',
    regionCode: '110108',
  });
  await resource(member, 'fabric', '基于人工智能的纺织面料瑕疵检测', '采用深度学习识别断经、破洞等瑕疵。');
  await resource(member, 'ndt', '焊缝无损检测服务', '提供超声、射线等无损检测，出具第三方检测报告。');
  await env.app.searchIndex.refresh();
});
afterAll(async () => {
  await env?.close();
});

describe(`search lexicon administration (${testDialect()})`, () => {
  it('is for NDRC and the system administrator only', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/search/lexicon' })).statusCode).toBe(401);
    expect(problem(await member.client.get('/api/search/lexicon')).code).toBe('forbidden');
    const refused = await add(member, { kind: 'synonym', term: '布匹', terms: ['面料'] });
    expect(problem(refused)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(problem(await member.client.delete(`/api/search/lexicon/${newId()}`)).status).toBe(403);
    const host = await person(env, 'base_admin');
    expect((await host.client.get('/api/search/lexicon')).statusCode).toBe(403);
    expect((await admin.client.get('/api/search/lexicon')).statusCode).toBe(200);
    const rows = await env.database.db.selectFrom('search_lexicon_entries').selectAll().execute();
    expect(rows).toHaveLength(0);
  });

  it('lists the built-in entries read-only', async () => {
    const r = await owner.client.get('/api/search/lexicon');
    expect(r.statusCode).toBe(200);
    const body = r.json<{ version: string; added: View[]; builtIn: View[] }>();
    expect(body.version).toMatch(/^\d{4}\./);
    expect(body.added).toEqual([]);
    expect(body.builtIn.length).toBeGreaterThan(100);
    expect(body.builtIn.every((e) => e.builtIn && e.id === null && e.terms.length > 0)).toBe(true);
    expect(body.builtIn).toContainEqual(
      expect.objectContaining({ kind: 'synonym', term: '无损检测', terms: ['ndt', '无损探伤', '探伤'] }),
    );
  });

  it('refuses each malformed entry with a stable code and the field at fault', async () => {
    const cases: [object, string, string][] = [
      [{ kind: 'synonym', term: '  ', terms: ['面料'] }, 'term', 'lexicon_term_empty'],
      [{ kind: 'synonym', term: '布匹', terms: [''] }, 'terms.0', 'lexicon_term_empty'],
      [{ kind: 'synonym', term: '布 匹', terms: ['面料'] }, 'term', 'lexicon_term_invalid'],
      [{ kind: 'synonym', term: '布匹', terms: ['面料！'] }, 'terms.0', 'lexicon_term_invalid'],
      [{ kind: 'synonym', term: '布'.repeat(21), terms: ['面料'] }, 'term', 'lexicon_term_too_long'],
      [{ kind: 'narrower', term: '布匹', terms: ['布'] }, 'terms.0', 'lexicon_term_too_short'],
      [{ kind: 'synonym', term: '布匹', terms: [] }, 'terms', 'lexicon_terms_missing'],
      [
        { kind: 'synonym', term: '布匹', terms: Array.from({ length: 11 }, (_, i) => `面料${i}`) },
        'terms',
        'lexicon_too_many_terms',
      ],
      // normalised before comparing: full-width and upper case are the same term
      [{ kind: 'synonym', term: 'ＡＢＣ', terms: ['abc'] }, 'terms.0', 'lexicon_same_term'],
      [{ kind: 'narrower', term: '布匹', terms: ['面料', '面料'] }, 'terms.1', 'lexicon_term_repeated'],
    ];
    for (const [body, field, code] of cases) {
      const res = await add(owner, body);
      const p = problem(res);
      expect(p.status, JSON.stringify(body)).toBe(400);
      expect(p.code).toBe('validation_failed');
      expect(p.errors, JSON.stringify(body)).toContainEqual({
        field,
        code,
        message: expect.stringMatching(/[\u4e00-\u9fff]/),
      });
      expect(p.detail).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(problem(await add(owner, { kind: 'related', term: '布匹', terms: ['面料'] })).code).toBe(
      'validation_failed',
    );
    // the same group as a built-in one, in another order and case
    const builtIn = await add(owner, { kind: 'synonym', term: '探伤', terms: ['NDT', '无损检测', '无损探伤'] });
    expect(problem(builtIn)).toMatchObject({ status: 409, code: 'lexicon_entry_duplicate' });
    expect(await env.database.db.selectFrom('search_lexicon_entries').selectAll().execute()).toHaveLength(0);
  });

  it('an added synonym expands GET /api/search at once; a duplicate is refused; deleting reverts it', async () => {
    expect(await found('布匹')).toEqual([]);
    const res = await add(owner, { kind: 'synonym', term: '布匹', terms: ['面料'] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<View>();
    expect(created).toMatchObject({ kind: 'synonym', term: '布匹', terms: ['面料'], builtIn: false });
    expect(created.createdByName).toBe(owner.user.name);
    expect(await found('布匹')).toEqual([ids.fabric]);

    const again = await add(admin, { kind: 'synonym', term: '面料', terms: ['布匹'] });
    expect(problem(again)).toMatchObject({ status: 409, code: 'lexicon_entry_duplicate' });
    expect(problem(again).errors?.[0]?.field).toBe('term');

    const list = (await admin.client.get('/api/search/lexicon')).json<{ added: View[] }>();
    expect(list.added.map((e) => e.id)).toEqual([created.id]);
    expect(await auditActions(env, 'search_lexicon_entry', created.id!)).toEqual(['create']);

    const del = await admin.client.delete(`/api/search/lexicon/${created.id}`);
    expect(del.statusCode).toBe(204);
    expect(await found('布匹')).toEqual([]);
    expect(await auditActions(env, 'search_lexicon_entry', created.id!)).toEqual(['create', 'delete']);
    expect(problem(await admin.client.delete(`/api/search/lexicon/${created.id}`))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('a broader → narrower entry finds the narrower items, not the other way round', async () => {
    expect(await found('体检')).toEqual([]);
    const res = await add(admin, { kind: 'narrower', term: '体检', terms: ['无损检测'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(await found('体检')).toEqual([ids.ndt]);
    const id = res.json<View>().id!;
    expect((await owner.client.delete(`/api/search/lexicon/${id}`)).statusCode).toBe(204);
    expect(await found('体检')).toEqual([]);
  });

  it('creates once with one Idempotency-Key (the retry is replayed)', async () => {
    const body = { kind: 'synonym', term: '织物', terms: ['纺织面料'] };
    const send = () =>
      owner.client.request({
        method: 'POST',
        url: '/api/search/lexicon',
        payload: body,
        headers: { 'idempotency-key': 'lex-1' },
      });
    const [a, b] = await Promise.all([send(), send()]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes[0]).toBe(201);
    expect([201, 409]).toContain(codes[1]);
    const c = await send();
    expect(c.statusCode).toBe(201);
    expect(c.headers['idempotent-replayed']).toBe('true');
    const rows = await env.database.db
      .selectFrom('search_lexicon_entries')
      .selectAll()
      .where('term', '=', '织物')
      .execute();
    expect(rows).toHaveLength(1);
    const id = rows[0]!.id;
    expect((await owner.client.delete(`/api/search/lexicon/${id}`)).statusCode).toBe(204);
  });

  it('follows entries another app server wrote, by the version counter', async () => {
    expect(await found('布匹')).toEqual([]);
    // another server's write: the row and the version bump, nothing in this process
    const db = env.database.db;
    const id = newId();
    await db
      .insertInto('search_lexicon_entries')
      .values({
        id,
        kind: 'synonym',
        term: '布匹',
        terms: JSON.stringify(['面料']),
        signature: 'synonym:布匹,面料',
        created_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    await db
      .updateTable('search_lexicon_state')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .execute();
    await env.app.searchIndex.refresh();
    expect(await found('布匹')).toEqual([ids.fabric]);
    await db.deleteFrom('search_lexicon_entries').where('id', '=', id).execute();
    await db
      .updateTable('search_lexicon_state')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .execute();
    await env.app.searchIndex.refresh();
    expect(await found('布匹')).toEqual([]);
  });
});
