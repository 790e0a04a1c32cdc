/**
 * Event registration in Chromium against the real server with the demo data: the public session lists,
 * member@ joining the waitlist of the full closed-door seminar, investor@ cancelling in the UI so member@
 * is promoted and notified, member@'s printable pass, and the host checking member@ in on a phone
 * (390×844) — the live count goes up by one and a second try says "already checked in". The host's
 * staff page (emergency plan, live count, capacity-cut dialog) too. axe on every page; screenshots are
 * prefixed `events-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, fillField, launch, login, logout, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;
let seminarId = '';
let themeDayId = '';
let code = '';

const MEMBER = 'member@demo.rongtong.cn';
const INVESTOR = 'investor@demo.rongtong.cn';
/** SQL for the user with the e-mail bound next, and for that user's registrations for the session bound first. */
const USER = '(select id from users where email = ?)';
const REGS = `(select id from event_registrations where session_id = ? and user_id = ${USER})`;

interface SessionLite {
  id: string;
  title: string;
  themeDayId: string;
  offline: { remaining: number | null; waitlisted: number };
}

beforeAll(async () => {
  server = await startServer();
  ctx = await launch();
  page = await ctx.newPage();
  const open = (await (await fetch(`${server.url}/api/event-sessions/open?pageSize=50`)).json()) as {
    items: SessionLite[];
  };
  const seminar = open.items.find((s) => s.title.includes('专家研讨会'));
  if (!seminar) throw new Error('demo seminar missing');
  seminarId = seminar.id;
  themeDayId = seminar.themeDayId;
  expect(seminar.offline.remaining).toBe(0);
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `events-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

describe('event registration in Chromium', () => {
  it('shows the sessions open for registration on the home page and on the theme day’s page', async () => {
    await page.goto(server.url);
    // What is open now sits below the theme days and loads when a reader scrolls towards it.
    await page.getByTestId('theme-day-cards').waitFor();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByTestId('open-sessions').waitFor();
    await expect.poll(() => page.getByTestId(`places-${seminarId}`).first().textContent()).toMatch(/名额已满/);
    await shot(page, 'events-01-home-open-sessions');
    await checkA11y(page, 'home with open sessions');
    await page.goto(`${server.url}/theme-days/${themeDayId}`);
    await page.getByTestId('theme-day-sessions').waitFor();
    await expect.poll(() => page.getByTestId('theme-day-sessions').textContent()).toMatch(/供需对接会/);
    await page.getByTestId('theme-day-sessions').scrollIntoViewIfNeeded();
    await shot(page, 'events-02-theme-day-sessions');
    await checkA11y(page, 'theme day with sessions');
    // Anonymous visitors are asked to sign in to register.
    await expect.poll(() => page.getByTestId(`register-${seminarId}`).textContent()).toMatch(/登录后报名/);
  });

  it('puts member@ on the waitlist of the full seminar, with its position', async () => {
    await login(page, server.url, 'member@demo.rongtong.cn');
    await page.goto(`${server.url}/sessions/${seminarId}`);
    await page.getByTestId('register-card').waitFor();
    await checkA11y(page, 'session page');
    await shot(page, 'events-03-session-full');
    await page.getByTestId(`register-${seminarId}`).first().click();
    await page.getByTestId('register-form').waitFor();
    await page.getByTestId('full-notice').waitFor();
    await page.getByTestId('answer-topic').locator('textarea').fill('芯片供应链的安全可信');
    await checkA11y(page, 'registration form');
    await shot(page, 'events-04-register-form');
    // Double-clicked, as an impatient person does: one registration, one place on the waitlist (issue 15).
    await doubleClick(page, 'register-submit');
    await expect.poll(() => page.getByTestId('register-done').textContent()).toMatch(/已进入候补名单（第1位）/);
    expect(
      countRows(server.dbPath, 'event_registrations', `session_id = ? and user_id = ${USER}`, seminarId, MEMBER),
    ).toBe(1);
    expect(
      countRows(
        server.dbPath,
        'audit_events',
        `action in ('register', 'reregister') and entity_id in ${REGS}`,
        seminarId,
        MEMBER,
      ),
    ).toBe(1);
    await shot(page, 'events-05-waitlisted');
    await checkA11y(page, 'registration done');
    await page.goto(`${server.url}/workspace/events`);
    await expect.poll(() => page.getByTestId(`my-status-${seminarId}`).textContent()).toMatch(/候补第1位/);
    await shot(page, 'events-06-my-registrations-waitlisted');
    await checkA11y(page, 'my registrations');
    await logout(page);
  });

  it('promotes member@ when investor@ cancels in the UI, and member@ sees the notification and the registered status', async () => {
    await login(page, server.url, 'investor@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/events`);
    const row = page.getByTestId('my-registrations').locator('tr', { hasText: '专家研讨会' });
    await row.getByRole('button', { name: '取消报名' }).click();
    await page.getByTestId('cancel-confirm').waitFor();
    await shot(page, 'events-07-cancel-confirm');
    await checkA11y(page, 'cancel confirmation');
    // Double-clicked: cancelled once, and one person promoted from the waitlist (issue 15).
    await doubleClick(page, 'cancel-confirm');
    await expect.poll(() => page.getByTestId(`my-status-${seminarId}`).textContent()).toMatch(/已取消/);
    expect(
      countRows(server.dbPath, 'audit_events', `action = 'cancel' and entity_id in ${REGS}`, seminarId, INVESTOR),
    ).toBe(1);
    expect(
      countRows(server.dbPath, 'audit_events', `action = 'promote' and entity_id in ${REGS}`, seminarId, MEMBER),
    ).toBe(1);
    await logout(page);

    await login(page, server.url, 'member@demo.rongtong.cn');
    await expect.poll(() => page.getByTestId('notification-bell').textContent()).toMatch(/[1-9]/);
    await page.goto(`${server.url}/workspace/notifications`);
    await expect.poll(() => page.getByTestId('notifications-table').textContent()).toMatch(/候补转正/);
    await shot(page, 'events-08-promoted-notification');
    await checkA11y(page, 'notifications');
    await page.goto(`${server.url}/sessions/${seminarId}`);
    await expect.poll(() => page.getByTestId('my-status-tag').textContent()).toMatch(/已报名/);
    await shot(page, 'events-09-session-registered');
    await checkA11y(page, 'session page (registered)');
    await page.getByTestId('pass-link').click();
    await page.getByTestId('pass-code').waitFor();
    code = ((await page.getByTestId('pass-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{10}$/);
    await expect.poll(() => page.getByTestId('pass-name').textContent()).toMatch(/智芯微电子成员/);
    expect(await page.locator('.rt-pass-qr svg').count()).toBe(1);
    await shot(page, 'events-10-pass');
    await checkA11y(page, 'pass');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: 'test-results/screenshots/events-11-pass-print.png', fullPage: true });
    // The printed pass fits one A4 page (297 mm − 2 × 14 mm margins ≈ 1016 CSS px at 96 dpi).
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(1016);
    await page.emulateMedia({ media: 'screen' });
    await logout(page);
  });

  it('lets the host check member@ in on a phone: the live count goes up by one, a second try says already checked in', async () => {
    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await login(phone, server.url, 'host@demo.rongtong.cn');
    await phone.goto(`${server.url}/workspace/events/check-in/${seminarId}`);
    await phone.getByTestId('checkin-code').waitFor();
    await expect.poll(() => phone.getByTestId('checkin-count-registered').textContent()).toBe('3');
    const before = Number(await phone.getByTestId('checkin-count-in').textContent());
    await checkA11y(phone, 'check-in page');
    await shot(phone, 'events-12-check-in-phone');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);

    await phone.getByTestId('checkin-code').fill(code.toLowerCase());
    // Double-tapped: checked in once, and the page says so rather than "already checked in" (issue 15).
    await doubleClick(phone, 'checkin-submit');
    await expect.poll(() => phone.getByTestId('checkin-ok').textContent()).toMatch(/签到成功.*智芯微电子成员/);
    await expect.poll(() => phone.getByTestId('checkin-count-in').textContent()).toBe(String(before + 1));
    expect(await phone.getByTestId('checkin-fail').count()).toBe(0);
    const checkIns = "action = 'check_in' and entity_id in (select id from event_registrations where code = ?)";
    expect(countRows(server.dbPath, 'audit_events', checkIns, code)).toBe(1);
    await shot(phone, 'events-13-check-in-ok');
    await checkA11y(phone, 'check-in success');

    await phone.getByTestId('checkin-code').fill(code);
    await phone.getByTestId('checkin-submit').click();
    await expect.poll(() => phone.getByTestId('checkin-fail').textContent()).toMatch(/已签到过/);
    await expect.poll(() => phone.getByTestId('checkin-fail').textContent()).toMatch(/请勿重复签到/);
    expect(await phone.getByTestId('checkin-count-in').textContent()).toBe(String(before + 1));
    await shot(phone, 'events-14-check-in-already');
    await checkA11y(phone, 'check-in already');

    // No camera in headless Chromium: the scan button falls back to typing, with a clear message.
    await phone.getByTestId('checkin-scan').click();
    await phone.getByTestId('camera-unavailable').waitFor();
    await phone.close();
  });

  it('shows the host the staff session page with the emergency plan, live count, registrants and the capacity-cut preview', async () => {
    await login(page, server.url, 'host@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/events?tab=manage`);
    await page.getByTestId(`managed-${themeDayId}`).waitFor();
    await shot(page, 'events-15-manage');
    await checkA11y(page, 'manage tab');
    await page.goto(`${server.url}/workspace/events/sessions/${seminarId}`);
    await page.getByTestId('emergency-plan').waitFor();
    await expect.poll(() => page.getByTestId('live-count').textContent()).toMatch(/已签到1/);
    await expect.poll(() => page.getByTestId('registrants-table').textContent()).toMatch(/智芯微电子成员/);
    await checkA11y(page, 'staff session page');
    await shot(page, 'events-16-staff-session');
    await page.getByTestId('lower-capacity').click();
    await fillField(page, 'capacity-input', '1');
    await expect.poll(() => page.getByTestId('capacity-preview').textContent()).toMatch(/最晚报名的2人将转入候补/);
    await shot(page, 'events-17-capacity-dialog');
    await checkA11y(page, 'capacity dialog');
    await page.keyboard.press('Escape');
  });

  it('lets the host create a session with a custom question; the server refuses places above the plan’s limit on the field', async () => {
    const td = (
      (await (await fetch(`${server.url}/api/event-sessions/${seminarId}`)).json()) as {
        themeDay: { startDate: string };
      }
    ).themeDay;
    const day = td.startDate;
    await page.goto(`${server.url}/workspace/events?tab=manage`);
    await page.getByTestId(`new-session-${themeDayId}`).click();
    await page.getByTestId('session-form').waitFor();
    await page.getByTestId('f-title').fill('5G专网产教融合座谈会');
    const form = page.getByTestId('session-form');
    await form.locator('#startsAt').fill(`${day}T16:30`);
    await form.locator('#endsAt').fill(`${day}T17:30`);
    await form.locator('#venue').fill('华晟通信创新中心三层第1会议室');
    await fillField(page, 'f-capacity', '500');
    await form.locator('#registrationOpensAt').fill('2020-01-01T00:00');
    await form.locator('#registrationClosesAt').fill(`${day}T12:00`);
    await page.getByRole('button', { name: '添加问题' }).click();
    await form.locator('#questions_0_key').fill('school');
    await form.locator('#questions_0_label').fill('所在院校');
    await page.getByTestId('session-save').click();
    await expect.poll(() => form.textContent()).toMatch(/线下名额不能超过活动方案核定的线下参加人数上限（200人）/);
    await checkA11y(page, 'session form');
    await shot(page, 'events-18-session-form-refused');
    await fillField(page, 'f-capacity', '30');
    // Double-clicked, as an impatient person does: one session (issue 15).
    await doubleClick(page, 'session-save');
    await page.waitForURL(/\/workspace\/events\/sessions\/[0-9a-f-]{36}$/);
    expect(countRows(server.dbPath, 'event_sessions', 'title = ?', '5G专网产教融合座谈会')).toBe(1);
    await expect.poll(() => page.locator('h1').textContent()).toBe('5G专网产教融合座谈会');
    await expect.poll(() => page.getByTestId('session-facts').textContent()).toMatch(/0\/30人/);
    await logout(page);
  });

  it('shows the session page and my registrations readably on a phone', async () => {
    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await login(phone, server.url, 'member@demo.rongtong.cn');
    await phone.goto(`${server.url}/sessions/${seminarId}`);
    await phone.getByTestId('my-status').waitFor();
    await checkA11y(phone, 'session page on a phone');
    await shot(phone, 'events-19-session-phone');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await phone.goto(`${server.url}/workspace/events`);
    await expect.poll(() => phone.getByTestId(`my-status-${seminarId}`).textContent()).toMatch(/已签到/);
    await expect.poll(() => phone.locator('.ant-spin-spinning').count()).toBe(0);
    await checkA11y(phone, 'my registrations on a phone');
    await shot(phone, 'events-20-mine-phone');
    await phone.close();
  });
});
