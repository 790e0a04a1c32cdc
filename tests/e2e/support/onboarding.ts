/**
 * Filling the organisation registration form of 注册/加入单位 (issue 12 §1) after its name and credit code:
 * district from the region cascader, industry from the GB/T 4754 picker, head count and revenue.
 */
import type { Page } from 'playwright-core';
import { fillField, pickOption } from './browser.ts';

export async function fillRegistrationDetails(
  page: Page,
  d: { district: string; industryQuery: string; industry: string; employees: string; revenueWan: string },
): Promise<void> {
  await page.locator('#regionCode').click();
  await page.keyboard.type(d.district.replace(/区$/, ''));
  await page.locator('.ant-cascader-menu-item').filter({ hasText: d.district }).first().click();
  await page.getByTestId('register-industry').click();
  await page.keyboard.type(d.industryQuery);
  await pickOption(page, 'register-industry', d.industry);
  await fillField(page, 'register-employees', d.employees);
  await fillField(page, 'register-revenue', d.revenueWan);
  await page.keyboard.press('Tab');
}
