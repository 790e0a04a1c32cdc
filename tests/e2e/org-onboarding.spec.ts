/**
 * Issue 12 §1 in Chromium: a new user signs up at phone width (390 px; the code is read from the in-process SMTP
 * server), registers their organisation with the live credit-code check, may not publish while it awaits
 * verification, is rejected with a reason and resubmits it corrected (修改并重新提交), the Jiangsu local DRC demo
 * user (drc@) approves it in 单位审核, and the user then publishes a 科技成果. axe runs on the new pages;
 * screenshots `onboarding-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SMTPServer } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { makeUscc } from '../../common/uscc-make.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, fillField, launch, login, shot } from './support/browser.ts';
import { fillRegistrationDetails } from './support/onboarding.ts';
import { startSmtpSink } from '../../server/test/smtp-sink.ts';

let server: RunningServer;
let smtp: SMTPServer;
let phone: BrowserContext;
let desk: BrowserContext;
let page: Page;
let drcPage: Page;
const mails: ParsedMail[] = [];
const orgName = `南京栖霞智感科技有限公司${Date.now() % 10_000}`;
const uscc = makeUscc(Date.now() % 100_000_000, '320102');

beforeAll(async () => {
  let port: number;
  ({ server: smtp, port } = await startSmtpSink(mails));
  server = await startServer({ RT_SMTP_URL: `smtp://127.0.0.1:${port}`, RT_SMS_PROVIDER: 'log' });
  phone = await launch({ viewport: { width: 390, height: 844 } });
  desk = await launch({ viewport: { width: 1366, height: 900 } });
  page = await phone.newPage();
  drcPage = await desk.newPage();
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail') {
    if (page) await shot(page, `onboarding-FAILED-phone-${c.task.name.slice(0, 40)}`).catch(() => undefined);
    if (drcPage) await shot(drcPage, `onboarding-FAILED-drc-${c.task.name.slice(0, 40)}`).catch(() => undefined);
  }
});

afterAll(async () => {
  await phone?.close();
  await desk?.close();
  await server?.stop();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

/** POST through the page's own session (cookie and CSRF token), as the SPA does. */
async function postAsPage(p: Page, url: string, body: unknown): Promise<{ status: number; code?: string }> {
  return p.evaluate(
    async ([u, b]) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch(u, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(b),
      });
      const j = (await r.json().catch(() => ({}))) as { code?: string };
      return { status: r.status, code: j.code };
    },
    [url, body] as const,
  );
}

/** A 科技成果 draft: any acting organisation may create one (demands are for large enterprises only). */
const result = {
  title: '低功耗无线传感模组',
  fieldCode: 'I65',
  description: '面向工业现场的低功耗无线传感模组，电池寿命5年。',
  trl: 6,
  patents: [],
  transferMode: 'licence',
  priceExpectation: '面议',
};

describe('an SME registers its organisation and is verified by the local DRC', () => {
  it('signs up at phone width and finds the next step on the dashboard', async () => {
    const email = `zhigan${Date.now()}@example.cn`;
    await page.goto(`${server.url}/sign-up`);
    await page.getByTestId('account-identifier').fill(email);
    await page.getByTestId('account-send-code').click();
    await expect
      .poll(() => mails.filter((m) => m.to && 'text' in m.to && m.to.text.includes(email)).length, { timeout: 10_000 })
      .toBe(1);
    const code = /验证码为：(\d{6})/.exec(mails.at(-1)!.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('account-code').fill(code!);
    await page.getByTestId('account-name').fill('王智感');
    await page.getByTestId('account-password').fill('Zhigan#2026sign');
    await page.getByTestId('account-confirm').fill('Zhigan#2026sign');
    await page.getByTestId('sign-up-submit').click();
    await page.getByTestId('sign-up-welcome').waitFor();
    await page.goto(`${server.url}/workspace`);
    await page.getByTestId('dashboard-no-organisation').waitFor();
    await page.waitForTimeout(300);
    await shot(page, 'onboarding-01-dashboard-next-step');
    await page.getByTestId('dashboard-onboard').click();
    await page.waitForURL(/\/workspace\/onboarding$/);
    await page.getByTestId('register-form').waitFor();
    await checkA11y(page, 'onboarding');
  });

  it('registers the organisation with the live credit-code check', async () => {
    await page.getByTestId('register-name').fill(orgName);
    await page.getByTestId('register-uscc').fill('91320102MA1XXXXX00');
    await page.locator('[data-testid="uscc-status"][data-status="invalid"]').waitFor();
    await page.getByTestId('register-uscc').fill(uscc.toLowerCase());
    await page.locator('[data-testid="uscc-status"][data-status="valid"]').waitFor();
    // The corrected code clears the field's error (it is checked again when the verdict changes).
    await expect.poll(() => page.locator('#uscc_help, .ant-form-item-explain-error').count()).toBe(0);
    await fillRegistrationDetails(page, {
      district: '玄武区',
      industryQuery: '软件',
      industry: '软件和信息技术服务业',
      employees: '48',
      revenueWan: '2600',
    });
    await shot(page, 'onboarding-02-register-form');
    await checkA11y(page, 'onboarding register form');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.getByTestId('register-submit').click();
    await page.getByTestId('onboarding-registered').waitFor();
    await shot(page, 'onboarding-03-registered');
    // Awaiting verification: publishing is refused with the reason.
    expect(await postAsPage(page, '/api/results', result)).toEqual({ status: 403, code: 'organisation_unverified' });
    await page.goto(`${server.url}/workspace/onboarding`);
    await page.getByTestId('onboarding-my-org').waitFor();
    await page.getByTestId('verification-unverified').first().waitFor();
    await shot(page, 'onboarding-04-awaiting');
    await page.goto(`${server.url}/workspace`);
    await page.getByTestId('dashboard-unverified').waitFor();
    await page.waitForTimeout(300);
    await shot(page, 'onboarding-05-dashboard-unverified');
  });

  it('is rejected with a reason, and the registrant corrects its details and resubmits', async () => {
    const orgId = await page.evaluate(
      async () =>
        ((await (await fetch('/api/onboarding/status')).json()) as { organisations: { id: string }[] })
          .organisations[0]!.id,
    );
    await login(drcPage, server.url, 'drc@demo.rongtong.cn');
    expect(
      await postAsPage(drcPage, `/api/onboarding/verifications/${orgId}/decision`, {
        decision: 'reject',
        reason: '从业人员数与社保缴纳人数不符，请核实后重新提交',
      }),
    ).toEqual({ status: 200 });
    await page.goto(`${server.url}/workspace/onboarding`);
    await page.getByTestId('resubmit-form').waitFor();
    await page.getByText('从业人员数与社保缴纳人数不符').first().waitFor();
    // Prefilled with what was registered.
    expect(await page.getByTestId('resubmit-name').inputValue()).toBe(orgName);
    expect(await page.getByTestId('resubmit-uscc').inputValue()).toBe(uscc);
    const employees = page.getByTestId('resubmit-employees');
    const employeesInput =
      (await employees.evaluate((n) => n.tagName.toLowerCase())) === 'input'
        ? employees
        : employees.locator('input').first();
    expect(await employeesInput.inputValue()).toBe('48');
    // A credit code another organisation holds: the server's refusal lands on the field.
    const taken = await drcPage.evaluate(
      async () =>
        (
          (await (await fetch('/api/onboarding/verifications?status=verified&pageSize=1')).json()) as {
            items: { uscc: string }[];
          }
        ).items[0]!.uscc,
    );
    await page.getByTestId('resubmit-uscc').fill(taken);
    await page.getByTestId('resubmit-submit').click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '已被其他机构登记' }).waitFor();
    await shot(page, 'onboarding-03b-resubmit-field-error');
    await page.getByTestId('resubmit-uscc').fill(uscc);
    // The corrected code clears the server's error (antd fades it out: wait until it is gone).
    await page
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '已被其他机构登记' })
      .waitFor({ state: 'detached' });
    await fillField(page, 'resubmit-employees', '36');
    await page.keyboard.press('Tab');
    await shot(page, 'onboarding-03b-rejected-resubmit-form');
    await checkA11y(page, 'onboarding resubmit form');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('resubmit-submit').click();
    await page.getByText('已重新提交，等待审核').waitFor();
    await page.getByTestId('verification-unverified').first().waitFor();
    expect(await page.getByTestId('resubmit-form').count()).toBe(0);
    await shot(page, 'onboarding-03c-resubmitted');
  });

  it('is approved by the Jiangsu local DRC in 单位审核, and the user may then publish', async () => {
    await login(drcPage, server.url, 'drc@demo.rongtong.cn');
    await drcPage.goto(`${server.url}/workspace/org-verification`);
    const row = drcPage.locator('[data-testid="verification-table"] tr').filter({ hasText: orgName });
    await row.waitFor();
    await checkA11y(drcPage, 'verification queue');
    await shot(drcPage, 'onboarding-06-verification-queue');
    await row.getByTestId('verify-approve').click();
    await drcPage.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await drcPage.getByText('已审核', { exact: true }).click();
    await drcPage.locator('[data-testid="verification-table"] tr').filter({ hasText: orgName }).waitFor();
    await drcPage.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await shot(drcPage, 'onboarding-07-verified-list');

    // The registrant is told (in-app) and may publish now.
    await page.goto(`${server.url}/workspace/notifications`);
    await page.getByText(`您注册的单位「${orgName}」已通过审核`).first().waitFor();
    expect(await postAsPage(page, '/api/results', result)).toMatchObject({ status: 201 });
    await page.goto(`${server.url}/workspace`);
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('dashboard-unverified').count()).toBe(0);
  });

  it('lets a colleague ask to join, and the registrant approves in 加入申请', async () => {
    // A second person asks to join (the demo investor stands in for a colleague; any signed-in person may ask).
    await login(drcPage, server.url, 'investor@demo.rongtong.cn');
    await drcPage.goto(`${server.url}/workspace/onboarding`);
    const found = await drcPage.evaluate(
      async (q) =>
        (
          (await (await fetch(`/api/onboarding/organisations?q=${encodeURIComponent(q)}`)).json()) as {
            items: { id: string }[];
          }
        ).items,
      uscc,
    );
    expect(found).toHaveLength(1);
    expect(
      await postAsPage(drcPage, '/api/onboarding/join-requests', {
        organisationId: found[0]!.id,
        message: '我是技术部李工',
      }),
    ).toMatchObject({ status: 201 });
    expect(await postAsPage(drcPage, '/api/onboarding/join-requests', { organisationId: found[0]!.id })).toEqual({
      status: 409,
      code: 'join_request_pending',
    });
    await page.goto(`${server.url}/workspace/join-requests`);
    const row = page.locator('[data-testid="join-requests-table"] tr').filter({ hasText: '我是技术部李工' });
    await row.waitFor();
    await checkA11y(page, 'join requests');
    await shot(page, 'onboarding-08-join-requests');
    await row.getByTestId('join-approve').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByText('暂无加入申请').waitFor();
    await shot(page, 'onboarding-09-join-approved');
  });
});
