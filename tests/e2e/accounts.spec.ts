/**
 * Issue 12 §1 in Chromium at phone width (390 px) against the real server with an SMTP server in the test
 * process: a person opens 注册账号 from the login page, asks for a code by e-mail (the countdown starts), reads
 * the code from the mail that arrived, signs up, and lands on the welcome step with what to do next; the
 * forgot-password page is reachable from the login page. axe runs on the pages; screenshots `accounts-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SMTPServer } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, shot } from './support/browser.ts';
import { startSmtpSink } from '../../server/test/smtp-sink.ts';

let server: RunningServer;
let smtp: SMTPServer;
let ctx: BrowserContext;
let page: Page;
const mails: ParsedMail[] = [];

beforeAll(async () => {
  let port: number;
  ({ server: smtp, port: port } = await startSmtpSink(mails));
  server = await startServer({ RT_SMTP_URL: `smtp://127.0.0.1:${port}`, RT_SMS_PROVIDER: 'log' });
  ctx = await launch({ viewport: { width: 390, height: 844 } });
  page = await ctx.newPage();
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `accounts-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe('self-service sign-up at phone width', () => {
  it('signs up by e-mail with the mailed code and shows the next step', async () => {
    const email = `qiye${Date.now()}@example.cn`;
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-forgot').waitFor();
    await shot(page, 'accounts-01-login-links');
    await page.getByTestId('login-sign-up').click();
    await page.waitForURL(/\/sign-up$/);
    await page.getByTestId('account-identifier').fill(email);
    await page.getByTestId('account-send-code').click();
    await page.getByTestId('account-code-sent').waitFor();
    await expect.poll(() => page.getByTestId('account-send-code').textContent()).toMatch(/秒后重发/);
    expect(await page.getByTestId('account-send-code').isDisabled()).toBe(true);
    await expect
      .poll(() => mails.filter((m) => m.to && 'text' in m.to && m.to.text.includes(email)).length, { timeout: 10_000 })
      .toBe(1);
    const code = /验证码为：(\d{6})/.exec(mails.at(-1)!.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('account-code').fill(code!);
    await page.getByTestId('account-name').fill('李企业');
    await page.getByTestId('account-password').fill('Qiye#2026sign');
    await page.getByTestId('account-confirm').fill('Qiye#2026sign');
    await checkA11y(page, 'sign-up');
    await shot(page, 'accounts-02-sign-up-filled');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.getByTestId('sign-up-submit').click();
    await page.getByTestId('sign-up-welcome').waitFor();
    await shot(page, 'accounts-03-welcome');
    await checkA11y(page, 'sign-up welcome');
    const me = await page.evaluate(
      async () => (await fetch('/api/auth/me')).json() as Promise<{ user: { email: string } }>,
    );
    expect(me.user.email).toBe(email);
    await page.getByRole('button', { name: '进入工作台' }).last().click();
    await page.waitForURL(/\/workspace$/);
    await page.getByTestId('user-menu').waitFor();
    await page.getByTestId('dashboard-no-organisation').waitFor();
    await page.waitForTimeout(500);
    await shot(page, 'accounts-05-workspace-no-organisation');
  });

  it('reaches the forgot-password page from the login page', async () => {
    await page.context().clearCookies();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-forgot').click();
    await page.waitForURL(/\/forgot-password$/);
    await page.getByRole('heading', { name: '找回密码' }).waitFor();
    await checkA11y(page, 'forgot password');
    await shot(page, 'accounts-04-forgot');
  });
});
