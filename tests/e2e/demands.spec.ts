/**
 * Collaborative R&D in a real browser against the real server with the demo data: base@ (星河电力, a large
 * enterprise) publishes a demand; member@ (智芯微电子, an SME) finds it on the global search with a Chinese
 * query (the word 芯片 highlighted), responds with a proposal and a small PDF; base@ shortlists and accepts
 * the response and forms an innovation consortium — shares summing to 90 % are refused on the page, 60/40 cost
 * and 70/30 benefit are saved as a draft — and both members sign. Axe on every page; screenshots `demands-*`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addDays, shanghaiToday } from '../../common/time.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, fillField, launch, login, logout, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;

const TITLE = '变电站巡检机器人视觉识别芯片联合攻关';
let demandId = '';
/** SQL for the consortia of the demand bound as its parameter. */
const CONSORTIA = '(select id from consortia where demand_id = ?)';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n'),
  Buffer.alloc(400, 0x20),
  Buffer.from('\n%%EOF\n'),
]);

beforeAll(async () => {
  server = await startServer({ SEARCH_REFRESH_SECONDS: '1' });
  ctx = await launch();
  page = await ctx.newPage();
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `demands-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

/** The <input> of an antd control found by test id, whether the id sits on the input or on its wrapper. */
const inputOf = async (p: Page, testId: string) => {
  const el = p.getByTestId(testId);
  return (await el.evaluate((n) => n.tagName.toLowerCase())) === 'input' ? el : el.locator('input').first();
};

/** Confirms the confirmation dialog, which must be the only one open (a double click must not open two). */
const confirmModal = async (p: Page) => {
  const ok = p.locator('.ant-modal-confirm-btns .ant-btn-primary');
  await ok.waitFor();
  await p.waitForTimeout(300);
  expect(await p.locator('.ant-modal-confirm').count()).toBe(1);
  await ok.click();
  await ok.waitFor({ state: 'detached' });
};

describe('demands, search and consortia in Chromium', () => {
  it('shows what is open now, the demand lists and the search to anonymous visitors, on desktop and on a phone', async () => {
    await page.goto(server.url);
    // What is open now sits below the theme days and loads when a reader scrolls towards it.
    await page.getByTestId('theme-day-cards').waitFor();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByTestId('open-now').waitFor();
    await expect.poll(() => page.getByTestId('open-demands').textContent()).toMatch(/配电网故障/);
    await shot(page, 'demands-01-home-open-now');
    await checkA11y(page, 'home with open-now');

    // The theme day's page lists what was published on it, part by part.
    await page
      .getByTestId('theme-day-cards')
      .getByRole('link', { name: /查看详情/ })
      .first()
      .click();
    await page.waitForURL(/\/theme-days\//);
    await expect
      .poll(() => page.getByTestId('theme-day-content').textContent(), { timeout: 15_000 })
      .toMatch(/5G专网边缘计算平台/);
    await expect.poll(() => page.getByTestId('td-part-resource_sharing').textContent()).toMatch(/5G智慧工厂/);
    await shot(page, 'demands-01b-theme-day-content');
    await checkA11y(page, 'theme day with its content');

    await page.getByTestId('portal-search-link').click();
    await page.waitForURL(/\/search/);
    await expect.poll(() => page.getByTestId('search-hit').count()).toBeGreaterThan(3);
    await shot(page, 'demands-02-search-newest');
    await checkA11y(page, 'search (newest)');

    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/search?q=${encodeURIComponent('5G 边缘计算')}`);
    await expect.poll(() => phone.getByTestId('search-hit').count()).toBeGreaterThan(0);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(phone, 'demands-03-search-phone');
    await checkA11y(phone, 'search on a phone');
    await phone.close();

    await page.goto(`${server.url}/demands`);
    await page.getByTestId('demands-cards').waitFor();
    await shot(page, 'demands-04-portal-list');
    await checkA11y(page, 'demands list');
    await page.getByRole('tab', { name: '新技术目录' }).click();
    await expect.poll(() => page.getByTestId('demands-cards').textContent()).toMatch(/边缘计算平台/);
    await page.getByRole('link', { name: '5G专网边缘计算平台' }).click();
    await page.waitForURL(/\/technologies\//);
    await page.getByTestId('demand-facts').waitFor();
    await checkA11y(page, 'technology detail');
    await page.getByTestId('demand-facts').getByRole('link', { name: '华晟通信股份有限公司' }).click();
    await page.waitForURL(/\/orgs\//);
    await expect.poll(() => page.getByTestId('org-technologies').textContent()).toMatch(/边缘计算平台/);
    await shot(page, 'demands-05-org-page');
    await checkA11y(page, 'organisation page');
  });

  it('lets base@ publish a demand with indicators, budget and deadline', async () => {
    await login(page, server.url, 'base@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/demands`);
    await page.getByTestId('demands-table').waitFor();
    await checkA11y(page, 'workspace demands');
    await page.getByTestId('demand-new').click();
    await page.getByTestId('demand-form').waitFor();
    // Live validation: an empty title is flagged as soon as it is typed and cleared.
    await fillField(page, 'demand-title', 'x');
    await fillField(page, 'demand-title', '');
    await expect.poll(() => page.getByTestId('demand-form').textContent()).toMatch(/请填写名称/);
    await fillField(page, 'demand-title', TITLE);
    await page.getByTestId('demand-field').click();
    await page.keyboard.type('计算机、通信');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '39 计算机' }).first().click();
    await fillField(
      page,
      'demand-description-input',
      '为变电站智能巡检机器人研制专用视觉识别芯片，实现表计读数、设备外观缺陷和红外测温的端侧实时识别，替代现有工控机方案。',
    );
    await fillField(
      page,
      'demand-indicators-input',
      '识别准确率≥98%；单帧推理时延≤50ms；整芯片功耗≤3W；工作温度-40℃~85℃。',
    );
    await fillField(page, 'demand-budget-min', '300');
    await fillField(page, 'demand-budget-max', '800');
    const deadline = addDays(shanghaiToday(), 30);
    const date = await inputOf(page, 'demand-deadline-input');
    await date.click();
    await date.fill(deadline);
    await date.press('Enter');
    await fillField(page, 'demand-ip-input', '背景知识产权归各自所有；联合攻关新产生的知识产权按利益分享比例共有。');
    await shot(page, 'demands-06-publish-form');
    await checkA11y(page, 'publish form');
    // Double-clicked, as an impatient person does: one demand, published once (issue 15).
    await doubleClick(page, 'demand-form-publish');
    await page.getByTestId('demand-form').waitFor({ state: 'detached' });
    const row = page.getByTestId('demands-table').getByRole('link', { name: TITLE, exact: true });
    await row.waitFor();
    demandId = ((await row.getAttribute('data-testid')) ?? '').replace('ws-demand-', '');
    expect(demandId).not.toBe('');
    await expect.poll(() => page.getByTestId('demands-table').textContent()).toMatch(/已发布/);
    expect(countRows(server.dbPath, 'demands', 'title = ?', TITLE)).toBe(1);
    expect(countRows(server.dbPath, 'demands', "title = ? and status = 'published'", TITLE)).toBe(1);
    await logout(page);
  });

  it('lets member@ find it by searching 芯片 with the term highlighted, and respond with a proposal and a PDF', async () => {
    await login(page, server.url, 'member@demo.rongtong.cn');
    const url = `${server.url}/search?q=${encodeURIComponent('巡检机器人芯片')}`;
    await page.goto(url);
    // The index refreshes in the background: reload until the new demand is in it.
    await expect
      .poll(
        async () => {
          await page.goto(url);
          await page.getByTestId('search-count').waitFor();
          await page.waitForLoadState('networkidle');
          return page.getByTestId(`search-hit-link-${demandId}`).count();
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toBe(1);
    const hit = page.getByTestId(`search-hit-link-${demandId}`);
    expect(await hit.locator('mark').allTextContents()).toContain('芯片');
    await shot(page, 'demands-07-search-hit');
    await checkA11y(page, 'search with a hit');

    await hit.click();
    await page.waitForURL(new RegExp(`/demands/${demandId}`));
    await expect.poll(() => page.getByTestId('demand-indicators').textContent()).toMatch(/识别准确率/);
    await expect.poll(() => page.getByTestId('demand-deadline').textContent()).toMatch(/剩余 30 天/);
    await checkA11y(page, 'demand detail');
    await page.getByTestId('demand-respond').click();
    await page.getByTestId('response-form').waitFor();
    await expect
      .poll(() => page.getByTestId('non-classified-notice').textContent())
      .toContain('本平台为非涉密平台，严禁上传涉密信息');
    await fillField(
      page,
      'response-proposal',
      '智芯微电子拥有28nm边缘AI芯片平台，可在12个月内完成巡检视觉识别专用芯片流片，提供参考板和算法移植服务。',
    );
    await page
      .getByTestId('response-form')
      .locator('input[type=file]')
      .setInputFiles({ name: '智芯技术方案.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => page.getByTestId('response-form').textContent()).toMatch(/智芯技术方案\.pdf/);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await shot(page, 'demands-08-respond');
    await checkA11y(page, 'response form');
    // Double-clicked, as an impatient person does: one response with the PDF attached once (issue 15).
    await doubleClick(page, 'response-submit');
    await page.getByTestId('my-response').waitFor();
    await expect.poll(() => page.getByTestId('my-response').textContent()).toMatch(/智芯技术方案\.pdf/);
    await expect.poll(() => page.getByTestId('my-response-status').textContent()).toBe('已提交');
    expect(countRows(server.dbPath, 'demand_responses', 'demand_id = ?', demandId)).toBe(1);
    const attached = `entity_id in (select id from demand_responses where demand_id = ?) and action = 'attach'`;
    expect(countRows(server.dbPath, 'audit_events', attached, demandId)).toBe(1);
    expect(await page.getByTestId('my-response').getByText('智芯技术方案.pdf').count()).toBe(1);
    await logout(page);
  });

  it('lets base@ shortlist and accept the response, refuse shares summing to 90 %, save 60/40 and 70/30 as a draft and sign', async () => {
    await login(page, server.url, 'base@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/demands/${demandId}`);
    await page.getByTestId('responses-panel').waitFor();
    const resp = page.getByTestId('responses-panel').locator('.rt-response-item').filter({ hasText: '智芯微电子' });
    await resp.waitFor();
    await expect.poll(() => resp.getByTestId('response-attachments').textContent()).toMatch(/智芯技术方案\.pdf/);
    await resp.getByTestId('response-shortlist').click();
    await expect.poll(() => resp.getByTestId('response-status').textContent()).toBe('已入围');
    await resp.getByTestId('response-accept').click();
    await confirmModal(page);
    await expect.poll(() => resp.getByTestId('response-status').textContent()).toBe('已采纳');
    await shot(page, 'demands-09-responses');
    await checkA11y(page, 'manage demand');

    await page.getByTestId('consortium-new').click();
    await page.getByTestId('consortium-form').waitFor();
    await expect.poll(() => page.getByTestId('consortium-row-1').textContent()).toMatch(/智芯微电子/);
    await fillField(page, 'consortium-role-1', '视觉识别芯片设计与流片');
    await fillField(page, 'consortium-cost-0', '50');
    await fillField(page, 'consortium-cost-1', '40');
    await fillField(page, 'consortium-benefit-0', '70');
    await fillField(page, 'consortium-benefit-1', '30');
    await expect.poll(() => page.getByTestId('consortium-sum-cost').getAttribute('data-ok')).toBe('false');
    await expect.poll(() => page.getByTestId('consortium-sum-cost').textContent()).toMatch(/90%/);
    await page.getByTestId('consortium-save').click();
    await expect.poll(() => page.getByTestId('consortium-error').textContent()).toMatch(/100%/);
    expect(await page.getByTestId('consortium-status').count()).toBe(0);
    const saved = (await (await page.request.get(`${server.url}/api/demands/${demandId}/consortia`)).json()) as {
      items: unknown[];
    };
    expect(saved.items).toEqual([]);
    await shot(page, 'demands-10-consortium-refused');
    await checkA11y(page, 'consortium form refused');

    await fillField(page, 'consortium-cost-0', '60');
    await expect.poll(() => page.getByTestId('consortium-sum-cost').getAttribute('data-ok')).toBe('true');
    await expect.poll(() => page.getByTestId('consortium-sum-benefit').getAttribute('data-ok')).toBe('true');
    // Double-clicked: one consortium with its two members (issue 15).
    await doubleClick(page, 'consortium-save');
    await page.getByTestId('consortium-form').waitFor({ state: 'detached' });
    expect(countRows(server.dbPath, 'consortia', 'demand_id = ?', demandId)).toBe(1);
    expect(countRows(server.dbPath, 'consortium_members', `consortium_id in ${CONSORTIA}`, demandId)).toBe(2);
    await expect.poll(() => page.getByTestId('consortium-status').textContent()).toMatch(/草稿/);
    await expect.poll(() => page.getByTestId('consortium-members').textContent()).toMatch(/60%.*70%.*40%.*30%/);
    // Double-clicked: one confirmation, one signature (issue 15).
    await doubleClick(page, 'consortium-sign');
    await confirmModal(page);
    await expect.poll(() => page.getByTestId('consortium-sign').count()).toBe(0);
    expect(countRows(server.dbPath, 'audit_events', `action = 'sign' and entity_id in ${CONSORTIA}`, demandId)).toBe(1);
    await expect.poll(() => page.getByTestId('consortium-status').textContent()).toMatch(/草稿/);
    await shot(page, 'demands-11-consortium-draft');
    await logout(page);
  });

  it('lets member@ sign too, which makes the consortium signed', async () => {
    await login(page, server.url, 'member@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/demands?tab=consortia`);
    await page.getByTestId('my-consortia-table').waitFor();
    await checkA11y(page, 'my consortia');
    await page
      .getByTestId('my-consortia-table')
      .getByRole('link', { name: /签署协议/ })
      .first()
      .click();
    await page.getByTestId('consortium-panel').waitFor();
    // Double-clicked: one confirmation, one more signature, signed once (issue 15).
    await doubleClick(page, 'consortium-sign');
    await confirmModal(page);
    await expect.poll(() => page.getByTestId('consortium-status').textContent()).toMatch(/已全体签署/);
    expect(countRows(server.dbPath, 'audit_events', `action = 'sign' and entity_id in ${CONSORTIA}`, demandId)).toBe(2);
    expect(
      countRows(server.dbPath, 'consortium_members', `consortium_id in ${CONSORTIA} and signed_at is null`, demandId),
    ).toBe(0);
    await shot(page, 'demands-12-consortium-signed');
    await checkA11y(page, 'consortium signed');
    await logout(page);
  });
});
