/**
 * Satisfaction surveys in Chromium against the real server with the demo data. member@ (智芯微电子) finds its
 * survey link in its notifications (UI), then — signed out, on a phone-sized page (375×812) — answers the open
 * survey of the 2020 华晟通信 theme day from that link: the required questions are flagged on submit, the
 * answers survive a reload, the thank-you page follows, and the link then says it was used. host@ sees the
 * survey with its counts and the results; owner@ (NDRC) reads the anonymous survey's results and the core
 * instrument. Figures on screen equal GET /api/surveys/:id/results. axe on every page; screenshots `surveys-`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SurveyList, SurveyResults } from '../../common/contracts/surveys.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let phone: BrowserContext;
let desk: BrowserContext;
let link = '';

/** A signed-in API client for one demo user (session cookie). */
async function as(email: string) {
  let cookie = '';
  const r = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: email, password: 'Rongtong@2020' }),
  });
  expect(r.ok).toBe(true);
  cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    get: async <T>(path: string): Promise<T> => {
      const res = await fetch(`${server.url}/api${path}`, { headers: { cookie } });
      expect(res.ok, `${email}: GET ${path} → ${res.status}`).toBe(true);
      return (await res.json()) as T;
    },
  };
}

const pct = (v: number) => `${(Math.round(v * 1000) / 10).toLocaleString('zh-CN')}%`;

async function visible(p: Page, testId: string, timeout = 20_000) {
  await expect.poll(() => p.getByTestId(testId).first().isVisible(), { timeout }).toBe(true);
}

beforeAll(async () => {
  server = await startServer();
  phone = await launch({ viewport: { width: 375, height: 812 } });
  desk = await launch();
}, 120_000);

afterAll(async () => {
  await phone?.close();
  await desk?.close();
  await server?.stop();
});

describe('satisfaction surveys', () => {
  it('member@ finds its survey link in its notifications', async () => {
    const page = await phone.newPage();
    await login(page, server.url, 'member@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/notifications`);
    const a = page.locator('a[href^="/survey/"]').first();
    await expect.poll(() => a.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    link = (await a.getAttribute('href')) ?? '';
    expect(link).toMatch(/^\/survey\/[A-Za-z0-9_-]{20,}$/);
    await page.context().clearCookies();
    await page.close();
  }, 90_000);

  it('a participant answers on a phone-width page from the link, without signing in', async () => {
    const page = await phone.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.url}${link}`);
    await visible(page, 'survey-answer');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('华晟通信');
    expect(await page.getByTestId('survey-anonymity').textContent()).toContain('实名问卷');
    // No horizontal scrolling at 375 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'surveys-answer-phone');
    await checkA11y(page, 'answer page (phone)');

    // Submitting nothing flags the required questions on the questions themselves.
    await page.getByTestId('survey-submit').click();
    await visible(page, 'survey-banner');
    expect(await page.getByTestId('q-overall').textContent()).toContain('此题为必答题');
    await shot(page, 'surveys-answer-required');

    await page.getByTestId('q-participation_mode-offline').click();
    await page.getByTestId('q-organisation-5').click();
    await page.getByTestId('q-matchmaking_value-4').click();
    await page.getByTestId('q-gains-partner_found').click();
    await page.getByTestId('q-gains-policy_info').click();
    await page.getByTestId('q-overall-4').click();
    // Nothing typed is lost: a reload keeps the answers (sessionStorage draft).
    await page.reload();
    await visible(page, 'survey-answer');
    expect(await page.getByTestId('q-overall-4').locator('input').isChecked()).toBe(true);
    expect(await page.getByTestId('q-gains-policy_info').locator('input').isChecked()).toBe(true);
    await page.getByTestId('q-recommend-9').click();
    await page.getByTestId('q-suggestions-input').fill('希望活动后继续组织5G专网测试验证的专题对接。');
    await page.getByTestId('q-host_next_topics-testing').click();
    await shot(page, 'surveys-answer-filled');
    // Double-clicked, as an impatient person does: one answer, and the thank-you page, not 已填写过 (issue 15).
    await doubleClick(page, 'survey-submit');
    await visible(page, 'survey-end-done');
    expect(
      countRows(server.dbPath, 'survey_answers', 'answers like ?', '%希望活动后继续组织5G专网测试验证的专题对接%'),
    ).toBe(1);
    expect(await page.getByTestId('survey-end-survey_already_answered').count()).toBe(0);
    await shot(page, 'surveys-answer-thanks');
    await checkA11y(page, 'answer page thank-you');

    // The link is single use.
    await page.goto(`${server.url}${link}`);
    await visible(page, 'survey-end-survey_already_answered');
    await shot(page, 'surveys-answer-used');
    await page.goto(`${server.url}/survey/not-a-real-token`);
    await visible(page, 'survey-end-survey_link_invalid');
    await page.close();
  }, 120_000);

  it('the host sees its survey and the results, figures equal to the API', async () => {
    const page = await desk.newPage();
    await login(page, server.url, 'host@demo.rongtong.cn');
    const api = await as('host@demo.rongtong.cn');
    const [s] = (await api.get<SurveyList>('/surveys')).items;
    expect(s!.answers).toBeGreaterThan(20);
    await page.goto(`${server.url}/workspace/surveys`);
    await visible(page, `survey-link-${s!.themeDay!.id}`);
    await shot(page, 'surveys-list-host');
    await checkA11y(page, 'survey list (host)');
    await page.getByTestId(`survey-link-${s!.themeDay!.id}`).click();
    await visible(page, 'survey-invitations');
    expect(await page.getByTestId('survey-invitations').textContent()).toBe(String(s!.invitations));
    expect(await page.getByTestId('survey-answers').textContent()).toBe(String(s!.answers));
    await visible(page, 'survey-close');
    await shot(page, 'surveys-survey-host');
    await checkA11y(page, 'survey page (host)');

    await page.getByTestId('survey-see-results').click();
    await visible(page, 'figure-csat');
    const r = await api.get<SurveyResults>(`/surveys/${s!.id}/results`);
    expect(r.overall.suppressed).toBe(false);
    if (r.overall.suppressed) return;
    expect(await page.getByTestId('figure-response-rate').textContent()).toBe(pct(r.responseRate!.value));
    expect(await page.getByTestId('figure-csat').textContent()).toBe(pct(r.overall.csat!.value));
    expect(await page.getByTestId('figure-response-n').textContent()).toContain(String(r.answers));
    expect(await page.getByTestId('survey-figures').textContent()).toContain('Wilson');
    await visible(page, 'split-size');
    expect(await page.getByTestId('survey-splits').textContent()).toContain('样本不足');
    await shot(page, 'surveys-results-host');
    await checkA11y(page, 'results (host)');
    await page.close();
  }, 120_000);

  it('NDRC reads the anonymous survey and the core instrument', async () => {
    const page = await desk.newPage();
    await login(page, server.url, 'owner@demo.rongtong.cn');
    const api = await as('owner@demo.rongtong.cn');
    const anon = (await api.get<SurveyList>('/surveys')).items.find((x) => x.anonymous)!;
    await page.goto(`${server.url}/workspace/surveys`);
    await visible(page, `survey-results-${anon.themeDay!.id}`);
    await shot(page, 'surveys-list-ndrc');
    await page.getByTestId(`survey-results-${anon.themeDay!.id}`).click();
    await visible(page, 'figure-nps');
    const r = await api.get<SurveyResults>(`/surveys/${anon.id}/results`);
    if (!r.overall.suppressed)
      expect(await page.getByTestId('figure-nps').textContent()).toContain(
        String(Math.round(r.overall.nps!.value * 10) / 10),
      );
    await shot(page, 'surveys-results-anonymous');
    await checkA11y(page, 'results (anonymous, NDRC)');
    await page.goto(`${server.url}/workspace/surveys/instrument`);
    await visible(page, 'instrument-new');
    await shot(page, 'surveys-instrument');
    await checkA11y(page, 'core instrument');
    await page.close();
  }, 120_000);
});
