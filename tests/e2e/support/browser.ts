/**
 * Debian Chromium driven by playwright-core, with screenshots kept as test artifacts
 * (test-results/screenshots) and an axe check of every page visited.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export async function launch(
  opts: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<BrowserContext> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'rt-chromium-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: opts.viewport ?? { width: 1366, height: 900 },
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a full-page screenshot named after the step. */
export async function shot(page: Page, name: string): Promise<string> {
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Fails on any serious or critical axe violation, listing them. Checks the settled page: finite CSS
 * animations (a toast fading in, a drawer sliding) are awaited first, since axe reads colours mid-fade as
 * low contrast.
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 3_000 },
    )
    .catch(() => undefined);
  const res = await new AxeBuilder({ page }).analyze();
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Signs out by dropping the session cookie's context state (a fresh page per role keeps flows independent). */
export async function logout(page: Page): Promise<void> {
  await page.context().clearCookies();
}

/** Signs in through the login page. */
export async function login(
  page: Page,
  baseUrl: string,
  identifier: string,
  password = 'Rongtong@2020',
): Promise<void> {
  // Leave the previous page first: with its cookie gone, a query it still runs answers 401 and the SPA
  // sends itself to /login?next=…, a navigation that would abort ours (net::ERR_ABORTED).
  await page.goto('about:blank');
  // Start from no session, so one step's failure cannot leave the next one signed in as someone else.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-identifier').fill(identifier);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/workspace/);
}

/**
 * Opens an antd dropdown menu from its trigger and returns the menu once it has finished sliding in. An item
 * clicked mid-animation can sit under the trigger for a frame: Playwright then retries with a scroll, the
 * menu (placed in the document) drifts away from the button in the sticky header until it is re-aligned, and
 * the press and the release land on different elements, so the item never fires (seen under CI load).
 */
export async function openDropdown(page: Page, trigger: Locator): Promise<Locator> {
  await trigger.click();
  const menu = page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').last();
  await menu.waitFor();
  await page.waitForFunction(
    (el) => !/-(enter|appear|leave)/.test(el.getAttribute('class') ?? '') && el.getAnimations().length === 0,
    await menu.elementHandle(),
    { timeout: 5_000 },
  );
  return menu;
}

/** Fills a text field found by test id, whether the id sits on the input itself or on its wrapper. */
export async function fillField(page: Page, testId: string, value: string): Promise<void> {
  const el = page.getByTestId(testId);
  const tag = await el.evaluate((n) => n.tagName.toLowerCase());
  const target = tag === 'input' || tag === 'textarea' ? el : el.locator('input, textarea').first();
  await target.fill(value);
}

/** Picks an option of an antd Select (found by test id) whose label contains `text`. */
export async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:visible');
  if ((await dropdown.count()) === 0) await page.getByTestId(testId).click();
  await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}
