/**
 * Issue 12 §2: e-mail through a real SMTP server in-process (smtp-server; mailparser reads what arrived),
 * SMS through a local HTTP server that speaks Aliyun's SendSms format and checks its signature, the outbox
 * with leases, and the preferences API.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SMTPServer } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { auditRows, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import type { Database } from '../../db/index.ts';
import { secondHandle } from '../reminders/testkit.ts';
import { baseWithAdmin, programmeVia, submittedPlan, userWith } from '../plans/testkit.ts';
import { buildTransports, dispatchDeliveries, type Transports } from './delivery.ts';
import { notifyUsers } from './service.ts';
import { loadConfig } from '../../config.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';

let env: TestEnv;
let smtp: SMTPServer;
let gateway: Server;
let transports: Transports;
const mails: ParsedMail[] = [];
const smsRequests: Record<string, string>[] = [];
let gatewayAnswer: { status: number; body: unknown } = { status: 200, body: { Code: 'OK', BizId: 'biz-1' } };
const SECRET = 'test-secret-key';

/** Independent check of Aliyun's RPC signature (POST&%2F&encode(sorted params), HMAC-SHA1 with `secret&`). */
function expectedSignature(params: Record<string, string>): string {
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${enc(k)}=${enc(params[k]!)}`)
    .join('&');
  return createHmac('sha1', `${SECRET}&`)
    .update(`POST&${enc('/')}&${enc(canonical)}`)
    .digest('base64');
}

beforeAll(async () => {
  let smtpPort: number;
  ({ server: smtp, port: smtpPort } = await startSmtpSink(mails));
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      smsRequests.push({ ...params, _method: req.method ?? '', _type: req.headers['content-type'] ?? '' });
      const ok = params.Signature === expectedSignature(params);
      res.writeHead(ok ? gatewayAnswer.status : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? gatewayAnswer.body : { Code: 'SignatureDoesNotMatch', Message: 'bad signature' }));
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  const gwPort = (gateway.address() as AddressInfo).port;
  env = await createTestEnv({
    env: {
      RT_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      RT_MAIL_FROM: '融通平台 <noreply@rongtong.test>',
      PUBLIC_URL: 'https://rongtong.example.gov.cn',
      RT_SMS_PROVIDER: 'aliyun',
      RT_SMS_ENDPOINT: `http://127.0.0.1:${gwPort}/`,
      RT_SMS_ACCESS_KEY_ID: 'LTAI-test',
      RT_SMS_ACCESS_KEY_SECRET: SECRET,
      RT_SMS_SIGN_NAME: '融通平台',
      RT_SMS_TEMPLATE_CODE: 'SMS_123456',
    },
  });
  transports = buildTransports(env.config, () => undefined);
});
afterAll(async () => {
  transports?.email?.close();
  await env?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise((r) => gateway?.close(r));
});

const db = () => env.database.db;
const dispatch = (database: Pick<Database, 'db' | 'dialect'> = env.database) =>
  dispatchDeliveries(database, transports, env.clock);
const deliveriesOf = (userId: string) =>
  db().selectFrom('notification_deliveries').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

let year = 2020;
/** A base administrator whose plan the owner returns (a 'decision' notification). */
async function returnedPlan(mobile?: string) {
  const owner = await userWith(env, 'programme_owner');
  const programmeId = await programmeVia(owner.client, { year: year++ });
  const admin = await baseWithAdmin(env);
  if (mobile) await db().updateTable('users').set({ mobile }).where('id', '=', admin.user.id).execute();
  const planId = await submittedPlan(admin.client, programmeId);
  const before = async () => {
    const r = await owner.client.post(`/api/plans/${planId}/return`, { reason: '请补充项目对接周期安排' });
    expect(r.statusCode).toBe(200);
  };
  return { owner, admin, planId, returnIt: before };
}

describe('e-mail', () => {
  it('queues a decision for e-mail in the request and sends it after: Chinese subject, text and HTML with the link', async () => {
    const w = await returnedPlan();
    await w.returnIt();
    const queued = await deliveriesOf(w.admin.user.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      channel: 'email',
      recipient: w.admin.user.email,
      kind: 'plan_returned',
      status: 'pending',
      attempts: 0,
    });
    const before = mails.length;
    expect(await dispatch()).toMatchObject({ sent: 1, failed: 0, retried: 0 });
    expect(mails).toHaveLength(before + 1);
    const m = mails.at(-1)!;
    expect(m.subject).toMatch(/^【融通创新主题日】.*退回/);
    expect(m.to && 'text' in m.to ? m.to.text : '').toContain(w.admin.user.email);
    const url = `https://rongtong.example.gov.cn/workspace/plans/${w.planId}`;
    expect(m.text).toContain(`查看详情：${url}`);
    expect(m.text).toContain('请补充项目对接周期安排');
    expect(m.html).toContain(`href="${url}"`);
    expect(m.from?.text).toContain('noreply@rongtong.test');
    const [row] = await deliveriesOf(w.admin.user.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lease_until: null, last_error: null });
    expect(row!.provider_id).toBeTruthy();
    // Nothing left to send.
    expect(await dispatch()).toMatchObject({ sent: 0 });
  });

  it('sends each message once when two app servers dispatch at the same time (lease)', async () => {
    const admins = [];
    for (let i = 0; i < 4; i++) {
      const w = await returnedPlan();
      await w.returnIt();
      admins.push(w.admin.user.id);
    }
    const before = mails.length;
    const second = await secondHandle(env);
    const results = await Promise.all([dispatch(), dispatch(second), dispatch(), dispatch(second)]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(4);
    expect(mails.length - before).toBe(4);
    for (const id of admins) expect((await deliveriesOf(id)).map((d) => d.status)).toEqual(['sent']);
    await second.close();
  });
});

describe('SMS (Aliyun dysmsapi format)', () => {
  it('sends a template with parameters, signed, when the user chose SMS for the category', async () => {
    const w = await returnedPlan('13800138000');
    const put = await w.admin.client.put('/api/me/notification-preferences', {
      items: [{ category: 'decision', email: false, sms: true }],
    });
    expect(put.statusCode).toBe(200);
    await w.returnIt();
    const rows = await deliveriesOf(w.admin.user.id);
    expect(rows.map((r) => [r.channel, r.recipient])).toEqual([['sms', '13800138000']]);
    const before = smsRequests.length;
    gatewayAnswer = { status: 200, body: { Code: 'OK', Message: 'OK', BizId: '9006197469364984^0', RequestId: 'r1' } };
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(smsRequests).toHaveLength(before + 1);
    const req = smsRequests.at(-1)!;
    expect(req).toMatchObject({
      _method: 'POST',
      Action: 'SendSms',
      Version: '2017-05-25',
      Format: 'JSON',
      AccessKeyId: 'LTAI-test',
      PhoneNumbers: '13800138000',
      SignName: '融通平台',
      TemplateCode: 'SMS_123456',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
    });
    expect(req._type).toContain('application/x-www-form-urlencoded');
    expect(req.Timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(req.SignatureNonce).toBeTruthy();
    const params = JSON.parse(req.TemplateParam!) as Record<string, string>;
    expect(params.title).toContain('退回');
    expect(params.title!.length).toBeLessThanOrEqual(35);
    expect(params.time).toMatch(/^2020年/);
    expect((await deliveriesOf(w.admin.user.id))[0]).toMatchObject({
      status: 'sent',
      provider_id: '9006197469364984^0',
    });
  });

  it('keeps a refused message for a retry with the gateway’s code as the error', async () => {
    const w = await returnedPlan('13900139000');
    await w.admin.client.put('/api/me/notification-preferences', {
      items: [{ category: 'decision', email: false, sms: true }],
    });
    await w.returnIt();
    gatewayAnswer = { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控' } };
    expect(await dispatch()).toMatchObject({ sent: 0, retried: 1 });
    const [row] = await deliveriesOf(w.admin.user.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toContain('isv.BUSINESS_LIMIT_CONTROL');
    gatewayAnswer = { status: 200, body: { Code: 'OK', BizId: 'biz-2' } };
    env.clock.advance(61_000);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect((await deliveriesOf(w.admin.user.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('preferences', () => {
  it('defaults: e-mail on for deadlines, decisions and account security; SMS off; reports the addresses', async () => {
    const w = await baseWithAdmin(env);
    const r = await w.client.get('/api/me/notification-preferences');
    expect(r.statusCode).toBe(200);
    const body = r.json<{ items: { category: string; email: boolean; sms: boolean }[]; channels: unknown }>();
    expect(body.items.filter((i) => i.email).map((i) => i.category)).toEqual(['deadline', 'decision', 'account']);
    expect(body.items.some((i) => i.sms)).toBe(false);
    expect(body.channels).toEqual({
      email: { enabled: true, address: w.admin.email },
      sms: { enabled: true, address: null, simulated: false },
    });
  });

  it('respects a category turned off: the in-app notification arrives, no e-mail is queued; the change is audited', async () => {
    const w = await returnedPlan();
    const put = await w.admin.client.put('/api/me/notification-preferences', {
      items: [{ category: 'decision', email: false, sms: false }],
    });
    expect(put.statusCode).toBe(200);
    expect(
      put.json<{ items: { category: string; email: boolean }[] }>().items.find((i) => i.category === 'decision'),
    ).toMatchObject({ email: false });
    // Other categories keep their defaults.
    const got = (await w.admin.client.get('/api/me/notification-preferences')).json<{
      items: { category: string; email: boolean }[];
    }>();
    expect(got.items.find((i) => i.category === 'deadline')?.email).toBe(true);
    await w.returnIt();
    const inApp = await db().selectFrom('notifications').selectAll().where('user_id', '=', w.admin.user.id).execute();
    expect(inApp.map((n) => n.kind)).toContain('plan_returned');
    expect(await deliveriesOf(w.admin.user.id)).toEqual([]);
    const audits = await auditRows(env, 'notification_preferences', w.admin.user.id);
    expect(audits.map((a) => a.action)).toEqual(['update']);
  });

  it('refuses an unknown category, a category twice and an anonymous caller', async () => {
    const w = await baseWithAdmin(env);
    const bad = await w.client.put('/api/me/notification-preferences', {
      items: [{ category: 'spam', email: true, sms: true }],
    });
    expect(problem(bad)).toMatchObject({ status: 400, code: 'validation_failed' });
    const twice = await w.client.put('/api/me/notification-preferences', {
      items: [
        { category: 'task', email: true, sms: false },
        { category: 'task', email: false, sms: false },
      ],
    });
    expect(problem(twice)).toMatchObject({ status: 400, code: 'validation_failed' });
    const anon = await env.app.inject({ method: 'GET', url: '/api/me/notification-preferences' });
    expect(anon.statusCode).toBe(401);
    const anonPut = await env.app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: { items: [{ category: 'task', email: true, sms: false }] },
    });
    expect([401, 403]).toContain(anonPut.statusCode);
  });
});

describe('outbox and configuration', () => {
  it('queues nothing when the change that notified is rolled back', async () => {
    const w = await baseWithAdmin(env);
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await notifyUsers(trx, [w.admin.id], { kind: 'plan_returned', title: '计划被退回' }, env.clock.now());
          expect(
            await trx.selectFrom('notification_deliveries').select('id').where('user_id', '=', w.admin.id).execute(),
          ).toHaveLength(1);
          throw new Error('the change failed');
        }),
    ).rejects.toThrow('the change failed');
    expect(await deliveriesOf(w.admin.id)).toEqual([]);
    expect(await db().selectFrom('notifications').select('id').where('user_id', '=', w.admin.id).execute()).toEqual([]);
  });

  it('refuses to start with the Aliyun provider but without its keys, and e-mail/SMS are off or log-only by default', () => {
    expect(() => loadConfig({ RT_SMS_PROVIDER: 'aliyun', RT_SMS_ACCESS_KEY_ID: 'x' })).toThrow(
      /RT_SMS_ACCESS_KEY_SECRET: required when RT_SMS_PROVIDER=aliyun[\s\S]*RT_SMS_TEMPLATE_CODE/,
    );
    expect(() => loadConfig({ RT_SMTP_URL: 'http://mail.example.cn' })).toThrow(/RT_SMTP_URL/);
    const dev = buildTransports(loadConfig({}), () => undefined);
    expect(dev.email).toBeNull();
    expect(dev.sms?.name).toBe('log');
    expect(buildTransports(loadConfig({ NODE_ENV: 'production' }), () => undefined).sms).toBeNull();
  });
});
