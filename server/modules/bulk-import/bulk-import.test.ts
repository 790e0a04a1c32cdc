/**
 * Issue 12 §1: the administrators' bulk import of organisations and people from .xlsx templates — all or
 * nothing, an error per row and column (bad credit code, duplicates in the file or already registered, unknown
 * organisation, bad role), who may import what, upload checks; imported people have no password and set one
 * with a code on the 找回密码 page (the mail tells them so). And the SMS template of each message kind.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SMTPServer } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { makeUscc } from '../../../common/uscc-make.ts';
import { ORGANISATION_IMPORT_HEADERS, PEOPLE_IMPORT_HEADERS } from '../../../common/contracts/invitations.ts';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { toXlsx } from '../../lib/xlsx.ts';
import {
  codeChannelAvailable,
  codeSendsSettled,
  configureCodeDelivery,
  messageChannelAvailable,
} from '../accounts/delivery.ts';
import { buildTransports } from '../notifications/delivery.ts';
import { aliyunSmsProvider } from '../notifications/sms.ts';
import { person } from '../events/testkit.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';

let env: TestEnv;
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
let n = 0;
const uniq = () => `${++n}${Date.now() % 1e6}`;

beforeAll(async () => {
  let port: number;
  ({ server: smtp, port } = await startSmtpSink(mails));
  env = await createTestEnv({ env: { RT_SMTP_URL: `smtp://127.0.0.1:${port}` } });
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

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
const upload = async (c: Client, what: 'organisations' | 'people', rows: string[][]) =>
  c.request({
    method: 'POST',
    url: `/api/admin/import/${what}`,
    ...form({
      name: `${what}.xlsx`,
      data: await toXlsx('导入', [...(what === 'people' ? PEOPLE_IMPORT_HEADERS : ORGANISATION_IMPORT_HEADERS)], rows),
    }),
  });

const admin = () => person(env, 'system_admin');
const count = async (table: 'organisations' | 'users') =>
  Number(
    (
      await env.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function mailsTo(to: string): Promise<ParsedMail[]> {
  await codeSendsSettled();
  for (let i = 0; i < 50 && !mails.some((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(to)); i++)
    await new Promise((r) => setTimeout(r, 20));
  return mails.filter((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(to));
}

describe(`importing organisations (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('imports every row in one go (system administrator and NDRC); audited', async () => {
    const a = await admin();
    const [u1, u2] = [makeUscc(7_000_000 + n++), makeUscc(7_100_000 + n++)];
    const r = await upload(a.client, 'organisations', [
      [`导入科技${uniq()}有限公司`, u1, '企业', '370200', 'C39', '80', '3000', '5000'],
      [`导入大学${uniq()}`, u2, '高校', '', '', '', '', ''],
    ]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ created: 2 });
    const rows = await env.database.db.selectFrom('organisations').selectAll().where('uscc', 'in', [u1, u2]).execute();
    expect(rows.map((o) => o.kind).sort()).toEqual(['enterprise', 'university']);
    const audits = await env.database.db
      .selectFrom('audit_events')
      .select('action')
      .where(
        'entity_id',
        'in',
        rows.map((o) => o.id),
      )
      .execute();
    expect(audits.map((x) => x.action)).toEqual(['import', 'import']);
    const ndrc = await person(env, 'programme_owner', undefined, { departmentCode: 'NDRC' });
    const r2 = await upload(ndrc.client, 'organisations', [[`发改委导入${uniq()}`, makeUscc(7_200_000 + n++), '企业']]);
    expect(r2.statusCode, r2.body).toBe(201);
  });

  it('one wrong row imports nothing: bad credit code, duplicate in the file, already registered, unknown kind', async () => {
    const a = await admin();
    const existing = await createOrganisation(env.database.db, { kind: 'enterprise' });
    const fresh = makeUscc(7_300_000 + n++);
    const before = await count('organisations');
    const p = problem(
      await upload(a.client, 'organisations', [
        [`正确的企业${uniq()}`, fresh, '企业'],
        [`错码企业${uniq()}`, '91110108MA01ABCD1X', '企业'],
        [`重复企业${uniq()}`, fresh, '企业'],
        [`已登记企业${uniq()}`, existing.uscc, '企业'],
        [`类型错误${uniq()}`, makeUscc(7_400_000 + n++), '公司'],
        [`区划错误${uniq()}`, makeUscc(7_500_000 + n++), '企业', '999999'],
      ]),
    );
    expect(p).toMatchObject({ status: 422, code: 'import_rows_invalid' });
    expect(p.errors!.map((e) => e.field)).toEqual([
      'row3.统一社会信用代码',
      'row4.统一社会信用代码',
      'row5.统一社会信用代码',
      'row6.机构类型',
      'row7.行政区划代码',
    ]);
    expect(p.errors![1]!.message).toBe('第4行「统一社会信用代码」：与第2行重复');
    expect(p.errors![2]!.message).toContain(existing.name);
    expect(await count('organisations')).toBe(before);
  });

  it('refuses anyone but the register keepers (403) and anonymous (401)', async () => {
    const member = await person(env, 'member');
    expect((await upload(member.client, 'organisations', [['某企业', makeUscc(1), '企业']])).statusCode).toBe(403);
    expect((await member.client.get('/api/admin/import/organisations/template.xlsx')).statusCode).toBe(403);
    expect((await upload(new Client(env.app), 'organisations', [['某企业', makeUscc(1), '企业']])).statusCode).toBe(
      401,
    );
  });
});

describe(`importing people (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('creates accounts without a password, with their organisation and role; each is mailed how to set one', async () => {
    const a = await admin();
    const org = await createOrganisation(env.database.db, { kind: 'enterprise' });
    const email = `imported${uniq()}@example.cn`;
    const mobile = `139${String(Date.now() % 1e8).padStart(8, '0')}`;
    const t = await a.client.get('/api/admin/import/people/template.xlsx');
    expect(t.statusCode).toBe(200);
    const r = await upload(a.client, 'people', [
      ['赵导入', email.toUpperCase(), '', org.uscc, '企业/机构成员'],
      ['钱导入', '', mobile, org.uscc.toLowerCase(), ''],
      ['孙无机构', `nobody${uniq()}@example.cn`, '', '', ''],
    ]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toEqual({ created: 3 });
    const u = await env.database.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const ms = await env.database.db.selectFrom('memberships').selectAll().where('user_id', '=', u.id).execute();
    expect(ms.map((m) => [m.organisation_id, m.role])).toEqual([[org.id, 'member']]);
    // No password: signing in fails whatever is typed.
    expect((await new Client(env.app).login(email, 'Rongtong@2020')).statusCode).toBe(401);
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toBe('【融通创新主题日】您的平台账号已开通');
    expect(mail!.text).toContain('/forgot-password');
    // The reset-by-code flow sets the password.
    const c = new Client(env.app, '10.77.0.1');
    expect((await c.post('/api/auth/codes', { identifier: email, purpose: 'password_reset' })).statusCode).toBe(202);
    const code = /验证码为：(\d{6})/.exec((await mailsTo(email)).at(-1)?.text ?? '')?.[1];
    expect(code).toBeTruthy();
    const reset = await c.post('/api/auth/password-reset', { identifier: email, code, newPassword: 'Daoru#2026set' });
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await new Client(env.app).login(email, 'Daoru#2026set')).statusCode).toBe(200);
  });

  it('one wrong row imports nobody: duplicates, already registered, unknown organisation, bad or forbidden role', async () => {
    const a = await admin();
    const org = await createOrganisation(env.database.db, { kind: 'enterprise' });
    const taken = await createUser(env.database.db, {});
    const dup = `dup${uniq()}@example.cn`;
    const before = await count('users');
    const p = problem(
      await upload(a.client, 'people', [
        ['甲', dup, '', org.uscc, '企业/机构成员'],
        ['乙', dup, '', '', ''],
        ['丙', taken.email, '', '', ''],
        ['丁', `d${uniq()}@example.cn`, '', makeUscc(9_999_001), ''],
        ['戊', `e${uniq()}@example.cn`, '', org.uscc, '董事长'],
        ['己', `f${uniq()}@example.cn`, '', org.uscc, '系统管理员'],
        ['庚', `g${uniq()}@example.cn`, '', org.uscc, '地方发展改革委'],
        ['', 'not-an-email', '12345', '', ''],
      ]),
    );
    expect(p).toMatchObject({ status: 422, code: 'import_rows_invalid' });
    expect(p.errors!.map((e) => e.field)).toEqual([
      'row3.邮箱',
      'row4.邮箱',
      'row5.所属机构统一社会信用代码',
      'row6.角色',
      'row7.角色',
      'row8.角色',
      'row9.姓名',
      'row9.邮箱',
      'row9.手机号',
    ]);
    expect(p.errors![0]!.message).toBe('第3行「邮箱」：与第2行重复');
    expect(p.errors![1]!.message).toBe('第4行「邮箱」：已注册，不能重复导入');
    expect(await count('users')).toBe(before);
    await codeSendsSettled();
    expect(await mailsTo(dup)).toHaveLength(0);
  });

  it('is the system administrator’s alone (NDRC 403); uploads must be .xlsx (415) within 2 MB (413)', async () => {
    const ndrc = await person(env, 'programme_owner', undefined, { departmentCode: 'NDRC' });
    expect((await upload(ndrc.client, 'people', [['甲', 'a@b.cn', '', '', '']])).statusCode).toBe(403);
    const a = await admin();
    const send = (file: { name: string; data: Buffer; type?: string }) =>
      a.client.request({ method: 'POST', url: '/api/admin/import/people', ...form(file) });
    expect(problem(await send({ name: 'people.csv', data: Buffer.from('甲,a@b.cn'), type: 'text/csv' })).status).toBe(
      415,
    );
    expect(problem(await send({ name: 'people.xlsx', data: Buffer.alloc(2 * 1024 * 1024 + 1, 1) })).status).toBe(413);
    expect(problem(await send({ name: 'people.xlsx', data: Buffer.from('PK not really') })).code).toBe(
      'import_file_invalid',
    );
    const noRows = await toXlsx('导入', [...PEOPLE_IMPORT_HEADERS], []);
    expect(problem(await send({ name: 'people.xlsx', data: noRows })).code).toBe('import_empty');
  });
});

describe('SMS templates per message kind (Aliyun adapter)', () => {
  let gateway: Server;
  const seen: URLSearchParams[] = [];
  afterAll(() => new Promise((r) => gateway?.close(r)));

  it('sends codes, invitations and account notes with their own template; a kind without one is refused', async () => {
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(new URLSearchParams(body));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Code: 'OK', BizId: `b${seen.length}` }));
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const opts = {
      endpoint: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/`,
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      signName: '融通平台',
      templateCode: 'SMS_NOTIFY',
    };
    const sms = aliyunSmsProvider({ ...opts, templates: { code: 'SMS_CODE', invitation: 'SMS_INVITE' } });
    await sms.send({ phone: '13800138000', params: { title: 't', time: 'x' } });
    await sms.send({ phone: '13800138000', params: { code: '123456', minutes: '10' }, kind: 'code' });
    await sms.send({
      phone: '13800138000',
      params: { title: '主题日', url: 'https://x/invite/abc' },
      kind: 'invitation',
    });
    expect(seen.map((p) => p.get('TemplateCode'))).toEqual(['SMS_NOTIFY', 'SMS_CODE', 'SMS_INVITE']);
    expect(JSON.parse(seen[1]!.get('TemplateParam')!)).toEqual({ code: '123456', minutes: '10' });
    expect(sms.supports?.('code')).toBe(true);
    expect(sms.supports?.('account')).toBe(false);
    await expect(sms.send({ phone: '13800138000', params: {}, kind: 'account' })).rejects.toThrow(/no SMS template/);
    expect(seen).toHaveLength(3);
  });

  it('in production, a kind of SMS without its template is unavailable (codes and invitations then go by e-mail)', () => {
    const opts = {
      endpoint: 'http://127.0.0.1:9/',
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      signName: '融通平台',
      templateCode: 'SMS_NOTIFY',
    };
    try {
      const withCodes = aliyunSmsProvider({ ...opts, templates: { code: 'SMS_CODE' } });
      configureCodeDelivery({ email: null, sms: withCodes, origin: 'https://x' }, () => undefined, true);
      expect(codeChannelAvailable('sms')).toBe(true);
      expect(messageChannelAvailable('sms', 'invitation')).toBe(false);
      expect(messageChannelAvailable('sms', 'account')).toBe(false);
      expect(messageChannelAvailable('email', 'invitation')).toBe(false);
      // Codes never go out under the notification template.
      configureCodeDelivery({ email: null, sms: aliyunSmsProvider(opts), origin: 'https://x' }, () => undefined, true);
      expect(codeChannelAvailable('sms')).toBe(false);
    } finally {
      configureCodeDelivery(
        buildTransports(env.config, () => undefined),
        () => undefined,
        false,
      );
    }
  });
});
