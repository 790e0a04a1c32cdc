/**
 * Issue 12 §3 in Chromium against the real server with the demo data: the host (host@, 华晟通信) opens
 * 「协办与委托」 from its activity plan, gives a partner base a part, names the demo alliance as co-organiser,
 * delegates 创新桥 with a scope and a last day (double-clicked: one delegation; Enter in the date picker does
 * not submit), then revokes it; NDRC sees the 双创示范基地联盟 page; the partner base 北辰理工 (base3@) sees its
 * own assignment. axe runs on the pages; screenshots `coorganisers-`.
 */
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addDays, shanghaiToday } from '../../common/time.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, pickOption, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;
let themeDayId: string;

beforeAll(async () => {
  server = await startServer();
  ctx = await launch();
  page = await ctx.newPage();
  const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `select t.id from theme_days t join bases b on b.id = t.base_id
         where b.short_name = '华晟通信' order by t.start_date desc limit 1`,
      )
      .get() as { id: string };
    themeDayId = row.id;
  } finally {
    db.close();
  }
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `coorganisers-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

const delegations = () => countRows(server.dbPath, 'support_delegations', 'theme_day_id = ?', themeDayId);

describe('协办与委托', () => {
  it('lets the host give parts to partners and an alliance, delegate a support organisation and revoke it', async () => {
    await login(page, server.url, 'host@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/activity-plans/${themeDayId}`);
    await page.getByTestId('coorg-link').click();
    await page.waitForURL(/\/workspace\/coorganisation\//);
    const partners = page.getByTestId('coorg-partners');
    await partners.getByText('北辰理工大学').waitFor();
    await partners.getByText('活动场次与报名').waitFor();
    await page.getByTestId('coorg-delegations').getByText('按活动方案（未单独委托）').waitFor();
    await checkA11y(page, 'co-organisation page');
    await shot(page, 'coorganisers-01-page');

    // A part for the other partner base.
    await page.getByRole('button', { name: /为梧桐.*分配板块/ }).click();
    await page.getByTestId('coorg-parts').getByText('路演与项目征集').click();
    await page.getByTestId('coorg-parts-save').click();
    await page.getByText('已保存协办分工').waitFor();
    await partners.getByText('路演与项目征集').waitFor();

    // The demo alliance as co-organiser of the docking events.
    await page.getByTestId('coorg-add-alliance').click();
    await pickOption(page, 'coorg-alliance-select', '京津冀');
    await page.getByTestId('coorg-parts').getByText('需求对接活动').click();
    await doubleClick(page, 'coorg-parts-save');
    await partners.getByText('京津冀及周边双创示范基地联盟（演示）').waitFor();
    expect(
      countRows(server.dbPath, 'theme_day_coorganisers', "party_kind = 'alliance' and theme_day_id = ?", themeDayId),
    ).toBe(1);

    // Delegate 创新桥 explicitly: the plan's scopes come pre-checked; without a last day or a scope it is told on
    // the fields; Enter in the date picker does not submit.
    await page.getByRole('button', { name: /修改对创新桥.*的委托/ }).click();
    await page.getByTestId('coorg-delegation-save').click();
    await page.getByText('请选择截止日期').waitFor();
    await page.getByTestId('coorg-scopes').getByText('活动报名').click();
    await page.getByTestId('coorg-scopes').getByText('项目征集').click();
    await page.getByText('请至少选择一项委托范围').waitFor();
    await page.getByTestId('coorg-scopes').getByText('项目征集').click();
    await page.getByTestId('coorg-scopes').getByText('宣传推广').click();
    const last = addDays(shanghaiToday(), 30);
    const picker = page.getByTestId('coorg-expires');
    const onInput = (await picker.evaluate((n) => n.tagName.toLowerCase())) === 'input';
    const dateInput = onInput ? picker : picker.locator('input').first();
    await dateInput.click();
    await dateInput.fill(last);
    await dateInput.press('Enter');
    await page.waitForTimeout(300);
    expect(delegations()).toBe(0);
    await page.locator('.ant-modal-title').click(); // closes the calendar, as a person would
    await shot(page, 'coorganisers-02-delegation-dialog');
    await doubleClick(page, 'coorg-delegation-save');
    await page.getByText('已保存委托').waitFor();
    const rows = page.getByTestId('coorg-delegations');
    await rows.getByText('有效').waitFor();
    await rows.getByText('宣传推广').waitFor();
    expect(delegations()).toBe(1);
    await shot(page, 'coorganisers-03-delegated');

    // Revoke after confirming.
    await page.getByRole('button', { name: /撤销对创新桥.*的委托/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /撤\s?销/ })
      .click();
    await rows.getByText('已撤销').waitFor();
    expect(
      countRows(server.dbPath, 'support_delegations', 'theme_day_id = ? and revoked_at is not null', themeDayId),
    ).toBe(1);
    await checkA11y(page, 'co-organisation page after revoking');
    await shot(page, 'coorganisers-04-revoked');
  });

  it('shows a partner base only its own assignment', async () => {
    await login(page, server.url, 'base3@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/coorganisation/${themeDayId}`);
    await page.getByTestId('coorg-intro').getByText('本单位负责：活动场次与报名').waitFor();
    await expect(page.getByTestId('coorg-grant').count()).resolves.toBe(0);
    await expect(page.getByTestId('coorg-partners').getByText('梧桐新区管委会（演示）').count()).resolves.toBe(0);
    await shot(page, 'coorganisers-05-partner');
  });

  it('lets NDRC keep the alliances', async () => {
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.getByRole('menuitem', { name: /双创示范基地联盟/ }).click();
    await page.waitForURL(/\/workspace\/alliances$/);
    await page.getByTestId('alliances').getByText('京津冀及周边双创示范基地联盟（演示）').waitFor();
    await page.getByTestId('alliance-new').click();
    await page.getByTestId('alliance-save').click();
    await page.getByText('请填写联盟名称').waitFor();
    await page.getByTestId('alliance-name').fill('长三角双创示范基地联盟');
    await page.getByTestId('alliance-description').fill('长三角区域示范基地协同开展融通创新活动。');
    await doubleClick(page, 'alliance-save');
    await page.getByText('已保存联盟').waitFor();
    await page.getByTestId('alliances').getByText('长三角双创示范基地联盟').waitFor();
    expect(countRows(server.dbPath, 'base_alliances', 'name = ?', '长三角双创示范基地联盟')).toBe(1);
    await checkA11y(page, 'alliances page');
    await shot(page, 'coorganisers-06-alliances');
  });
});
