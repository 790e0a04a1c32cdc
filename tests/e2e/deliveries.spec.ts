/**
 * Issue 12 §2 in Chromium against the real server with the demo data and an SMTP server in the test process:
 * the host sees beside each notification whether its e-mail was sent or failed, and finds on the dashboard a
 * request awaiting its answer (待我答复); the system administrator opens 消息发送记录 from the menu, filters the
 * failed messages and sends one again, which the server then delivers. axe runs on both pages; screenshots
 * `deliveries-`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { startSmtpSink } from '../../server/test/smtp-sink.ts';
import type { ParsedMail } from 'mailparser';
import type { SMTPServer } from 'smtp-server';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, logout, shot } from './support/browser.ts';

let server: RunningServer;
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
let ctx: BrowserContext;
let page: Page;
const HOST = 'host@demo.rongtong.cn';
const ADMIN = 'admin@demo.rongtong.cn';

/** A notification for the host with e-mail copies in each state, and a resource request awaiting the host. */
function seed(dbPath: string): void {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    const host = db
      .prepare(
        `select u.id, u.email, m.organisation_id from users u join memberships m on m.user_id = u.id where u.email = ?`,
      )
      .get(HOST) as { id: string; email: string; organisation_id: string };
    const now = Date.now();
    const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const note = (title: string, body: string, at: string, status: 'sent' | 'failed' | null, error?: string) => {
      const id = randomUUID();
      db.prepare(
        `insert into notifications (id, user_id, kind, title, body, link, created_at, read_at) values (?, ?, ?, ?, ?, ?, ?, null)`,
      ).run(id, host.id, 'plan_deadline_reminder', title, body, '/workspace/plans', at);
      if (status)
        db.prepare(
          `insert into notification_deliveries (id, notification_id, user_id, channel, recipient, kind, template, payload, status, attempts, next_attempt_at, lease_until, last_error, provider_id, created_at, sent_at)
           values (?, ?, ?, 'email', ?, 'plan_deadline_reminder', 'notification', ?, ?, ?, ?, null, ?, ?, ?, ?)`,
        ).run(
          randomUUID(),
          id,
          host.id,
          host.email,
          JSON.stringify({ title, body, link: '/workspace/plans', name: '主办方', at }),
          status,
          status === 'failed' ? 5 : 1,
          at,
          error ?? null,
          status === 'sent' ? '<demo@rongtong>' : null,
          at,
          status === 'sent' ? at : null,
        );
    };
    note('距2026年主题日活动初步计划提交截止还有14天', '截止时间：北京时间6月30日 23:59。', iso(60), 'sent');
    note(
      '距2026年主题日活动初步计划提交截止还有3天',
      '截止时间：北京时间6月30日 23:59。',
      iso(30),
      'failed',
      '550 Mailbox unavailable: relaying denied',
    );
    note('明天的一对一洽谈安排：工业互联网供需洽谈会', '共2场（北京时间）。', iso(10), null);

    const resourceId = randomUUID();
    const other = db.prepare(`select id from organisations where id <> ? limit 1`).get(host.organisation_id) as {
      id: string;
    };
    const requester = db.prepare(`select user_id from memberships where organisation_id = ? limit 1`).get(other.id) as {
      user_id: string;
    };
    db.prepare(
      `insert into resources (id, organisation_id, theme_day_id, type, title, description, region_code, location, conditions, price_model, price_note, quota, quota_period, graduate_teams, status, published_at, created_by, created_at, updated_at)
       values (?, ?, null, 'lab', '工业互联网测试验证实验室', '开放测试床', null, null, null, 'free', null, null, 'total', 0, 'published', ?, ?, ?, ?)`,
    ).run(resourceId, host.organisation_id, iso(100), host.id, iso(100), iso(100));
    db.prepare(
      `insert into resource_requests (id, resource_id, organisation_id, user_id, purpose, start_date, end_date, period_key, status, decision_reason, decided_by, decided_at, created_at, updated_at)
       values (?, ?, ?, ?, '样机联调测试', '2099-07-01', '2099-07-10', ?, 'pending', null, null, null, ?, ?)`,
    ).run(randomUUID(), resourceId, other.id, requester.user_id, randomUUID(), iso(5), iso(5));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  let port: number;
  ({ server: smtp, port } = await startSmtpSink(mails));
  server = await startServer({ RT_SMTP_URL: `smtp://127.0.0.1:${port}`, RT_SMS_PROVIDER: 'off' });
  seed(server.dbPath);
  ctx = await launch();
  page = await ctx.newPage();
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `deliveries-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe('delivery status', () => {
  it('shows the host, beside each notification, whether its e-mail was sent or failed', async () => {
    await login(page, server.url, HOST);
    await page.goto(`${server.url}/workspace/notifications`);
    await page.getByTestId('notifications-table').waitFor();
    await page.getByTestId('delivery-email-failed').first().waitFor();
    expect(await page.getByTestId('delivery-email-failed').first().textContent()).toBe('邮件发送失败');
    expect(await page.getByTestId('delivery-email-sent').first().textContent()).toBe('邮件已发送');
    expect(await page.getByText('仅站内').count()).toBeGreaterThan(0);
    await checkA11y(page, 'notifications with delivery status');
    await shot(page, 'deliveries-01-notifications');
  });

  it('lists what awaits the host’s answer on the dashboard, linking to where it is answered', async () => {
    await page.goto(`${server.url}/workspace`);
    const item = page.getByTestId('todo-resource_requests').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('待我答复');
    expect(await item.textContent()).toContain('审批资源「工业互联网测试验证实验室」的使用申请');
    await shot(page, 'deliveries-02-dashboard-awaiting');
    await item.getByRole('link').click();
    await page.waitForURL(/\/workspace\/resources\?tab=received$/);
    await logout(page);
  });

  it('gives the administrator 消息发送记录 with filters, and sends a failed message again', async () => {
    await login(page, server.url, ADMIN);
    await page.getByRole('menuitem', { name: '消息发送记录' }).click();
    await page.waitForURL(/\/workspace\/deliveries$/);
    await page.getByRole('heading', { name: '消息发送记录' }).waitFor();
    await page.getByTestId('deliveries-table').getByText('relaying denied').waitFor();
    await checkA11y(page, 'delivery log');
    await shot(page, 'deliveries-03-log');

    await page.goto(`${server.url}/workspace/deliveries?status=failed`);
    await page.getByTestId('deliveries-table').getByText('relaying denied').waitFor();
    const rows = page.getByTestId('deliveries-table').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    const retry = page.getByRole('button', { name: /^重新发送：/ });
    await retry.click();
    await page
      .getByRole('button', { name: '确 定' })
      .or(page.getByRole('button', { name: '确定' }))
      .click();
    await page.getByText('已重新放入发送队列').waitFor();
    await shot(page, 'deliveries-04-retried');
    // The server's dispatcher delivers it to the SMTP sink.
    await expect.poll(() => mails.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(mails.some((m) => m.subject?.includes('还有3天'))).toBe(true);
    await page.goto(`${server.url}/workspace/deliveries?status=sent`);
    await page.getByTestId('deliveries-table').getByText('距2026年主题日活动初步计划提交截止还有3天').waitFor();
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await shot(page, 'deliveries-05-sent');
  });

  it('is refused to other roles (the menu has no entry; the page shows no data)', async () => {
    await logout(page);
    await login(page, server.url, HOST);
    expect(await page.getByRole('menuitem', { name: '消息发送记录' }).count()).toBe(0);
    await page.goto(`${server.url}/workspace/deliveries`);
    await page
      .getByText(/无权|没有权限|403/)
      .first()
      .waitFor();
    await shot(page, 'deliveries-06-refused');
  });
});
