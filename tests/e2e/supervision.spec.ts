/**
 * Issue 12 §3 and §4 in Chromium with the demo data: the local DRC comments on a Jiangsu base's draft plan and
 * reminds the base (a second reminder the same day is refused in the dialog); the base reads the thread beside its
 * editor; the supervising department (基地主管部门) follows its bases from the directory to the overview; NDRC records
 * a base's supervising department; a new programme's name follows its year; Enter in the deadline picker takes the
 * date without submitting the form. axe runs on the new views; screenshots `supervision-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, pickOption, shot } from './support/browser.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;
let changfengPlan: string;
let xinghe: { id: string };
let changfeng: { id: string };

/** A signed-in API client (cookie + CSRF token) for the setup the UI steps are not about. */
async function apiAs(email: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: email, password: 'Rongtong@2020' }),
  });
  expect(res.status, `login ${email}`).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => {
    const r = await fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

beforeAll(async () => {
  server = await startServer();
  ctx = await launch();
  page = await ctx.newPage();
  const owner = await apiAs('owner@demo.rongtong.cn');
  const programmes = await owner<{ items: { id: string; status: string }[] }>('GET', '/programmes?pageSize=50');
  const open = programmes.body.items.find((p) => p.status === 'open')!;
  const bases = await owner<{ items: { id: string; shortName: string }[] }>('GET', '/bases?pageSize=100');
  xinghe = bases.body.items.find((b) => b.shortName === '星河电力')!;
  changfeng = bases.body.items.find((b) => b.shortName === '长风汽车')!;
  // Two drafts: 长风汽车 (Jiangsu: the demo DRC's province) and 星河电力 (supervised by the demo 基地主管部门).
  const cf = await (
    await apiAs('base2@demo.rongtong.cn')
  )('POST', `/programmes/${open.id}/plans`, {
    theme: '智能网联汽车',
    title: '长风汽车融通创新主题日活动初步计划',
    body: '长风汽车拟以智能网联汽车为主题承办融通创新主题日活动，开放整车测试场景。',
  });
  expect(cf.status).toBe(201);
  changfengPlan = (cf.body as { id: string }).id;
  const xh = await (
    await apiAs('base@demo.rongtong.cn')
  )('POST', `/programmes/${open.id}/plans`, {
    theme: '能源互联网',
  });
  expect([201, 409]).toContain(xh.status);
}, 180_000);

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `supervision-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

describe('the local DRC assists a base in its province', () => {
  it('comments on a draft plan and sends a reminder, once a day', async () => {
    await login(page, server.url, 'drc@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/plans/${changfengPlan}`);
    await page.getByTestId('plan-comments').waitFor();
    await page.getByTestId('plan-comment-body').fill('请补充参与基地的分工安排和项目对接周期。');
    await page.getByTestId('plan-comment-submit').click();
    await page.getByText('意见已提交，基地已收到通知').waitFor();
    await expect
      .poll(() => page.getByTestId('plan-comments').textContent())
      .toContain('请补充参与基地的分工安排和项目对接周期。');
    expect(await page.getByTestId('plan-comments').textContent()).toContain('地方发展改革委');
    await checkA11y(page, 'plan page (local DRC)');
    await shot(page, 'supervision-01-drc-comment');

    await page.getByTestId('remind-base').click();
    await page.getByTestId('remind-message').waitFor();
    await page.waitForTimeout(400);
    await shot(page, 'supervision-02-remind-dialog');
    await page.getByTestId('remind-send').click();
    await page.getByText('提醒已发送').waitFor();
    await page.getByTestId('remind-base').click();
    await page.getByTestId('remind-send').click();
    await page.getByText('今天已向长风汽车发送过督促提醒，请明天再发送').waitFor();
    await shot(page, 'supervision-03-remind-refused');
    await page.keyboard.press('Escape');
  });

  it('lets the base read the thread beside its editor and find the reminder in its notifications', async () => {
    await login(page, server.url, 'base2@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/plans/${changfengPlan}`);
    await page.getByTestId('plan-comments').waitFor();
    await expect.poll(() => page.getByTestId('plan-comments').textContent()).toContain('请补充参与基地的分工安排');
    await page.getByTestId('plan-comments').scrollIntoViewIfNeeded();
    await shot(page, 'supervision-04-base-editor-thread');
    await page.goto(`${server.url}/workspace/notifications`);
    await page.getByText('督促提醒：长风汽车', { exact: false }).first().waitFor();
    await shot(page, 'supervision-05-base-notifications');
  });
});

describe('the supervising department follows its bases', () => {
  it('finds its bases in the directory and opens the overview', async () => {
    await login(page, server.url, 'supervisor@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/bases`);
    await page.getByTestId('base-follow').first().waitFor();
    await shot(page, 'supervision-06-directory');
    await page.goto(`${server.url}/workspace/bases/${xinghe.id}/supervision`);
    await page.getByTestId('supervision-plans').waitFor();
    await expect.poll(() => page.getByTestId('supervision-plans').textContent()).toContain('草稿');
    await checkA11y(page, 'base supervision overview');
    await shot(page, 'supervision-07-overview');
    // Another base's overview does not exist for it.
    await page.goto(`${server.url}/workspace/bases/${changfeng.id}/supervision`);
    await page
      .getByText('页面不存在', { exact: false })
      .or(page.getByText('不存在', { exact: false }))
      .first()
      .waitFor();
  });
});

describe('NDRC', () => {
  it('records a base’s supervising department on the base form', async () => {
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/bases/${changfeng.id}`);
    await page.getByTestId('base-form').waitFor();
    await page.getByTestId('base-supervisor').click();
    await page.keyboard.type('基地主管部门');
    await pickOption(page, 'base-supervisor', '基地主管部门');
    await page.getByTestId('base-save').click();
    await page.getByText('已保存').first().waitFor();
    await shot(page, 'supervision-08-base-form');
  });

  it('gets a programme name that follows the year, and Enter in the deadline picker does not submit', async () => {
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/programmes/new`);
    await page.getByTestId('programme-form').waitFor();
    const year = page.getByTestId('programme-year').locator('input').or(page.getByTestId('programme-year')).first();
    await year.fill('2031');
    await expect.poll(() => page.getByTestId('programme-name').inputValue()).toBe('2031年融通创新主题日');
    const picker = page.locator('.ant-picker input').first();
    await picker.click();
    await picker.fill('2031-06-15 23:59:59');
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/programmes')) posted = true;
    });
    await picker.press('Enter');
    await page.waitForTimeout(800);
    expect(posted).toBe(false);
    expect(page.url()).toMatch(/\/workspace\/programmes\/new$/);
    expect(await page.locator('.ant-picker input').first().inputValue()).toBe('2031-06-15 23:59:59');
    await shot(page, 'supervision-09-programme-new');
  });
});
