/**
 * The national showcase in Chromium against the real server with the demo data (issue 11 §3).
 *
 * member@ (智芯微电子) finds 成功案例 in its menu, opens its project 「5G工业模组国产芯片联合研发」 with 华晟通信 and
 * proposes it as a success case: the editor checks the story, warns before leaving with unsaved input, takes a
 * figure and an uploaded photo. host@ (华晟通信, the other party) agrees; member@ edits the case, which asks every
 * party again; host@ agrees again; NDRC publishes it and, signed out, the portal's /cases shows it with its figure
 * and photo. NDRC names 华晟通信 a 2020 benchmark enterprise with a reason on /workspace/benchmarks (its menu
 * only), the portal's /benchmarks shows it, and NDRC removes it again after a confirmation. axe on every page;
 * screenshots `showcase-`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, fillField, launch, login, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let ctx: BrowserContext;
const PROJECT = '5G工业模组国产芯片联合研发';
const TITLE = '国产5G工业模组芯片走进华晟通信产线';
const EDITED = '国产5G工业模组芯片批量进入华晟通信供应链';
const REASON = '开放5G专网测试环境，带动12家中小企业完成模组和终端测试，融通示范作用突出。';
let caseUrl = '';
let photo: Buffer;

async function visible(p: Page, testId: string, timeout = 20_000) {
  await expect.poll(() => p.getByTestId(testId).first().isVisible(), { timeout }).toBe(true);
}
const menu = (p: Page) => p.locator('.ant-layout-sider, .ant-drawer').first();

beforeAll(async () => {
  server = await startServer();
  ctx = await launch();
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

describe('success cases and benchmark enterprises', () => {
  it('member@ proposes its project as a success case with a figure and a photo', async () => {
    const page = await ctx.newPage();
    // A picture to upload, drawn in the browser.
    await page.goto(`${server.url}/`);
    const dataUrl = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 960;
      c.height = 640;
      const g = c.getContext('2d')!;
      const grad = g.createLinearGradient(0, 0, 960, 640);
      grad.addColorStop(0, '#0b57d0');
      grad.addColorStop(1, '#12a17a');
      g.fillStyle = grad;
      g.fillRect(0, 0, 960, 640);
      g.fillStyle = '#fff';
      g.font = 'bold 64px sans-serif';
      g.fillText('5G 工业模组产线', 200, 340);
      return c.toDataURL('image/png');
    });
    photo = Buffer.from(dataUrl.split(',')[1]!, 'base64');

    await login(page, server.url, 'member@demo.rongtong.cn');
    await expect.poll(() => menu(page).textContent()).toContain('成功案例');
    expect(await menu(page).textContent()).not.toContain('标杆企业');
    await menu(page).getByRole('link', { name: '成功案例' }).click();
    await visible(page, 'cases-how');
    await checkA11y(page, 'workspace cases list (member)');
    await page.getByRole('link', { name: '前往合作项目' }).click();
    await page.getByRole('link', { name: PROJECT }).first().click();
    await visible(page, 'project-case-propose');
    const projectUrl = page.url();
    await page.getByTestId('project-case-propose').click();
    await visible(page, 'case-title');
    expect(await page.getByTestId('case-editor-rule').textContent()).toContain('华晟通信股份有限公司');
    await checkA11y(page, 'case editor (new)');

    // The story is required: the message shows on the field and nothing is sent.
    await fillField(page, 'case-title', TITLE);
    await doubleClick(page, 'case-save');
    await expect.poll(() => page.getByText('请填写案例介绍').isVisible()).toBe(true);
    expect(page.url()).toContain('/workspace/cases/new');
    expect(countRows(server.dbPath, 'success_cases', 'title = ?', TITLE)).toBe(0);

    // Typed input is not lost by a click on the menu: the leave warning is declined, the page stays.
    await menu(page).getByRole('link', { name: '成功案例' }).click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '案例尚未保存' });
    await confirm.waitFor();
    await page.getByTestId('leave-confirm-stay').click();
    await confirm.waitFor({ state: 'detached' });
    expect(page.url()).toContain('/workspace/cases/new');
    expect(await page.getByTestId('case-title').inputValue()).toBe(TITLE);

    await fillField(page, 'case-summary', '华晟通信开放5G专网产线验证，智芯微电子的工业模组芯片完成适配并小批量供货。');
    await fillField(
      page,
      'case-story',
      '在华晟通信5G与工业互联网融通创新主题日上，双方就5G工业模组国产芯片联合研发达成合作。\n# 大企业开放产线\n华晟通信开放5G专网测试环境和两条产线，智芯微电子完成芯片适配。',
    );
    await page.getByTestId('case-figure-add').click();
    await page.getByTestId('case-figure-label').first().fill('良品率提升');
    await page.getByTestId('case-figure-value').first().fill('12');
    await page.getByTestId('case-figure-unit').first().fill('%');
    await page.getByTestId('case-figure-add').click();
    expect(await page.getByTestId('case-figure-row').count()).toBe(2);
    await page.getByRole('button', { name: '删除第2项指标' }).click();
    expect(await page.getByTestId('case-figure-row').count()).toBe(1);
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'production-line.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => page.getByTestId('case-photos').locator('img').count()).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'showcase-case-editor');
    await checkA11y(page, 'case editor (filled)');

    // An impatient double click proposes one case.
    await doubleClick(page, 'case-save');
    await page.waitForURL(/\/workspace\/cases\/(?!new)[^/]+$/);
    caseUrl = page.url();
    expect(countRows(server.dbPath, 'success_cases', 'title = ?', TITLE)).toBe(1);
    await expect.poll(() => page.getByTestId('case-status').textContent()).toContain('待合作方同意');
    const consents = page.locator('tr', { hasText: '智芯微电子科技有限公司' });
    expect(await consents.textContent()).toContain('同意');
    expect(await page.locator('tr', { hasText: '华晟通信股份有限公司' }).textContent()).toContain('待确认');
    expect(await page.getByTestId('case-workspace-story').innerHTML()).toContain('<h3>大企业开放产线</h3>');
    expect(await page.getByTestId('case-workspace-photos').locator('img').count()).toBe(1);
    // The proposing party agreed by proposing: it may withdraw, not agree again.
    await visible(page, 'case-mine-agreed');
    expect(await page.getByTestId('case-agree').count()).toBe(0);
    expect(await page.getByTestId('case-decline').textContent()).toContain('撤回同意');
    await shot(page, 'showcase-case-proposed');
    await checkA11y(page, 'workspace case (proposed)');

    // The project page now opens the case instead of proposing another.
    await page.goto(projectUrl);
    await visible(page, 'project-case-open');
    expect(await page.getByTestId('project-case-propose').count()).toBe(0);
    await page.close();
  }, 240_000);

  it('the other party agrees; an edit asks every party again; NDRC publishes', async () => {
    const page = await ctx.newPage();
    await login(page, server.url, 'host@demo.rongtong.cn');
    await menu(page).getByRole('link', { name: '成功案例' }).click();
    await visible(page, 'cases-table');
    await page.getByRole('link', { name: TITLE }).click();
    await visible(page, 'case-agree');
    await checkA11y(page, 'workspace case (party to agree)');
    await page.getByTestId('case-agree').click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toContain('各方已同意');

    await login(page, server.url, 'member@demo.rongtong.cn');
    await page.goto(caseUrl);
    await page.getByTestId('case-edit').click();
    await visible(page, 'case-title');
    expect(await page.getByTestId('case-title').inputValue()).toBe(TITLE);
    expect(await page.getByTestId('case-story').inputValue()).toContain('# 大企业开放产线');
    expect(await page.getByTestId('case-figure-label').first().inputValue()).toBe('良品率提升');
    expect(await page.getByTestId('case-editor-rule').textContent()).toContain('须各合作方重新同意');
    await fillField(page, 'case-title', EDITED);
    const caseId = caseUrl.split('/').pop()!;
    const edits = () => countRows(server.dbPath, 'audit_events', "entity_id = ? and action = 'update'", caseId);
    const editsBefore = edits();
    // Double-clicked: one edit, and the case is still the only one (issue 15).
    await doubleClick(page, 'case-save');
    await page.waitForURL(caseUrl);
    expect(edits()).toBe(editsBefore + 1);
    expect(countRows(server.dbPath, 'success_cases', 'title in (?, ?)', TITLE, EDITED)).toBe(1);
    await expect.poll(() => page.getByTestId('case-status').textContent()).toContain('待合作方同意');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(EDITED);

    await login(page, server.url, 'host@demo.rongtong.cn');
    await page.goto(caseUrl);
    await page.getByTestId('case-agree').click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toContain('各方已同意');

    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(caseUrl);
    // Double-clicked: published once (issue 15).
    await doubleClick(page, 'case-publish');
    await expect.poll(() => page.getByTestId('case-status').textContent()).toContain('已发布');
    expect(countRows(server.dbPath, 'audit_events', "entity_id = ? and action = 'publish'", caseId)).toBe(1);
    expect(await page.getByTestId('case-edit').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('signed out, the portal’s cases show the published case with its figure and photo', async () => {
    const page = await ctx.newPage();
    await ctx.clearCookies();
    await page.goto(`${server.url}/cases`);
    await visible(page, 'cases-list');
    await page.getByRole('link', { name: EDITED }).click();
    await visible(page, 'case-article');
    const article = page.getByTestId('case-article');
    expect(await article.textContent()).toContain('良品率提升');
    expect(await page.getByTestId('case-story').innerHTML()).toContain('<h3>大企业开放产线</h3>');
    expect(await article.locator('img[src^="/api/public/images/"]').count()).toBeGreaterThan(0);
    await shot(page, 'showcase-portal-case');
    await checkA11y(page, 'portal case (new)');
    await page.close();
  }, 120_000);

  it('NDRC names a 2020 benchmark enterprise with a reason; the portal shows it; NDRC removes it', async () => {
    const page = await ctx.newPage();
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await menu(page).getByRole('link', { name: '标杆企业' }).click();
    await visible(page, 'benchmarks-table');
    await expect.poll(() => page.getByTestId('benchmarks-table').textContent()).toContain('星河电力集团有限公司');
    await checkA11y(page, 'workspace benchmarks');

    // Reasons are required; the message shows on the field.
    await page.getByTestId('benchmark-submit').click();
    await expect.poll(() => page.getByText('请填写推选理由').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('请选择企业').isVisible()).toBe(true);

    // An enterprise already named for the year: the server's Chinese message lands on the field.
    await page.getByTestId('benchmark-org').click();
    await page.keyboard.type('智芯');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '智芯微电子' }).click();
    await fillField(page, 'benchmark-reason', REASON);
    await page.getByTestId('benchmark-submit').click();
    await expect.poll(() => page.getByText('该企业已是2020年度融通创新标杆企业').isVisible()).toBe(true);

    await page.getByTestId('benchmark-org').click();
    await page.keyboard.type('华晟');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '华晟通信股份' }).click();
    expect(await page.getByTestId('benchmark-year').inputValue()).toBe('2020');
    await doubleClick(page, 'benchmark-submit');
    const row = page.locator('[data-testid=benchmarks-table] tr', { hasText: '华晟通信股份有限公司' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(REASON);
    expect(countRows(server.dbPath, 'benchmark_enterprises', 'year = 2020 and reason = ?', REASON)).toBe(1);
    expect(await page.getByTestId('benchmark-reason').inputValue()).toBe('');
    await shot(page, 'showcase-benchmarks-workspace');
    await checkA11y(page, 'workspace benchmarks (named)');

    await ctx.clearCookies();
    await page.goto(`${server.url}/benchmarks`);
    await visible(page, 'benchmarks-list');
    await expect.poll(() => page.getByTestId('benchmarks-list').textContent()).toContain('华晟通信股份有限公司');
    expect(await page.getByTestId('benchmarks-list').textContent()).toContain(REASON);

    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/benchmarks`);
    await expect.poll(() => row.count()).toBe(1);
    await row.getByTestId('benchmark-remove').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /撤\s*销/ })
      .click();
    await expect.poll(() => row.count()).toBe(0);
    await page.goto(`${server.url}/benchmarks`);
    await visible(page, 'benchmarks-list');
    expect(await page.getByTestId('benchmarks-list').textContent()).not.toContain('华晟通信股份有限公司');

    // Other roles have no such page.
    await login(page, server.url, 'host@demo.rongtong.cn');
    expect(await menu(page).textContent()).not.toContain('标杆企业');
    await page.goto(`${server.url}/workspace/benchmarks`);
    await expect.poll(() => page.getByText('无权访问').first().isVisible()).toBe(true);
    await page.close();
  }, 180_000);
});
