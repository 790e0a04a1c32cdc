/**
 * Issue 12 §1 in Chromium against the real server with the demo data and an SMTP server in the test process:
 * host@ opens 邀请参会 for its theme day, invites an e-mail address (and sees an .xlsx list with a wrong row
 * refused, row by row); the test reads the invitation from the SMTP sink and follows the link at phone width,
 * signs up from it (the code read from the sink too), lands on the theme day with the invitation accepted, and
 * registers for a session. An unknown link gets its own Chinese page. axe on the pages; screenshots `invite-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SMTPServer } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';
import { countRows } from './support/double.ts';
import { startSmtpSink } from '../../server/test/smtp-sink.ts';
import { toXlsx } from '../../server/lib/xlsx.ts';

let server: RunningServer;
let smtp: SMTPServer;
let ctx: BrowserContext;
let phone: BrowserContext;
let page: Page;
const mails: ParsedMail[] = [];
let themeDayId = '';
let openingId = '';
const guest = `guest${Date.now()}@example.cn`;

const mailsTo = (to: string) => mails.filter((m) => m.to && 'text' in m.to && m.to.text.includes(to));

beforeAll(async () => {
  let port: number;
  ({ server: smtp, port } = await startSmtpSink(mails));
  server = await startServer({ RT_SMTP_URL: `smtp://127.0.0.1:${port}`, RT_SMS_PROVIDER: 'log' });
  ctx = await launch();
  page = await ctx.newPage();
  const open = (await (await fetch(`${server.url}/api/event-sessions/open?pageSize=50`)).json()) as {
    items: { id: string; title: string; themeDayId: string }[];
  };
  const opening = open.items.find((s) => s.title.includes('开幕式'));
  if (!opening) throw new Error('demo opening session missing');
  openingId = opening.id;
  themeDayId = opening.themeDayId;
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `invite-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await phone?.close();
  await ctx?.close();
  await server?.stop();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe('invitations in Chromium', () => {
  it('host@ invites an e-mail address from 邀请参会; a list with a wrong row is refused row by row', async () => {
    await login(page, server.url, 'host@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/events?tab=manage`);
    await page.getByTestId(`invite-${themeDayId}`).click();
    await page.waitForURL(/\/invitations$/);
    await page.getByTestId('invite-form').waitFor();
    await page.getByTestId('invite-identifier').fill(guest);
    await page.getByTestId('invite-name').fill('周小创');
    await page.getByTestId('invite-send').click();
    await expect.poll(() => page.getByTestId('invitations').textContent()).toContain(guest);
    await expect.poll(() => page.getByTestId(`status-${guest}`).textContent()).toBe('待接受');
    expect(countRows(server.dbPath, 'invitations', 'address = ?', guest)).toBe(1);

    const file = await toXlsx(
      '邀请名单',
      ['手机号或邮箱', '姓名'],
      [
        ['ok@example.cn', '甲'],
        ['不是地址', '乙'],
        ['OK@example.cn', '丙'],
      ],
    );
    await page.getByTestId('invite-import').locator('input[type=file]').setInputFiles({
      name: '名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await expect
      .poll(() => page.getByTestId('invite-import-summary').textContent())
      .toMatch(/有2处错误，未发送任何邀请/);
    await expect.poll(() => page.getByTestId('invite-import-errors').textContent()).toContain('与第2行重复');
    expect(countRows(server.dbPath, 'invitations', 'address = ?', 'ok@example.cn')).toBe(0);
    await checkA11y(page, 'invitations page');
    await shot(page, 'invite-01-staff-page');
  });

  it('the guest follows the mailed link on a phone, signs up from it, lands on the theme day and registers', async () => {
    await expect.poll(() => mailsTo(guest).length, { timeout: 10_000 }).toBe(1);
    const mail = mailsTo(guest)[0]!;
    expect(mail.subject).toMatch(/^【融通创新主题日】邀请您参加/);
    const link = /(https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;

    phone = await launch({ viewport: { width: 390, height: 844 } });
    page = await phone.newPage();
    await page.goto(`${server.url}${path}`);
    await page.getByTestId('invite-landing').waitFor();
    await checkA11y(page, 'invitation landing (signed out)');
    await shot(page, 'invite-02-landing-signed-out');
    await page.getByTestId('invite-sign-up').click();
    await page.waitForURL(/\/sign-up\?next=/);
    await page.getByTestId('account-identifier').fill(guest);
    await page.getByTestId('account-send-code').click();
    await expect.poll(() => mailsTo(guest).length, { timeout: 10_000 }).toBe(2);
    const code = /验证码为：(\d{6})/.exec(mailsTo(guest)[1]!.text ?? '')?.[1];
    await page.getByTestId('account-code').fill(code!);
    await page.getByTestId('account-name').fill('周小创');
    await page.getByTestId('account-password').fill('Chuang#2026ok');
    await page.getByTestId('account-confirm').fill('Chuang#2026ok');
    await page.getByTestId('sign-up-submit').click();
    // Back on the invitation, accepted at once, and on to the theme day.
    await page.waitForURL(new RegExp(`/theme-days/${themeDayId}$`), { timeout: 15_000 });
    expect(countRows(server.dbPath, 'invitations', "address = ? and status = 'accepted'", guest)).toBe(1);
    expect(
      countRows(
        server.dbPath,
        'audit_events',
        "action = 'accept' and actor_user_id = (select id from users where email = ?)",
        guest,
      ),
    ).toBe(1);
    await page.locator('h1').first().waitFor();
    await shot(page, 'invite-03-landed-on-theme-day');
    // The sessions load when a reader scrolls towards them.
    await expect
      .poll(
        async () => {
          await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          return page.getByTestId(`register-${openingId}`).count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await page.getByTestId(`register-${openingId}`).first().scrollIntoViewIfNeeded();
    await shot(page, 'invite-04-theme-day-sessions');
    await page.getByTestId(`register-${openingId}`).first().click();
    await page.waitForURL(/\/register\//);

    await page.getByTestId('register-form').waitFor();
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-done').waitFor();
    expect(
      countRows(
        server.dbPath,
        'event_registrations',
        'session_id = ? and user_id = (select id from users where email = ?)',
        openingId,
        guest,
      ),
    ).toBe(1);
    await shot(page, 'invite-05-registered');

    // Opening the link again is harmless: it says so and offers the theme day.
    await page.goto(`${server.url}${path}`);
    await page.getByTestId('invite-accepted').waitFor();
    await shot(page, 'invite-06-already-accepted');
  });

  it('admin@ sees 批量导入: a people list with wrong rows is refused with the row and column of each', async () => {
    page = await ctx.newPage();
    await login(page, server.url, 'admin@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/users`);
    await page.getByTestId('bulk-import').click();
    await page.waitForURL(/\/workspace\/import$/);
    const file = await toXlsx(
      '人员导入',
      ['姓名', '邮箱', '手机号', '所属机构统一社会信用代码', '角色'],
      [
        ['吴导入', 'member@demo.rongtong.cn', '', '', ''],
        ['郑导入', `zheng${Date.now()}@example.cn`, '', '91110108MA01ABCD1X', '企业/机构成员'],
      ],
    );
    await page.getByTestId('import-people').locator('input[type=file]').setInputFiles({
      name: '人员.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await expect.poll(() => page.getByTestId('import-people-errors').textContent()).toContain('已注册');
    await expect.poll(() => page.getByTestId('import-people-summary').textContent()).toMatch(/未导入任何一行/);
    await checkA11y(page, 'bulk import');
    await shot(page, 'invite-08-admin-bulk-import');
  });

  it('an unknown or broken link gets a clear Chinese page, not 页面不存在', async () => {
    await page.goto(`${server.url}/invite/${'x'.repeat(43)}`);
    await page.getByTestId('invite-unknown').waitFor();
    expect(await page.textContent('body')).toContain('邀请链接无效');
    expect(await page.textContent('body')).not.toContain('页面不存在');
    await checkA11y(page, 'unknown invitation');
    await shot(page, 'invite-07-unknown-link');
  });
});
