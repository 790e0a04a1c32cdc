/**
 * The third-party evaluation in Chromium against the real server with the demo data. evaluator@ (明鉴评估咨询)
 * opens the demo's evaluation of the 2020 theme days and last year's from its menu, sees the theme days side by
 * side, the years side by side with the chart, and every session's head counts against its limits (the figures
 * equal GET /api/evaluations/:id/indicators), scores an unscored indicator with a comment and saves (the score
 * survives a reload), and downloads the report: the .docx holds a figure shown on the page and chart images in
 * word/media. owner@ (NDRC) sees the list and the commission form with the default indicators. Then the
 * evaluator tries to submit too early (refused, the missing scores listed), completes the scores, submits in
 * the UI (the API then says submitted and refuses further scores with 409), and NDRC accepts in the UI (the API
 * says accepted). axe on every page; screenshots `evaluation-`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { EvaluationList, EvaluationView, IndicatorsView } from '../../common/contracts/evaluation.ts';
import { unzip } from '../../server/lib/zip.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let desk: BrowserContext;

/** A signed-in API client (cookie + CSRF token) for the setup and the read-backs the UI steps are not about. */
async function apiAs(email: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: email, password: 'Rongtong@2020' }),
  });
  expect(res.status, `login ${email}`).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown) => {
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
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };
}

async function visible(p: Page, testId: string, timeout = 20_000) {
  await expect.poll(() => p.getByTestId(testId).first().isVisible(), { timeout }).toBe(true);
}

const pct = (v: number | null) => (v == null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

beforeAll(async () => {
  server = await startServer();
  desk = await launch();
}, 120_000);

afterAll(async () => {
  await desk?.close();
  await server?.stop();
});

describe('third-party evaluation', () => {
  it('the evaluator compares theme days, scores an indicator and downloads the report', async () => {
    const page = await desk.newPage();
    page.on('dialog', (d) => void d.accept());
    await login(page, server.url, 'evaluator@demo.rongtong.cn');
    await page.locator('a[href="/workspace/evaluations"]').first().click();
    await page.waitForURL(/\/workspace\/evaluations$/);
    await visible(page, 'evaluations-table');
    const list = (await (await page.request.get(`${server.url}/api/evaluations`)).json()) as EvaluationList;
    const e = list.items[0]!;
    await visible(page, `evaluation-link-${e.id}`);
    await checkA11y(page, 'evaluations list (evaluator)');
    await shot(page, 'evaluation-list-evaluator');

    await page.getByTestId(`evaluation-link-${e.id}`).click();
    await page.waitForURL(new RegExp(`/workspace/evaluations/${e.id}$`));
    await visible(page, 'evaluation-compare');
    await visible(page, 'fig-projects-0');
    const ind = (await (
      await page.request.get(`${server.url}/api/evaluations/${e.id}/indicators`)
    ).json()) as IndicatorsView;
    // Two (indeed five) theme days side by side, plus the total, with the API's figures.
    const header = (await page.getByTestId('evaluation-compare').locator('thead').textContent()) ?? '';
    for (const d of ind.themeDays) expect(header).toContain(d.label);
    expect(header).toContain('合计');
    expect(header).toContain('2020年');
    for (const [i, d] of ind.themeDays.slice(0, 2).entries()) {
      expect(await page.getByTestId(`fig-projects-${i}`).textContent()).toBe(String(d.projects.projects));
      expect(await page.getByTestId(`fig-smeShare-${i}`).textContent()).toContain(pct(d.projects.smeShare.rate));
      expect(await page.getByTestId(`fig-csat-${i}`).textContent()).toContain(pct(d.satisfaction!.csat!.value));
    }
    expect(await page.getByTestId('fig-projects-total').textContent()).toBe(String(ind.total.projects.projects));
    // Head counts against limits, per theme day in the comparison.
    const h0 = ind.themeDays[0]!.headcounts;
    expect(await page.getByTestId('fig-headFill-0').textContent()).toBe(
      `${h0.checkedIn} / ${h0.onSiteLimit}（${pct(h0.fillRate)}）`,
    );
    expect(await page.getByTestId('fig-overLimit-0').textContent()).toBe(`${h0.overLimit} / ${h0.onSiteSessions}场`);
    await checkA11y(page, 'evaluation dashboard');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'evaluation-dashboard');

    // Across years: the demo's scope spans 2020 and last year; the table and the chart show both.
    expect(ind.years.length).toBeGreaterThanOrEqual(2);
    await page.getByTestId('evaluation-tab-years').click();
    await visible(page, 'evaluation-years-table');
    for (const y of ind.years) {
      expect(await page.getByTestId(`year-projects-${y.year}`).textContent()).toBe(String(y.projects.projects));
      expect(await page.getByTestId(`year-themeDays-${y.year}`).textContent()).toBe(
        String(ind.themeDays.filter((d) => d.year === y.year).length),
      );
    }
    await visible(page, 'evaluation-years-chart');
    await expect.poll(() => page.getByTestId('evaluation-years-chart').locator('svg').count()).toBeGreaterThan(0);
    await checkA11y(page, 'evaluation across years');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'evaluation-years');

    // Every session against its limits; the first one's check-ins as the API computed them.
    await page.getByTestId('evaluation-tab-headcounts').click();
    await visible(page, 'evaluation-sessions');
    const s0 = ind.themeDays[0]!.headcounts.list[0]!;
    expect(await page.getByTestId(`head-checked-${s0.sessionId}`).textContent()).toBe(
      `${s0.checkedIn}（${pct(s0.fillRate)}）`,
    );
    const sessions = ind.themeDays.reduce((n, d) => n + d.headcounts.list.length, 0);
    expect(sessions).toBeGreaterThan(0);
    await checkA11y(page, 'evaluation head counts');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'evaluation-headcounts');

    // Score 长风汽车's (the fourth theme day, not yet scored) first indicator with a comment and save.
    const td = e.themeDays[3]!;
    await page.getByTestId(`score-tab-${td.id}`).click();
    await visible(page, `score-${td.id}-projects`);
    await page.getByTestId(`score-${td.id}-projects`).fill('83');
    await page.getByTestId(`comment-${td.id}-projects`).fill('签约项目数量适中，智能网联汽车领域合作较为深入。');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '尚未保存' }).count()).toBeGreaterThan(0);
    // Double-clicked, as an impatient person does: the scores are saved once (issue 15).
    const scoreSaves = countRows(server.dbPath, 'audit_events', "entity_id = ? and action = 'score'", e.id);
    await doubleClick(page, 'evaluation-save-scores');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '全部评分已保存' }).count()).toBeGreaterThan(0);
    expect(countRows(server.dbPath, 'audit_events', "entity_id = ? and action = 'score'", e.id)).toBe(scoreSaves + 1);
    expect(
      countRows(
        server.dbPath,
        'evaluation_scores',
        "evaluation_id = ? and theme_day_id = ? and indicator_key = 'projects'",
        e.id,
        td.id,
      ),
    ).toBe(1);
    const view = (await (await page.request.get(`${server.url}/api/evaluations/${e.id}`)).json()) as EvaluationView;
    expect(view.scores.find((s) => s.themeDayId === td.id && s.indicatorKey === 'projects')).toMatchObject({
      score: 83,
      comment: '签约项目数量适中，智能网联汽车领域合作较为深入。',
    });
    await page.reload();
    await page.getByTestId(`score-tab-${td.id}`).click();
    await expect.poll(() => page.getByTestId(`score-${td.id}-projects`).inputValue()).toBe('83');
    await checkA11y(page, 'evaluation scoring');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'evaluation-scoring');

    // The report: a figure shown on the page is in the .docx, with chart images.
    const shown = (await page.getByTestId('fig-smeShare-0').textContent())!;
    expect(shown).toContain(pct(ind.themeDays[0]!.projects.smeShare.rate));
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evaluation-report-docx').click()]);
    expect(dl.suggestedFilename()).toMatch(/\.docx$/);
    const files = unzip(readFileSync(await dl.path()));
    const doc = files.get('word/document.xml')!.toString('utf8');
    expect(doc).toContain(shown);
    expect(doc).toContain('签约项目数量适中');
    expect([...files.keys()].filter((k) => k.startsWith('word/media/')).length).toBeGreaterThanOrEqual(3);
    expect(doc).toContain('（二）年度比较');
    expect(doc).toContain('各场活动参加人数与限额');
    await page.close();
  }, 180_000);

  it('NDRC sees the evaluation and the commission form with the default indicators', async () => {
    const page = await desk.newPage();
    page.on('dialog', (d) => void d.accept());
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/evaluations`);
    await visible(page, 'evaluations-table');
    await visible(page, 'evaluation-new');
    await checkA11y(page, 'evaluations list (NDRC)');
    await shot(page, 'evaluation-list-ndrc');
    await page.getByTestId('evaluation-new').click();
    await page.waitForURL(/\/workspace\/evaluations\/new$/);
    await visible(page, 'commission-weight-sum');
    expect(await page.getByTestId('commission-weight-sum').textContent()).toContain('100');
    await page.getByTestId('commission-submit').click();
    await visible(page, 'commission-error');
    expect(await page.locator('.ant-form-item-explain-error').first().textContent()).toMatch(/请/);
    await checkA11y(page, 'commission form');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'evaluation-commission');
    await page.close();
  }, 120_000);

  it('the evaluator submits in the UI (refused while incomplete), then NDRC accepts in the UI', async () => {
    const evaluator = await apiAs('evaluator@demo.rongtong.cn');
    const e = ((await evaluator('GET', '/evaluations')).body as unknown as EvaluationList).items[0]!;
    const page = await desk.newPage();
    await login(page, server.url, 'evaluator@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/evaluations/${e.id}`);
    await visible(page, 'evaluation-submit');

    // Too early: some indicators are not scored; the server refuses and the page lists what is missing.
    await page.getByTestId('evaluation-submit').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await visible(page, 'evaluation-error');
    expect(await page.getByTestId('evaluation-error').textContent()).toContain('尚未评分');
    expect(((await evaluator('GET', `/evaluations/${e.id}`)).body as unknown as EvaluationView).status).toBe(
      'in_progress',
    );

    // The rest of the scores through the API (setup), then the conclusions and the submission in the UI.
    const before = (await evaluator('GET', `/evaluations/${e.id}`)).body as unknown as EvaluationView;
    const missing = before.themeDays.flatMap((t) =>
      before.indicators
        .filter((i) => !before.scores.some((s) => s.themeDayId === t.id && s.indicatorKey === i.key))
        .map((i) => ({ themeDayId: t.id, indicatorKey: i.key, score: 75, comment: '总体良好。' })),
    );
    expect(missing.length).toBeGreaterThan(0);
    expect((await evaluator('PUT', `/evaluations/${e.id}/scores`, { scores: missing })).status).toBe(200);
    await page.reload();
    await visible(page, 'evaluation-conclusions');
    const conclusions =
      '各主题日活动组织有序，合作项目成效明显，参加人数均控制在限额以内。建议加强签约项目的跟踪服务。';
    await page.getByTestId('evaluation-conclusions').fill(conclusions);
    const audits = (action: string) =>
      countRows(server.dbPath, 'audit_events', 'entity_id = ? and action = ?', e.id, action);
    const [concluded, submits] = [audits('conclude'), audits('submit')];
    await doubleClick(page, 'evaluation-save-conclusions');
    await expect
      .poll(
        async () => ((await evaluator('GET', `/evaluations/${e.id}`)).body as unknown as EvaluationView).conclusions,
      )
      .toBe(conclusions);
    expect(audits('conclude')).toBe(concluded + 1);
    // The confirmation's 提交 double-clicked: submitted once, no refusal shown.
    await page.getByTestId('evaluation-submit').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').dblclick();
    await visible(page, 'evaluation-locked');
    expect(audits('submit')).toBe(submits + 1);
    expect(await page.getByTestId('evaluation-error').count()).toBe(0);
    expect(await page.getByTestId('evaluation-status').textContent()).toBe('已提交');
    const submitted = (await evaluator('GET', `/evaluations/${e.id}`)).body as unknown as EvaluationView;
    expect(submitted).toMatchObject({ status: 'submitted', acceptedAt: null });
    expect(submitted.submittedAt).not.toBeNull();
    expect(submitted.abilities.score).toBe(false);
    const late = await evaluator('PUT', `/evaluations/${e.id}/scores`, {
      scores: [{ themeDayId: e.themeDays[0]!.id, indicatorKey: 'projects', score: 1 }],
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('evaluation_locked');
    expect(await page.getByTestId('evaluation-submit').count()).toBe(0);
    await checkA11y(page, 'evaluation submitted');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'evaluation-submitted');

    // NDRC accepts in the UI.
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/evaluations/${e.id}`);
    await visible(page, 'evaluation-accept');
    const accepts = audits('accept');
    await page.getByTestId('evaluation-accept').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').dblclick();
    await expect.poll(() => page.getByTestId('evaluation-status').textContent()).toBe('已验收');
    expect(audits('accept')).toBe(accepts + 1);
    const owner = await apiAs('owner@demo.rongtong.cn');
    const accepted = (await owner('GET', `/evaluations/${e.id}`)).body as unknown as EvaluationView;
    expect(accepted.status).toBe('accepted');
    expect(accepted.acceptedAt).not.toBeNull();
    expect(accepted.abilities.accept).toBe(false);
    expect(await page.getByTestId('evaluation-accept').count()).toBe(0);
    const twice = await owner('POST', `/evaluations/${e.id}/accept`);
    expect(twice.status).toBe(409);
    await checkA11y(page, 'evaluation accepted');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'evaluation-accepted');
    await page.close();
  }, 180_000);
});
