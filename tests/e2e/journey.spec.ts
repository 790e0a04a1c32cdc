/**
 * Issue 12's whole journey in Chromium against the real server with the demo data and an SMTP server in the test
 * process: an SME signs up on a phone-width page (the code read from the mail), registers its organisation, the
 * local DRC of its province (drc@, 江苏) verifies it in 单位审核, the host base (host@) invites the person to its
 * theme day, the test reads the invitation e-mail from the SMTP sink and follows its link on the phone, the
 * invitation is accepted and lands on the theme day, and the person registers for a session. axe on every page
 * the SME sees; screenshots `journey-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SMTPServer } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { makeUscc } from '../../common/uscc-make.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';
import { fillRegistrationDetails } from './support/onboarding.ts';
import { countRows } from './support/double.ts';
import { startSmtpSink } from '../../server/test/smtp-sink.ts';

let server: RunningServer;
let smtp: SMTPServer;
let phone: BrowserContext;
let desk: BrowserContext;
let sme: Page;
let staff: Page;
const mails: ParsedMail[] = [];
const stamp = Date.now();
const email = `journey${stamp}@example.cn`;
const orgName = `苏州工业园区创芯微电子有限公司${stamp % 10_000}`;
const uscc = makeUscc((stamp + 7) % 100_000_000, '320505');
let themeDayId = '';
let sessionId = '';

const mailsTo = (to: string) => mails.filter((m) => m.to && 'text' in m.to && m.to.text.includes(to));
const fitsPhone = async (p: Page) =>
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

beforeAll(async () => {
  let port: number;
  ({ server: smtp, port } = await startSmtpSink(mails));
  server = await startServer({ RT_SMTP_URL: `smtp://127.0.0.1:${port}`, RT_SMS_PROVIDER: 'log' });
  phone = await launch({ viewport: { width: 390, height: 844 } });
  desk = await launch({ viewport: { width: 1366, height: 900 } });
  sme = await phone.newPage();
  staff = await desk.newPage();
  const open = (await (await fetch(`${server.url}/api/event-sessions/open?pageSize=50`)).json()) as {
    items: { id: string; title: string; themeDayId: string }[];
  };
  const opening = open.items.find((s) => s.title.includes('开幕式'));
  if (!opening) throw new Error('demo opening session missing');
  sessionId = opening.id;
  themeDayId = opening.themeDayId;
});

afterEach(async (c) => {
  if (c.task.result?.state !== 'fail') return;
  if (sme) await shot(sme, `journey-FAILED-sme-${c.task.name.slice(0, 40)}`).catch(() => undefined);
  if (staff) await shot(staff, `journey-FAILED-staff-${c.task.name.slice(0, 40)}`).catch(() => undefined);
});

afterAll(async () => {
  await phone?.close();
  await desk?.close();
  await server?.stop();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe('an SME from sign-up to a registered place at a theme day', () => {
  it('signs up on a phone with the code from the e-mail', async () => {
    await sme.goto(`${server.url}/sign-up`);
    await sme.getByTestId('account-identifier').fill(email);
    await sme.getByTestId('account-send-code').click();
    await expect.poll(() => mailsTo(email).length, { timeout: 10_000 }).toBe(1);
    const code = /验证码为：(\d{6})/.exec(mailsTo(email)[0]!.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await sme.getByTestId('account-code').fill(code!);
    await sme.getByTestId('account-name').fill('陈创芯');
    await sme.getByTestId('account-password').fill('Chuangxin#2026');
    await sme.getByTestId('account-confirm').fill('Chuangxin#2026');
    await checkA11y(sme, 'journey sign-up');
    await fitsPhone(sme);
    await sme.getByTestId('sign-up-submit').click();
    await sme.getByTestId('sign-up-welcome').waitFor();
    await shot(sme, 'journey-01-signed-up');
  });

  it('registers its organisation, which waits for verification', async () => {
    await sme.goto(`${server.url}/workspace`);
    await sme.getByTestId('dashboard-onboard').click();
    await sme.waitForURL(/\/workspace\/onboarding$/);
    await sme.getByTestId('register-name').fill(orgName);
    await sme.getByTestId('register-uscc').fill(uscc);
    await sme.locator('[data-testid="uscc-status"][data-status="valid"]').waitFor();
    await fillRegistrationDetails(sme, {
      district: '姑苏区',
      industryQuery: '电子设备',
      industry: '计算机、通信和其他电子设备制造业',
      employees: '36',
      revenueWan: '1800',
    });
    await checkA11y(sme, 'journey register organisation');
    await fitsPhone(sme);
    await shot(sme, 'journey-02-register-organisation');
    await sme.getByTestId('register-submit').click();
    await sme.getByTestId('onboarding-registered').waitFor();
    expect(countRows(server.dbPath, 'organisations', "uscc = ? and verification_status = 'unverified'", uscc)).toBe(1);
  });

  it('is verified by the Jiangsu local DRC', async () => {
    await login(staff, server.url, 'drc@demo.rongtong.cn');
    await staff.goto(`${server.url}/workspace/org-verification`);
    const row = staff.locator('[data-testid="verification-table"] tr').filter({ hasText: orgName });
    await row.waitFor();
    await row.getByTestId('verify-approve').click();
    await staff.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    expect(countRows(server.dbPath, 'organisations', "uscc = ? and verification_status = 'verified'", uscc)).toBe(1);
    // Told in the app, and by e-mail once the outbox has run.
    await sme.goto(`${server.url}/workspace/notifications`);
    await sme.getByText(`您注册的单位「${orgName}」已通过审核`).first().waitFor();
    await checkA11y(sme, 'journey notifications');
    await shot(sme, 'journey-03-verified-notice');
  });

  it('is invited by the host base and follows the e-mailed link to the theme day', async () => {
    await staff.context().clearCookies();
    await login(staff, server.url, 'host@demo.rongtong.cn');
    await staff.goto(`${server.url}/workspace/events/theme-days/${themeDayId}/invitations`);
    await staff.getByTestId('invite-identifier').fill(email);
    await staff.getByTestId('invite-name').fill('陈创芯');
    await staff.getByTestId('invite-send').click();
    await expect.poll(() => staff.getByTestId(`status-${email}`).textContent()).toBe('待接受');

    await expect
      .poll(() => mailsTo(email).filter((m) => /邀请您参加/.test(m.subject ?? '')).length, {
        timeout: 15_000,
      })
      .toBe(1);
    const mail = mailsTo(email).find((m) => /邀请您参加/.test(m.subject ?? ''))!;
    const link = /(https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeTruthy();
    await sme.goto(`${server.url}${new URL(link!).pathname}`);
    await sme.getByTestId('invite-landing').waitFor();
    await checkA11y(sme, 'journey invitation landing');
    await fitsPhone(sme);
    await shot(sme, 'journey-04-invitation');
    await sme.getByTestId('invite-accept').click();
    await sme.waitForURL(new RegExp(`/theme-days/${themeDayId}$`), { timeout: 15_000 });
    expect(countRows(server.dbPath, 'invitations', "address = ? and status = 'accepted'", email)).toBe(1);
    await staff.reload();
    await expect.poll(() => staff.getByTestId(`status-${email}`).textContent()).toBe('已接受');
  });

  it('registers for a session of the theme day', async () => {
    await sme.locator('h1').first().waitFor();
    await expect
      .poll(
        async () => {
          await sme.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          return sme.getByTestId(`register-${sessionId}`).count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await checkA11y(sme, 'journey theme day');
    await sme.getByTestId(`register-${sessionId}`).first().click();
    await sme.waitForURL(/\/register\//);
    await sme.getByTestId('register-form').waitFor();
    await checkA11y(sme, 'journey session registration');
    await sme.getByTestId('register-submit').click();
    await sme.getByTestId('register-done').waitFor();
    await fitsPhone(sme);
    await shot(sme, 'journey-05-registered');
    expect(
      countRows(
        server.dbPath,
        'event_registrations',
        'session_id = ? and user_id = (select id from users where email = ?)',
        sessionId,
        email,
      ),
    ).toBe(1);
  });
});
