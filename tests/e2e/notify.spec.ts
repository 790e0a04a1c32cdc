/**
 * Issue 12 §2 in Chromium against the real server with the demo data and an SMTP server in the test process:
 * a host opens 通知设置 from the user menu, turns on SMS for deadline reminders and off e-mail for decisions,
 * is asked before leaving with unsaved changes, saves, and finds the choices after a reload. axe runs on the
 * page; screenshots `notify-`.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, openDropdown, shot } from './support/browser.ts';

let server: RunningServer;
let smtp: SMTPServer;
let ctx: BrowserContext;
let page: Page;
const HOST = 'host@demo.rongtong.cn';

beforeAll(async () => {
  smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const port = (smtp.server.address() as AddressInfo).port;
  server = await startServer({ RT_SMTP_URL: `smtp://127.0.0.1:${port}`, RT_SMS_PROVIDER: 'log' });
  ctx = await launch();
  page = await ctx.newPage();
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `notify-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe('notification settings', () => {
  it('are reached from the user menu, guard unsaved changes, save and persist', async () => {
    await login(page, server.url, HOST);
    const menu = await openDropdown(page, page.getByTestId('user-menu'));
    await menu.getByRole('menuitem', { name: '通知设置' }).click();
    await page.waitForURL(/\/workspace\/notifications\/settings$/);
    await page.getByRole('heading', { name: '通知设置' }).waitFor();
    await expect.poll(() => page.getByTestId('channel-emailTo').textContent()).toContain(HOST);
    expect(await page.getByTestId('channel-smsSimulated').textContent()).toContain('不会实际发送');
    const sms = page.getByTestId('pref-deadline-sms');
    const decisionMail = page.getByTestId('pref-decision-email');
    expect(await sms.getAttribute('aria-checked')).toBe('false');
    expect(await decisionMail.getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('prefs-save').isDisabled()).toBe(true);
    await checkA11y(page, 'notification settings');
    await shot(page, 'notify-01-defaults');

    await sms.click();
    await decisionMail.click();
    expect(await sms.getAttribute('aria-checked')).toBe('true');
    // Leaving asks first; 继续编辑 keeps the changes.
    await page.getByTestId('notification-bell').click();
    await page.getByRole('button', { name: '继续编辑' }).waitFor();
    await page.waitForTimeout(400); // the dialog's opening animation
    await shot(page, 'notify-02-leave-guard');
    await page.getByRole('button', { name: '继续编辑' }).click();
    expect(page.url()).toMatch(/\/notifications\/settings$/);
    expect(await sms.getAttribute('aria-checked')).toBe('true');

    await page.getByTestId('prefs-save').click();
    await page.getByText('通知设置已保存').waitFor();
    await shot(page, 'notify-03-saved');
    await page.reload();
    await page.getByTestId('pref-deadline-sms').waitFor();
    expect(await page.getByTestId('pref-deadline-sms').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('pref-decision-email').getAttribute('aria-checked')).toBe('false');
    // The notifications page links here too.
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-settings-link').click();
    await page.waitForURL(/\/workspace\/notifications\/settings$/);
  });

  it('fits a phone-width screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/workspace/notifications/settings`);
    await page.getByTestId('pref-deadline-sms').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'notify-04-phone');
  });
});
