/**
 * Issue 12 §1: invitations to a theme day. The host's staff invite by e-mail (read from a real in-process SMTP
 * server) or mobile, singly or from an .xlsx upload (all or nothing, errors per row and column); a re-invite is
 * the same invitation, also under parallel requests; the link shows the theme day, a signed-in person accepts
 * it (twice is harmless, audited with who accepted); revoked, expired and unknown links are refused with their
 * own codes; everyone who is not staff gets 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SMTPServer } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { Client, auditRows, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { toXlsx } from '../../lib/xlsx.ts';
import { codeSendsSettled } from '../accounts/delivery.ts';
import { clientFor, eventWorld, person } from '../events/testkit.ts';

let env: TestEnv;
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
let seq = 0;
const newEmail = () => `guest${++seq}-${Date.now()}@example.cn`;

beforeAll(async () => {
  let port: number;
  ({ server: smtp, port } = await startSmtpSink(mails));
  env = await createTestEnv({ env: { RT_SMTP_URL: `smtp://127.0.0.1:${port}` } });
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

async function mailsTo(to: string): Promise<ParsedMail[]> {
  await codeSendsSettled();
  for (let i = 0; i < 50 && !mails.some((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(to)); i++)
    await new Promise((r) => setTimeout(r, 20));
  return mails.filter((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(to));
}
async function tokenMailedTo(to: string): Promise<string> {
  const m = (await mailsTo(to)).at(-1);
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(m?.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation mailed to ${to}`);
  return token;
}

function form(file: { name: string; data: Buffer; type?: string }) {
  const boundary = `----rt${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, url: string, file: { name: string; data: Buffer; type?: string }) =>
  c.request({ method: 'POST', url, ...form(file) });
const sheet = (rows: string[][]) => toXlsx('邀请名单', ['手机号或邮箱', '姓名'], rows);

const invitationsOf = (themeDayId: string) =>
  env.database.db.selectFrom('invitations').selectAll().where('theme_day_id', '=', themeDayId).execute();

describe(`invitations (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('the host invites by e-mail: a Chinese HTML+text mail with the link; only the token hash is stored; audited', async () => {
    const w = await eventWorld(env);
    const email = newEmail();
    const r = await w.host.client.post(`/api/theme-days/${w.themeDay.id}/invitations`, {
      identifier: email.toUpperCase(),
      name: '张三',
    });
    expect(r.statusCode, r.body).toBe(201);
    const inv = r.json<{ invitation: { id: string; status: string; address: string }; created: boolean }>();
    expect(inv.created).toBe(true);
    expect(inv.invitation).toMatchObject({ status: 'pending', address: email });
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toMatch(/^【融通创新主题日】邀请您参加.+融通创新主题日$/);
    expect(mail!.html).toContain('/invite/');
    const token = await tokenMailedTo(email);
    const [row] = await invitationsOf(w.themeDay.id);
    expect(row!.token_hash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.delivery_status).toBe('sent');
    expect((await auditRows(env, 'invitation', inv.invitation.id)).map((a) => a.action)).toEqual(['invite']);
    // The support organisation the plan names is staff too.
    const s = await w.support.client.post(`/api/theme-days/${w.themeDay.id}/invitations`, {
      identifier: '13800138001',
    });
    expect(s.statusCode, s.body).toBe(201);
  });

  it('re-inviting the same address is the same invitation (nothing new sent); parallel re-invites make one', async () => {
    const w = await eventWorld(env);
    const email = newEmail();
    const url = `/api/theme-days/${w.themeDay.id}/invitations`;
    expect((await w.host.client.post(url, { identifier: email })).statusCode).toBe(201);
    const again = await w.host.client.post(url, { identifier: ` ${email.toUpperCase()} ` });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ created: boolean }>().created).toBe(false);
    expect(await mailsTo(email)).toHaveLength(1);

    const other = newEmail();
    const rs = await Promise.all(Array.from({ length: 8 }, () => w.host.client.post(url, { identifier: other })));
    expect(rs.map((x) => x.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const rows = (await invitationsOf(w.themeDay.id)).filter((x) => x.address === other);
    expect(rows).toHaveLength(1);
    expect(new Set(rs.map((x) => x.json<{ invitation: { id: string } }>().invitation.id))).toEqual(
      new Set([rows[0]!.id]),
    );
    expect(await mailsTo(other)).toHaveLength(1);
  });

  it('refuses everyone who is not staff with 404 (a member, a host of another base, NDRC); anonymous 401', async () => {
    const w = await eventWorld(env);
    const other = await eventWorld(env);
    const member = await person(env, 'member');
    const ndrc = await person(env, 'programme_owner', undefined, { departmentCode: 'NDRC' });
    const url = `/api/theme-days/${w.themeDay.id}/invitations`;
    for (const c of [member.client, other.host.client, ndrc.client]) {
      expect(problem(await c.post(url, { identifier: newEmail() })).status).toBe(404);
      expect((await c.get(url)).statusCode).toBe(404);
      expect((await c.get(`${url}/template.xlsx`)).statusCode).toBe(404);
      expect(
        (await upload(c, `${url}/import`, { name: 'a.xlsx', data: await sheet([[newEmail(), '']]) })).statusCode,
      ).toBe(404);
    }
    expect((await new Client(env.app).post(url, { identifier: newEmail() })).statusCode).toBe(401);
    expect((await w.host.client.post('/api/theme-days/nope/invitations', { identifier: newEmail() })).statusCode).toBe(
      404,
    );
    // A draft programme's theme day does not exist for its host either.
    const draft = await eventWorld(env, { programmeStatus: 'draft' });
    expect(
      (await draft.host.client.post(`/api/theme-days/${draft.themeDay.id}/invitations`, { identifier: newEmail() }))
        .statusCode,
    ).toBe(404);
    expect(await invitationsOf(w.themeDay.id)).toHaveLength(0);
  });

  it('refuses an address that is neither a mobile number nor an e-mail, on the field', async () => {
    const w = await eventWorld(env);
    const p = problem(
      await w.host.client.post(`/api/theme-days/${w.themeDay.id}/invitations`, { identifier: '12345' }),
    );
    expect(p.status).toBe(400);
    expect(p.errors?.[0]?.field).toBe('identifier');
  });

  it('lists with status for staff; revoking kills the link (410); a revoked one cannot be revoked again (409)', async () => {
    const w = await eventWorld(env);
    const email = newEmail();
    const id = (await w.host.client.post(`/api/theme-days/${w.themeDay.id}/invitations`, { identifier: email })).json<{
      invitation: { id: string };
    }>().invitation.id;
    const token = await tokenMailedTo(email);
    const list = await w.host.client.get(`/api/theme-days/${w.themeDay.id}/invitations`);
    expect(list.json<{ items: { id: string; status: string; abilities: { revoke: boolean } }[] }>().items).toEqual([
      expect.objectContaining({ id, status: 'pending', abilities: { revoke: true } }),
    ]);
    const stranger = await person(env, 'member');
    expect((await stranger.client.post(`/api/invitations/${id}/revoke`)).statusCode).toBe(404);
    const rv = await w.host.client.post(`/api/invitations/${id}/revoke`);
    expect(rv.statusCode, rv.body).toBe(200);
    expect(rv.json()).toMatchObject({ status: 'revoked', abilities: { revoke: false } });
    expect(problem(await w.host.client.post(`/api/invitations/${id}/revoke`)).status).toBe(409);
    expect((await new Client(env.app).post('/api/invitations/lookup', { token })).json()).toMatchObject({
      status: 'revoked',
    });
    const guest = await person(env, 'member');
    const a = problem(await guest.client.post('/api/invitations/accept', { token }));
    expect(a).toMatchObject({ status: 410, code: 'invitation_revoked' });
    expect((await auditRows(env, 'invitation', id)).map((x) => x.action)).toEqual(['invite', 'revoke']);
  });

  it('the link shows the theme day to anyone; accepting needs sign-in, records who, and twice is harmless', async () => {
    const w = await eventWorld(env);
    const email = newEmail();
    await w.host.client.post(`/api/theme-days/${w.themeDay.id}/invitations`, { identifier: email });
    const token = await tokenMailedTo(email);
    const anon = new Client(env.app);
    const look = await anon.post('/api/invitations/lookup', { token });
    expect(look.statusCode, look.body).toBe(200);
    expect(look.json()).toMatchObject({
      status: 'pending',
      themeDay: { id: w.themeDay.id, startDate: '2020-09-15' },
      channel: 'email',
      acceptedByMe: false,
    });
    expect(look.json<{ sentTo: string }>().sentTo).toMatch(/^g\*\*\*@example\.cn$/);
    expect((await anon.post('/api/invitations/accept', { token })).statusCode).toBe(401);

    const guest = await person(env, 'member');
    const first = await guest.client.post('/api/invitations/accept', { token });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ themeDayId: w.themeDay.id, alreadyAccepted: false });
    const second = await guest.client.post('/api/invitations/accept', { token });
    expect(second.json()).toEqual({ themeDayId: w.themeDay.id, alreadyAccepted: true });
    expect((await guest.client.post('/api/invitations/lookup', { token })).json()).toMatchObject({
      status: 'accepted',
      acceptedByMe: true,
    });
    const [row] = await invitationsOf(w.themeDay.id);
    expect(row).toMatchObject({ status: 'accepted', accepted_by: guest.user.id });
    const trail = await auditRows(env, 'invitation', row!.id);
    expect(trail.map((x) => [x.action, x.actor_user_id])).toEqual([
      ['invite', w.host.user.id],
      ['accept', guest.user.id],
    ]);
    // The link is personal: another account cannot accept it after.
    const other = await person(env, 'member');
    expect(problem(await other.client.post('/api/invitations/accept', { token }))).toMatchObject({
      status: 409,
      code: 'invitation_used',
    });
    // Accepted invitations cannot be revoked.
    expect((await w.host.client.post(`/api/invitations/${row!.id}/revoke`)).statusCode).toBe(409);
  });

  it('parallel accepts by the same person: both succeed, one accept is recorded', async () => {
    const w = await eventWorld(env);
    const email = newEmail();
    await w.host.client.post(`/api/theme-days/${w.themeDay.id}/invitations`, { identifier: email });
    const token = await tokenMailedTo(email);
    const guest = await person(env, 'member');
    const rs = await Promise.all(
      Array.from({ length: 5 }, () => guest.client.post('/api/invitations/accept', { token })),
    );
    expect(rs.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(rs.filter((r) => !r.json<{ alreadyAccepted: boolean }>().alreadyAccepted)).toHaveLength(1);
    const [row] = await invitationsOf(w.themeDay.id);
    expect((await auditRows(env, 'invitation', row!.id)).filter((a) => a.action === 'accept')).toHaveLength(1);
  });

  it('an unknown token is 404 invitation_not_found, on the page and on accepting', async () => {
    const guest = await person(env, 'member');
    const bogus = 'x'.repeat(43);
    expect(problem(await new Client(env.app).post('/api/invitations/lookup', { token: bogus }))).toMatchObject({
      status: 404,
      code: 'invitation_not_found',
    });
    expect(problem(await guest.client.post('/api/invitations/accept', { token: bogus })).code).toBe(
      'invitation_not_found',
    );
  });

  it('after 14 days the link is expired (410); the address may then be invited again', async () => {
    const w = await eventWorld(env);
    const email = newEmail();
    const url = `/api/theme-days/${w.themeDay.id}/invitations`;
    await w.host.client.post(url, { identifier: email });
    const token = await tokenMailedTo(email);
    const start = env.clock.now();
    try {
      env.clock.advance(14 * 86_400_000 + 1000);
      expect((await new Client(env.app).post('/api/invitations/lookup', { token })).json()).toMatchObject({
        status: 'expired',
      });
      const guest = await person(env, 'member');
      expect(problem(await guest.client.post('/api/invitations/accept', { token }))).toMatchObject({
        status: 410,
        code: 'invitation_expired',
      });
      // Sessions last 12 hours: the host signs in again.
      const host = await clientFor(env, w.host.user.id);
      const [old] = await invitationsOf(w.themeDay.id);
      expect((await host.post(`/api/invitations/${old!.id}/revoke`)).statusCode).toBe(409);
      const again = await host.post(url, { identifier: email });
      expect(again.statusCode).toBe(201);
      const rows = await invitationsOf(w.themeDay.id);
      expect(rows.map((r) => r.status).sort()).toEqual(['expired', 'pending']);
    } finally {
      env.clock.set(start);
    }
  });

  it('refuses to invite once the theme day is over (409)', async () => {
    const w = await eventWorld(env);
    const start = env.clock.now();
    try {
      env.clock.set('2020-09-17T01:00:00Z');
      const host = await clientFor(env, w.host.user.id);
      const p = problem(await host.post(`/api/theme-days/${w.themeDay.id}/invitations`, { identifier: newEmail() }));
      expect(p).toMatchObject({ status: 409, code: 'invalid_state' });
    } finally {
      env.clock.set(start);
    }
  });
});

describe(`inviting from an .xlsx upload (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('downloads the template; one wrong row invites no one, with the row number and column of each error', async () => {
    const w = await eventWorld(env);
    const base = `/api/theme-days/${w.themeDay.id}/invitations`;
    const t = await w.host.client.get(`${base}/template.xlsx`);
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-type']).toContain('spreadsheetml');
    const a = newEmail();
    const r = await upload(w.host.client, `${base}/import`, {
      name: '名单.xlsx',
      data: await sheet([
        [a, '张三'],
        ['not-an-address', '李四'],
        [a.toUpperCase(), '张三'],
        ['', '王五'],
      ]),
    });
    const p = problem(r);
    expect(p).toMatchObject({ status: 422, code: 'import_rows_invalid' });
    expect(p.errors!.map((e) => e.field)).toEqual(['row3.手机号或邮箱', 'row4.手机号或邮箱', 'row5.手机号或邮箱']);
    expect(p.errors![1]!.message).toBe('第4行「手机号或邮箱」：与第2行重复');
    expect(await invitationsOf(w.themeDay.id)).toHaveLength(0);
    await codeSendsSettled();
    expect(await mailsTo(a)).toHaveLength(0);
  });

  it('a valid file invites everyone new and skips those already invited', async () => {
    const w = await eventWorld(env);
    const base = `/api/theme-days/${w.themeDay.id}/invitations`;
    const [a, b] = [newEmail(), newEmail()];
    await w.host.client.post(base, { identifier: a });
    const r = await upload(w.host.client, `${base}/import`, {
      name: '名单.xlsx',
      data: await sheet([
        [a, '张三'],
        [b, '李四'],
        ['+86 139-0013-9000', '王五'],
      ]),
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ created: 2, existing: 1 });
    const rows = await invitationsOf(w.themeDay.id);
    expect(rows.map((x) => x.address).sort()).toEqual([a, b, '13900139000'].sort());
    expect(await mailsTo(b)).toHaveLength(1);
    expect(await mailsTo(a)).toHaveLength(1);
  });

  it('refuses a file that is not .xlsx (415), an empty upload (400) and one over 2 MB (413)', async () => {
    const w = await eventWorld(env);
    const url = `/api/theme-days/${w.themeDay.id}/invitations/import`;
    expect(
      problem(await upload(w.host.client, url, { name: 'a.csv', data: Buffer.from('a@b.cn,张三\n'), type: 'text/csv' }))
        .status,
    ).toBe(415);
    expect(problem(await upload(w.host.client, url, { name: 'a.xlsx', data: Buffer.alloc(0) })).status).toBe(400);
    expect(
      problem(await upload(w.host.client, url, { name: 'a.xlsx', data: Buffer.from('not a zip at all') })).code,
    ).toBe('import_file_invalid');
    expect(
      problem(await upload(w.host.client, url, { name: 'a.xlsx', data: Buffer.alloc(2 * 1024 * 1024 + 10, 1) })).status,
    ).toBe(413);
  });
});
