/**
 * The third-party evaluation in Chromium against the real server with the demo data. evaluator@ (明鉴评估咨询)
 * opens the demo's evaluation of the five 2020 theme days from its menu, sees the theme days side by side (the
 * figures equal GET /api/evaluations/:id/indicators), scores an unscored indicator with a comment and saves
 * (the score survives a reload), and downloads the report: the .docx holds a figure shown on the page and chart
 * images in word/media. owner@ (NDRC) sees the list and the commission form with the default indicators. axe
 * on every page; screenshots `evaluation-`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { EvaluationList, EvaluationView, IndicatorsView } from '../../common/contracts/evaluation.ts';
import { unzip } from '../../server/test/zip.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';

let server: RunningServer;
let desk: BrowserContext;

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
    await checkA11y(page, 'evaluation dashboard');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'evaluation-dashboard');

    // Score 长风汽车's (the fourth theme day, not yet scored) first indicator with a comment and save.
    const td = e.themeDays[3]!;
    await page.getByTestId(`score-tab-${td.id}`).click();
    await visible(page, `score-${td.id}-projects`);
    await page.getByTestId(`score-${td.id}-projects`).fill('83');
    await page.getByTestId(`comment-${td.id}-projects`).fill('签约项目数量适中，智能网联汽车领域合作较为深入。');
    await expect.poll(() => page.getByRole('status').filter({ hasText: '尚未保存' }).count()).toBeGreaterThan(0);
    await page.getByTestId('evaluation-save-scores').click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '全部评分已保存' }).count()).toBeGreaterThan(0);
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
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evaluation-report-docx').click()]);
    expect(dl.suggestedFilename()).toMatch(/\.docx$/);
    const files = unzip(readFileSync(await dl.path()));
    const doc = files.get('word/document.xml')!.toString('utf8');
    expect(doc).toContain(shown);
    expect(doc).toContain('签约项目数量适中');
    expect([...files.keys()].filter((k) => k.startsWith('word/media/')).length).toBeGreaterThan(0);
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
});
