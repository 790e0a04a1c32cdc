/**
 * Open resources and results in Chromium against the real server with the demo data:
 * (1) a result stays invisible to the public until its organisation's designated confidentiality reviewer
 * says 可以公开 — the declaration must be ticked before submitting, 修改后公开 keeps it hidden, the author
 * edits and resubmits; (2) a small firm requests a large firm's resource, the owner approves, the
 * requester sees it approved. axe runs on every page visited; screenshots are prefixed `supply-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, fillField, launch, login, logout, pickOption, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;
const stamp = Date.now().toString(36);
const resultTitle = `分布式光伏功率预测算法（测试${stamp}）`;
const resourceTitle = `特高压绝缘子检测实验室开放（测试${stamp}）`;
let resultUrl = '';

const PUBLISHER = 'host@demo.rongtong.cn'; // 华晟通信 base administrator: designates the reviewer and publishes
const REVIEWER = 'multi@demo.rongtong.cn'; // also at 华晟通信 (base_admin there), designated in the UI
const REVIEWER_NAME = '多机构用户（演示）';

beforeAll(async () => {
  server = await startServer();
  ctx = await launch();
  page = await ctx.newPage();
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `supply-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

/** The public /results list as an anonymous visitor, after it has loaded. */
async function publicResultsText(): Promise<string> {
  await logout(page);
  await page.goto(`${server.url}/results`);
  await page.locator('[data-testid="results-cards"], .ant-empty').first().waitFor();
  return (await page.locator('#main').textContent()) ?? '';
}

/** Audit events of `action` on the result under test (issue 15: a double click writes once). */
const resultAudits = (action: string): number =>
  countRows(
    server.dbPath,
    'audit_events',
    'entity_id = ? and action = ?',
    new URL(resultUrl).pathname.split('/').pop()!,
    action,
  );
/** member@'s requests for the resource under test. */
const resourceRequests = (where = '1 = 1'): number =>
  countRows(
    server.dbPath,
    'resource_requests',
    `resource_id in (select id from resources where title = ?)
      and user_id = (select id from users where email = 'member@demo.rongtong.cn') and ${where}`,
    resourceTitle,
  );

async function expectHiddenFromPublic(step: string): Promise<void> {
  expect(await publicResultsText()).not.toContain(resultTitle);
  await checkA11y(page, `public results (${step})`);
  await page.goto(`${server.url}${new URL(resultUrl).pathname.replace('/workspace', '')}`);
  await expect.poll(() => page.locator('h1, .ant-result-title').first().textContent()).toMatch(/页面不存在/);
  expect(await page.locator('body').textContent()).not.toContain(resultTitle);
}

describe('results behind the confidentiality review', () => {
  it('lets the base administrator designate a confidentiality reviewer of the organisation', async () => {
    await login(page, server.url, PUBLISHER);
    await page.goto(`${server.url}/workspace/results?tab=reviewers`);
    await page.getByTestId('reviewers-table').waitFor();
    await checkA11y(page, 'reviewer designations');
    if (!((await page.getByTestId('reviewers-table').textContent()) ?? '').includes(REVIEWER_NAME)) {
      await pickOption(page, 'reviewer-pick', REVIEWER_NAME);
      // Double-clicked, as an impatient person does: designated once (issue 15).
      await doubleClick(page, 'reviewer-add');
    }
    await expect.poll(() => page.getByTestId('reviewers-table').textContent()).toContain(REVIEWER_NAME);
    expect(
      countRows(
        server.dbPath,
        'confidentiality_reviewers',
        'user_id = (select id from users where email = ?)',
        REVIEWER,
      ),
    ).toBe(1);
    await shot(page, 'supply-01-reviewer-designated');
  });

  it('refuses to submit until the declaration is ticked, then sends the result to review', async () => {
    await page.goto(`${server.url}/workspace/results`);
    await page.getByTestId('result-create').click();
    await page.waitForURL(/\/workspace\/results\/new/);
    await expect.poll(() => page.getByTestId('result-declaration').textContent()).toContain('本成果不涉及国家秘密');
    await expect
      .poll(() => page.getByTestId('non-classified-notice').textContent())
      .toContain('本平台为非涉密平台，严禁上传涉密信息');
    expect(await page.getByTestId('result-declaration').locator('input').isChecked()).toBe(false);
    await page.getByTestId('result-title').fill(resultTitle);
    await page.getByTestId('result-field').click();
    await page.keyboard.type('I65');
    await pickOption(page, 'result-field', 'I65');
    await page
      .getByTestId('result-description')
      .fill('基于气象数据和历史出力的深度学习功率预测，日前预测误差低于5%，已在两座电站试运行。');
    await page.getByTestId('result-patents').fill('ZL202010000001.1\nZL202010000002.X');
    expect(await page.getByTestId('result-submit').isDisabled()).toBe(true);
    await checkA11y(page, 'result editor');
    await shot(page, 'supply-02-result-declaration-unticked');

    await page.getByTestId('result-declaration').locator('input').check();
    expect(await page.getByTestId('result-submit').isDisabled()).toBe(false);
    await doubleClick(page, 'result-submit');
    await page.waitForURL(/\/workspace\/results\/[0-9a-f-]{36}/);
    resultUrl = page.url();
    await expect.poll(() => page.getByTestId('result-status').textContent()).toContain('待审查');
    expect(countRows(server.dbPath, 'results', 'title = ?', resultTitle)).toBe(1);
    expect(resultAudits('declare_and_submit')).toBe(1);
    await shot(page, 'supply-03-result-in-review');
  });

  it('keeps the result off /results and 404 on its page for an anonymous visitor', async () => {
    await expectHiddenFromPublic('in review');
    await shot(page, 'supply-04-result-404-anonymous');
  });

  it('lets the reviewer send it back with 修改后公开 (a comment is required); it stays invisible', async () => {
    await login(page, server.url, REVIEWER);
    await page.goto(`${server.url}/workspace/results?tab=review`);
    const id = new URL(resultUrl).pathname.split('/').pop()!;
    await page.getByTestId(`review-link-${id}`).click();
    await page.getByTestId('review-panel').waitFor();
    await checkA11y(page, 'review page');
    await page.getByTestId('review-outcome-revise').click();
    await page.getByTestId('review-submit').click();
    await expect.poll(() => page.getByTestId('review-panel').textContent()).toContain('请写明需修改的内容');
    await page.getByTestId('review-comment').fill('请删除简介中试运行电站的具体名称和位置后再公开。');
    await shot(page, 'supply-05-review-revise');
    await doubleClick(page, 'review-submit');
    await expect.poll(() => page.getByTestId('result-status').textContent()).toContain('需修改');
    expect(resultAudits('review_revise')).toBe(1);
    await expectHiddenFromPublic('changes requested');
  });

  it('lets the publisher edit and resubmit, declaring again', async () => {
    await login(page, server.url, PUBLISHER);
    await page.goto(resultUrl);
    await expect
      .poll(() => page.getByTestId('result-review-outcome').textContent())
      .toContain('请删除简介中试运行电站');
    await page
      .getByTestId('result-description')
      .fill('基于气象数据和历史出力的深度学习功率预测，日前预测误差低于5%，已完成电站试运行验证。');
    expect(await page.getByTestId('result-declaration').locator('input').isChecked()).toBe(false);
    expect(await page.getByTestId('result-submit').isDisabled()).toBe(true);
    await checkA11y(page, 'result sent back');
    await shot(page, 'supply-06-result-changes-requested');
    await page.getByTestId('result-declaration').locator('input').check();
    await doubleClick(page, 'result-submit');
    await expect.poll(() => page.getByTestId('result-status').textContent()).toContain('待审查');
    expect(resultAudits('declare_and_submit')).toBe(2);
    expect(countRows(server.dbPath, 'results', 'title = ?', resultTitle)).toBe(1);
  });

  it('publishes it with 可以公开, after which anonymous visitors find it on /results', async () => {
    await login(page, server.url, REVIEWER);
    await page.goto(resultUrl);
    await page.getByTestId('review-panel').waitFor();
    await page.getByTestId('review-outcome-public').click();
    await doubleClick(page, 'review-submit');
    await expect.poll(() => page.getByTestId('result-status').textContent()).toContain('已公开');
    expect(resultAudits('review_public')).toBe(1);

    expect(await publicResultsText()).toContain(resultTitle);
    await shot(page, 'supply-07-results-public-list');
    await page.getByText(resultTitle).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(resultTitle);
    await page.getByTestId('result-apply-login').waitFor();
    await checkA11y(page, 'public result page');
    await shot(page, 'supply-08-result-public-page');
  });
});

describe('a resource request from a small firm to a large firm', () => {
  it('lets the large firm publish a resource with a quota', async () => {
    await login(page, server.url, 'base@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/resources`);
    await page.getByTestId('my-resources').waitFor();
    await checkA11y(page, 'my resources');
    await page.getByTestId('resource-create').click();
    await page.getByTestId('resource-title').fill(resourceTitle);
    await page
      .getByTestId('resource-description')
      .fill('开放特高压绝缘子机械性能和电气性能检测平台，面向中小企业提供样品检测与联合试验。');
    await fillField(page, 'resource-quota', '3');
    await checkA11y(page, 'resource form');
    await shot(page, 'supply-09-resource-form');
    await doubleClick(page, 'resource-publish');
    await expect.poll(() => page.getByTestId('my-resources').textContent()).toContain(resourceTitle);
    const row = page.locator('tr').filter({ hasText: resourceTitle });
    await expect.poll(() => row.textContent()).toContain('已发布');
    expect(await row.count()).toBe(1);
    expect(countRows(server.dbPath, 'resources', 'title = ?', resourceTitle)).toBe(1);
    await shot(page, 'supply-10-resource-published');
  });

  it('lets member@ find it on /resources and request it with purpose and dates', async () => {
    await logout(page);
    await page.goto(`${server.url}/resources`);
    await page.getByTestId('resources-q').fill(stamp);
    await page.getByTestId('filter-search').click();
    await page.getByText(resourceTitle).first().waitFor();
    await checkA11y(page, 'public resources');
    await shot(page, 'supply-11-resources-public');
    await page.getByText(resourceTitle).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(resourceTitle);
    await page.getByTestId('resource-request-login').waitFor();
    await checkA11y(page, 'public resource page');

    await login(page, server.url, 'member@demo.rongtong.cn');
    await page.goto(`${server.url}/resources`);
    await page.getByTestId('resources-q').fill(stamp);
    await page.getByTestId('filter-search').click();
    await page.getByText(resourceTitle).first().click();
    await page.getByTestId('resource-request').click();
    await expect.poll(() => page.getByTestId('request-quota').textContent()).toMatch(/剩余 3 个/);
    await page.getByTestId('request-purpose').fill('验证我司新型复合绝缘子样品的机械强度，为量产定型提供检测报告。');
    await page.getByTestId('request-start').fill('2030-03-02');
    await page.getByTestId('request-end').fill('2030-03-04');
    await checkA11y(page, 'request form');
    await shot(page, 'supply-12-request-form');
    await doubleClick(page, 'request-submit');
    await page.getByText('申请已提交，开放单位处理后您会收到通知。').waitFor();
    expect(resourceRequests()).toBe(1);
  });

  it('lets base@ approve the request and member@ see it approved', async () => {
    await login(page, server.url, 'base@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/resources?tab=received`);
    const row = page.locator('[data-testid="requests-received"] tr').filter({ hasText: resourceTitle });
    await row.first().waitFor();
    await checkA11y(page, 'received requests');
    await shot(page, 'supply-13-requests-received');
    await row.locator('[data-testid^="request-approve-"]').dblclick();
    await expect.poll(() => row.first().textContent()).toContain('已同意');
    expect(resourceRequests("status = 'approved'")).toBe(1);
    expect(
      countRows(
        server.dbPath,
        'audit_events',
        "action = 'approve' and entity_id in (select id from resource_requests where resource_id in (select id from resources where title = ?))",
        resourceTitle,
      ),
    ).toBe(1);

    await login(page, server.url, 'member@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/resources?tab=mine`);
    const mine = page.locator('[data-testid="requests-mine"] tr').filter({ hasText: resourceTitle });
    await expect.poll(() => mine.first().textContent()).toContain('已同意');
    await checkA11y(page, 'my requests');
    await shot(page, 'supply-14-request-approved');
  });

  it('shows the resources list and the docking pages on a phone without sideways scrolling', async () => {
    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/resources`);
    await phone.locator('[data-testid="resources-cards"], .ant-empty').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await checkA11y(phone, 'resources on a phone');
    await shot(phone, 'supply-15-resources-phone');
    await phone.close();

    await page.goto(`${server.url}/docking`);
    await page.locator('[data-testid="docking-sessions"], .ant-empty').first().waitFor();
    await checkA11y(page, 'docking portal');
    await shot(page, 'supply-16-docking');
    await page.goto(`${server.url}/workspace/docking`);
    await page.getByTestId('session-create').click();
    await page.getByTestId('session-save').waitFor();
    await checkA11y(page, 'docking session form');
    await shot(page, 'supply-17-docking-session-form');
  });
});
