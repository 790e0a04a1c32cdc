/**
 * The core survey instrument's versions in Chromium against the real server with the demo data (issue 11 §1:
 * NDRC owns the core instrument and publishes a new version; old answers keep their version). owner@ (NDRC)
 * opens 核心问卷, tries to publish without a revision note (refused on the field), rewords the first question,
 * writes the note and publishes version 2 in the UI. The API then lists version 2 as current with the new
 * wording, while every survey opened before (the demo's 2020 surveys) still has version 1 and its wording, and
 * the survey page says 第1版. axe on the page; screenshots `instrument-`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { InstrumentList, SurveyList, SurveyView } from '../../common/contracts/surveys.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';
import { countRows } from './support/double.ts';

let server: RunningServer;
let desk: BrowserContext;

async function visible(p: Page, testId: string, timeout = 20_000) {
  await expect.poll(() => p.getByTestId(testId).first().isVisible(), { timeout }).toBe(true);
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`${server.url}/api${path}`);
  expect(r.ok(), `GET ${path} → ${r.status()}`).toBe(true);
  return (await r.json()) as T;
}

beforeAll(async () => {
  server = await startServer();
  desk = await launch();
}, 120_000);

afterAll(async () => {
  await desk?.close();
  await server?.stop();
});

describe('core survey instrument', () => {
  it('NDRC publishes version 2 in the UI; the surveys opened before keep version 1', async () => {
    const page = await desk.newPage();
    await login(page, server.url, 'owner@demo.rongtong.cn');
    const before = await getJson<InstrumentList>(page, '/surveys/instrument');
    expect(before.items.map((i) => i.version)).toEqual([1]);
    const v1 = before.items[0]!;
    const surveys = (await getJson<SurveyList>(page, '/surveys')).items;
    expect(surveys.length).toBeGreaterThan(0);
    expect(surveys.every((s) => s.coreVersion === 1)).toBe(true);

    await page.goto(`${server.url}/workspace/surveys/instrument`);
    await visible(page, 'instrument-new');
    await page.getByTestId('instrument-new').click();
    await visible(page, 'core-questions');

    // No revision note: refused on the field, nothing published.
    await page.getByRole('button', { name: /^发\s?布$/ }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '请说明本版修订内容' }).count()).toBe(1);
    expect((await getJson<InstrumentList>(page, '/surveys/instrument')).items).toHaveLength(1);

    const reworded = `${v1.questions[0]!.text}（2021年版）`;
    await page.getByTestId('core-questions-0-text').fill(reworded);
    await page.locator('#instrument-note').fill('2021年起总体满意度题目措辞调整，便于受访企业理解。');
    await checkA11y(page, 'instrument editor');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'instrument-edit');
    // 发布 and the confirmation's 发布 double-clicked, as an impatient person does: one confirmation, one new
    // version (issue 15).
    await page.getByRole('button', { name: /^发\s?布$/ }).dblclick();
    await expect.poll(() => page.locator('.ant-modal-confirm').count()).toBe(1);
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').dblclick();

    // The API: version 2 is current with the new wording; version 1 is unchanged.
    await expect.poll(async () => (await getJson<InstrumentList>(page, '/surveys/instrument')).items.length).toBe(2);
    const after = await getJson<InstrumentList>(page, '/surveys/instrument');
    expect(countRows(server.dbPath, 'survey_instruments', '1 = 1')).toBe(1);
    const v2 = after.items.find((i) => i.version === 2)!;
    expect(v2.current).toBe(true);
    expect(v2.publishedAt).not.toBeNull();
    expect(v2.questions[0]!.text).toBe(reworded);
    expect(after.items.find((i) => i.version === 1)).toMatchObject({ current: false, questions: v1.questions });

    // The surveys opened before keep version 1 and its wording.
    const again = (await getJson<SurveyList>(page, '/surveys')).items;
    expect(again.map((s) => `${s.id}:${s.coreVersion}`)).toEqual(surveys.map((s) => `${s.id}:1`));
    const one = await getJson<SurveyView>(page, `/surveys/${surveys[0]!.id}`);
    expect(one.coreVersion).toBe(1);
    expect(one.coreQuestions[0]!.text).toBe(v1.questions[0]!.text);

    // The page lists version 2 as current; the old survey's page still says version 1.
    await visible(page, 'instrument-new');
    expect(await page.getByText('第2版核心问卷').count()).toBeGreaterThan(0);
    // The new current version opens, with the new wording.
    await expect.poll(() => page.getByText(reworded).count()).toBeGreaterThan(0);
    await checkA11y(page, 'instrument published');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'instrument-published');
    await page.goto(`${server.url}/workspace/surveys/${surveys[0]!.id}`);
    await expect.poll(() => page.getByText('第1版核心问卷').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.close();
  }, 180_000);
});
