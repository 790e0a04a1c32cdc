/**
 * Issue 14 in Chromium against the real server with the demo data: NDRC opens 检索词库 from the menu, adds a
 * synonym group (double-clicked: one entry), is told on the field when the same group is added again, sees
 * the built-in entries read-only, and deletes the entry after confirming; the acceptance card counts the
 * recommendations a member was shown. axe runs on the page; screenshots `lexicon-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  ctx = await launch();
  page = await ctx.newPage();
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `lexicon-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

const entries = () => countRows(server.dbPath, 'search_lexicon_entries', '1 = 1');

async function typeTerms(words: string[]): Promise<void> {
  const input = page.getByTestId('lexicon-terms').locator('input');
  for (const w of words) {
    await input.fill(w);
    await input.press('Enter');
  }
}

describe('search lexicon administration', () => {
  it('adds a synonym group once, refuses it again on the field, and deletes it after confirming', async () => {
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.getByRole('menuitem', { name: /检索词库/ }).click();
    await page.waitForURL(/\/workspace\/lexicon$/);
    await page.getByTestId('lexicon-builtin').getByText('碳达峰碳中和').first().waitFor();

    // nothing filled: the form says what is missing, nothing is sent
    await page.getByTestId('lexicon-submit').click();
    await page.getByText('请填写词语').waitFor();
    await page.getByText('请至少填写一个词').waitFor();

    await page.getByTestId('lexicon-term').fill('布匹');
    await typeTerms(['面料', '布料']);
    await doubleClick(page, 'lexicon-submit');
    await page.getByTestId('lexicon-added').getByText('布料').waitFor();
    expect(entries()).toBe(1);
    await checkA11y(page, 'lexicon page');
    await shot(page, 'lexicon-01-added');

    // the same group in another order: refused on the field, in Chinese
    await page.getByTestId('lexicon-term').fill('面料');
    await typeTerms(['布匹', '布料']);
    await page.getByTestId('lexicon-submit').click();
    await page.getByText('已添加过相同的词条').waitFor();
    // a term equal to the word itself: the server's message on the list field
    await page.getByTestId('lexicon-term').fill('纺织品');
    await page.getByTestId('lexicon-terms').locator('.ant-select-selection-item-remove').first().click();
    await page.getByTestId('lexicon-terms').locator('.ant-select-selection-item-remove').first().click();
    await typeTerms(['纺织品']);
    await page.getByTestId('lexicon-submit').click();
    await page.getByText(/与词条本身相同/).waitFor();
    expect(entries()).toBe(1);
    await shot(page, 'lexicon-02-refused');

    await page.getByRole('button', { name: '删除词条 布匹' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^删\s?除$/ })
      .click();
    await page.getByText('还没有添加词条').waitFor();
    expect(entries()).toBe(0);
  });

  it('shows NDRC the recommendations shown to a member on the acceptance card', async () => {
    await login(page, server.url, 'member@demo.rongtong.cn');
    const r = await page.request.get(`${server.url}/api/recommendations/for-me`);
    expect(r.status()).toBe(200);
    const shown = countRows(server.dbPath, 'recommendation_impressions', '1 = 1');
    expect(shown).toBeGreaterThan(0);
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/lexicon`);
    const card = page.getByTestId('rec-stats');
    await card.getByText('按月份').waitFor();
    await expect.poll(() => card.getByTestId('rec-stats-rate').textContent()).toMatch(/0\.0%/);
    await checkA11y(page, 'lexicon page with the acceptance card');
    await shot(page, 'lexicon-03-acceptance');
  });
});
