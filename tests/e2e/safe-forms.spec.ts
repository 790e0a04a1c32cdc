/**
 * Safe forms (issue 15) in Chromium against the real server with the demo data. The plan editor (base2@,
 * 长风汽车): typed text makes 「返回」 and the browser's back button ask 「有未保存的修改，确定离开吗？」 —
 * 继续编辑 keeps the text; the unsaved text reaches the server as a draft within seconds, so closing the tab
 * (the browser's own beforeunload prompt) and opening the editor again restores it with
 * 「已恢复您上次未保存的内容」 and 放弃草稿; saving deletes the draft and leaving no longer asks. The 发布创新需求
 * dialog (base@): Esc with typed text asks, 继续编辑 keeps it, 离开 discards it and nothing is created.
 * Screenshots `safe-forms-*`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, fillField, launch, login, shot } from './support/browser.ts';
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
  if (c.task.result?.state === 'fail' && page && !page.isClosed())
    await shot(page, `safe-forms-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

const THEME = '新能源汽车与智能网联融通创新';
const BODY = '长风汽车开放整车测试场和智能网联应用场景，联合零部件中小企业开展协同研发。';

/** The leave/close confirm currently showing. */
const confirmBox = (p: Page) => p.locator('.ant-modal-confirm').filter({ hasText: '有未保存的修改，确定离开吗？' });

/** Waits for the confirm and answers it: 继续编辑 (stay) or 离开 (leave). */
async function answer(p: Page, choice: 'stay' | 'leave') {
  await confirmBox(p).waitFor();
  await p.getByTestId(choice === 'stay' ? 'leave-confirm-stay' : 'leave-confirm-leave').click();
  await confirmBox(p).waitFor({ state: 'detached' });
}

/** The page header's 「返回」 (antd spaces two-character labels: 「返 回」). */
const backLink = (p: Page) => p.getByRole('link', { name: /^返\s*回$/ });

/** Lets the modal's fade-in finish before a screenshot. */
async function settled(p: Page) {
  await p
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, {
      timeout: 3_000,
    })
    .catch(() => undefined);
}

/** The caller's draft of a form, as the API answers it (the browser context's session). */
async function draftStatus(key: string): Promise<number> {
  const r = await ctx.request.get(`${server.url}/api/form-drafts/${key}`);
  return r.status();
}

let planUrl = '';
let planId = '';

describe('safe forms in Chromium', () => {
  it('plan editor: 「返回」 and the browser back button ask; 继续编辑 keeps the text', async () => {
    await login(page, server.url, 'base2@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/plans`);
    const create = page.getByTestId('plan-create');
    const link = page.locator('[data-testid^="plan-link-"]').first();
    await create.or(link).first().waitFor();
    const plansOfBase2 = () =>
      countRows(
        server.dbPath,
        'preliminary_plans',
        'created_by = (select id from users where email = ?)',
        'base2@demo.rongtong.cn',
      );
    const plans = plansOfBase2();
    const creating = (await create.count()) > 0;
    // 新建 double-clicked, as an impatient person does: one plan (issue 15).
    if (creating) await doubleClick(page, 'plan-create');
    else await link.click();
    await page.waitForURL(/\/workspace\/plans\/[0-9a-f-]{36}/);
    await page.getByTestId('plan-form').waitFor();
    planUrl = page.url();
    planId = planUrl.split('/').pop()!;
    expect(plansOfBase2()).toBe(creating ? plans + 1 : plans);

    // Nothing typed: 返回 leaves at once, without asking.
    await backLink(page).click();
    await page.waitForURL(/\/workspace\/plans(\?|$)/);
    expect(await confirmBox(page).count()).toBe(0);
    // Back in through the list (an in-app history entry for the back button below).
    await page.locator('[data-testid^="plan-link-"]').first().click();
    await page.waitForURL(planUrl);
    await page.getByTestId('plan-form').waitFor();

    await page.getByTestId('plan-theme').fill(THEME);
    await page.getByTestId('plan-body').fill(BODY);
    await page.getByTestId('plan-unsaved').waitFor();

    await backLink(page).click();
    await confirmBox(page).waitFor();
    expect(await confirmBox(page).textContent()).toMatch(/下次打开时会为您恢复/);
    await settled(page);
    await shot(page, 'safe-forms-01-plan-leave-confirm');
    await checkA11y(page, 'leave confirm');
    await answer(page, 'stay');
    expect(page.url()).toBe(planUrl);
    expect(await page.getByTestId('plan-theme').inputValue()).toBe(THEME);
    expect(await page.getByTestId('plan-body').inputValue()).toBe(BODY);

    // The browser's back button is held the same way.
    await page.evaluate(() => history.back());
    await answer(page, 'stay');
    await expect.poll(() => page.url()).toBe(planUrl);
    expect(await page.getByTestId('plan-theme').inputValue()).toBe(THEME);

    // A menu link too.
    await page.locator('a[href="/workspace"]').first().click();
    await answer(page, 'stay');
    expect(page.url()).toBe(planUrl);
  });

  it('plan editor: the unsaved text is kept as a server-side draft and restored after the tab is closed', async () => {
    // Written about 3 s after the last keystroke.
    await page.getByTestId('draft-status').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('draft-status').textContent()).toMatch(/草稿已自动保存/);
    await expect.poll(() => draftStatus(`plan:${planId}`)).toBe(200);

    // A last edit, then the tab is closed at once: the browser asks (beforeunload) and the tab goes anyway.
    await page.getByTestId('plan-body').fill(`${BODY}补充`);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => page.isClosed()).toBe(true);
    expect(dialogs).toEqual(['beforeunload']);
    // The write made as the tab went away is a keepalive request: wait until the server has it (a loaded machine
    // may answer after the next page has already asked for the draft). The closed tab has no timers left, so only
    // that write can bring the last edit.
    await expect
      .poll(async () => (await ctx.request.get(`${server.url}/api/form-drafts/plan:${planId}`)).text(), {
        timeout: 10_000,
      })
      .toContain('补充');

    page = await ctx.newPage();
    await page.goto(planUrl);
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.getByTestId('draft-restored').textContent()).toMatch(
      /已恢复您上次未保存的内容（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/,
    );
    expect(await page.getByTestId('plan-theme').inputValue()).toBe(THEME);
    // The last edit was written when the tab was hidden, not lost with the 3 s wait.
    expect(await page.getByTestId('plan-body').inputValue()).toBe(`${BODY}补充`);
    await page.getByTestId('plan-unsaved').waitFor();
    await shot(page, 'safe-forms-02-plan-draft-restored');
    await checkA11y(page, 'restored draft notice');

    // 放弃草稿 asks, then goes back to the saved plan and deletes the draft.
    await page.getByTestId('draft-discard').click();
    await page.getByTestId('draft-discard-confirm').click();
    await page.getByTestId('draft-restored').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('plan-theme').inputValue()).not.toBe(THEME);
    await expect.poll(() => draftStatus(`plan:${planId}`)).toBe(404);
    expect(await page.getByTestId('plan-unsaved').count()).toBe(0);
  });

  it('plan editor: saving deletes the draft and 返回 no longer asks', async () => {
    await page.getByTestId('plan-theme').fill(THEME);
    await page.getByTestId('draft-status').waitFor({ timeout: 10_000 });
    await expect.poll(() => draftStatus(`plan:${planId}`)).toBe(200);
    const saves = countRows(server.dbPath, 'audit_events', "entity_id = ? and action = 'update'", planId);
    await doubleClick(page, 'plan-save');
    await page.getByTestId('plan-unsaved').waitFor({ state: 'detached' });
    expect(countRows(server.dbPath, 'audit_events', "entity_id = ? and action = 'update'", planId)).toBe(saves + 1);
    await expect.poll(() => draftStatus(`plan:${planId}`)).toBe(404);
    await backLink(page).click();
    await page.waitForURL(/\/workspace\/plans(\?|$)/);
    expect(await confirmBox(page).count()).toBe(0);
    // Opened again: the saved text, no restored-draft notice.
    await page.goto(planUrl);
    await expect.poll(() => page.getByTestId('plan-theme').inputValue()).toBe(THEME);
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
  });

  it('发布创新需求 dialog: Esc with typed text asks; 继续编辑 keeps it, 离开 discards it', async () => {
    const title = '安全表单测试：整车轻量化材料联合攻关';
    const before = countRows(server.dbPath, 'demands', 'title = ?', title);
    await login(page, server.url, 'base@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/demands`);
    await page.getByTestId('demands-table').waitFor();

    // Untouched: Esc closes at once.
    await page.getByTestId('demand-new').click();
    await page.getByTestId('demand-form').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('demand-form').waitFor({ state: 'detached' });
    expect(await confirmBox(page).count()).toBe(0);

    await page.getByTestId('demand-new').click();
    await page.getByTestId('demand-form').waitFor();
    await fillField(page, 'demand-title', title);
    await fillField(page, 'demand-description-input', '研制整车轻量化复合材料，降低车身重量15%。');
    await page.keyboard.press('Escape');
    await confirmBox(page).waitFor();
    expect(await confirmBox(page).textContent()).toMatch(/对话框中填写的内容将丢失/);
    await settled(page);
    await shot(page, 'safe-forms-03-demand-dialog-confirm');
    await answer(page, 'stay');
    expect(await page.getByTestId('demand-title').inputValue()).toBe(title);
    expect(await page.getByTestId('demand-description-input').inputValue()).toMatch(/轻量化复合材料/);

    // The × and 取消 ask too.
    await page.locator('.ant-modal-close').click();
    await answer(page, 'stay');
    await page.getByTestId('demand-form-cancel').click();
    await answer(page, 'stay');
    expect(await page.getByTestId('demand-title').inputValue()).toBe(title);

    // 离开 discards: the dialog closes, opens empty, and nothing was created.
    await page.keyboard.press('Escape');
    await answer(page, 'leave');
    await page.getByTestId('demand-form').waitFor({ state: 'detached' });
    await page.getByTestId('demand-new').click();
    await page.getByTestId('demand-form').waitFor();
    expect(await page.getByTestId('demand-title').inputValue()).toBe('');
    expect(countRows(server.dbPath, 'demands', 'title = ?', title)).toBe(before);
  });
});
