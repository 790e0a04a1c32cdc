/**
 * Issue 15 in Chromium against the real server with the demo data: (1) an alliance founder invites an
 * organisation, which appears as a member only after it accepts from its workspace; (2) the programme owner
 * reads the audit log and sees that another organisation's draft content is withheld; (3) sign-in gives the
 * same answer for an unknown account as for a wrong password. axe runs on every page; screenshots `trust-`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { checkA11y, launch, login, shot } from './support/browser.ts';
import { countRows, doubleClick } from './support/double.ts';

let server: RunningServer;
let ctx: BrowserContext;
let page: Page;
const FOUNDER = 'host@demo.rongtong.cn'; // 华晟通信, founder of the demo alliance
const INVITEE = 'base2@demo.rongtong.cn'; // 长风汽车 base administrator (acts for it)
const INVITEE_ORG = '长风汽车集团有限公司';
const ALLIANCE = '5G工业互联网融通创新联盟';

beforeAll(async () => {
  server = await startServer();
  ctx = await launch();
  page = await ctx.newPage();
});

afterEach(async (c) => {
  if (c.task.result?.state === 'fail' && page)
    await shot(page, `trust-FAILED-${c.task.name.slice(0, 50)}`).catch(() => undefined);
});

afterAll(async () => {
  await ctx?.close();
  await server?.stop();
});

interface PublicAlliance {
  id: string;
  name: string;
  members: { organisation: { name: string } }[];
}

/** The demo alliance as anyone reads it. */
async function demoAlliance(): Promise<PublicAlliance> {
  const list = (await (await fetch(`${server.url}/api/alliances?pageSize=50`)).json()) as { items: PublicAlliance[] };
  return list.items.find((a) => a.name === ALLIANCE)!;
}
/** The invitee's rows in the demo alliance (issue 15: a double click invites and accepts once). */
const inviteeRows = (where = '1 = 1'): number =>
  countRows(
    server.dbPath,
    'alliance_members',
    `alliance_id in (select id from alliances where name = ?)
      and organisation_id in (select id from organisations where name = ?) and ${where}`,
    ALLIANCE,
    INVITEE_ORG,
  );
const publicMembers = async () => (await demoAlliance()).members.map((m) => m.organisation.name);

describe('trust and consent', () => {
  it('lists an invited organisation as a member only after it accepts', async () => {
    await login(page, server.url, FOUNDER);
    await page.goto(`${server.url}/workspace/docking?tab=alliances`);
    await page.getByRole('button', { name: `编辑 ${ALLIANCE}` }).click();
    await page.getByTestId('alliance-invitations-sent').waitFor();
    const picker = page.getByRole('combobox', { name: '成员单位' }).last();
    await picker.click();
    await picker.fill('长风');
    await page.locator('.ant-select-item-option', { hasText: INVITEE_ORG }).click();
    // Double-clicked, as an impatient person does: one invitation (issue 15).
    await doubleClick(page, 'alliance-invite');
    await expect
      .poll(() => page.getByTestId('alliance-invitations-sent').textContent())
      .toMatch(new RegExp(`${INVITEE_ORG}.*待确认`));
    expect(inviteeRows()).toBe(1);
    await checkA11y(page, 'alliance drawer with invitations');
    await shot(page, 'trust-01-invitation-sent');
    expect(await publicMembers()).not.toContain(INVITEE_ORG);

    await login(page, server.url, INVITEE);
    await page.goto(`${server.url}/workspace/docking?tab=alliances`);
    await page.getByTestId('alliance-invitations').waitFor();
    await expect.poll(() => page.getByTestId('alliance-invitations').textContent()).toMatch(ALLIANCE);
    await checkA11y(page, 'alliance invitations');
    await shot(page, 'trust-02-invitation-received');
    await page.getByTestId('alliance-accept').first().dblclick();
    await expect.poll(() => page.getByTestId('alliance-invitations').count()).toBe(0);
    expect(inviteeRows("status = 'accepted'")).toBe(1);
    expect(inviteeRows()).toBe(1);
    expect(await publicMembers()).toContain(INVITEE_ORG);
    await page.goto(`${server.url}/docking/alliances/${(await demoAlliance()).id}`);
    await expect.poll(() => page.locator('main').textContent()).toContain(INVITEE_ORG);
    await shot(page, 'trust-03-alliance-member');
  });

  it("withholds another organisation's draft content in the programme owner's audit log", async () => {
    await login(page, server.url, 'base@demo.rongtong.cn');
    const created = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch('/api/demands', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          kind: 'demand',
          title: '未公开的毫米波芯片需求草稿',
          fieldCode: 'C39',
          description: '尚未公开的技术路线',
          cooperationMode: 'joint_rd',
          deadline: '2099-12-31',
        }),
      });
      return `${r.status} ${await r.text()}`;
    });
    expect(created).toMatch(/^201/);
    await login(page, server.url, 'owner@demo.rongtong.cn');
    await page.goto(`${server.url}/workspace/audit`);
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('audit-withheld').first().waitFor();
    await shot(page, 'trust-04-audit-withheld');
    await page.getByTestId('audit-withheld').first().locator('xpath=ancestor::tr').getByRole('button').click();
    await expect.poll(() => page.locator('.ant-drawer').textContent()).toMatch(/草稿内容已隐藏/);
    expect(await page.locator('.ant-drawer').textContent()).not.toMatch(/毫米波芯片需求草稿|技术路线/);
    await checkA11y(page, 'audit detail withheld');
    await shot(page, 'trust-05-audit-withheld-detail');
  });

  it('answers an unknown account exactly as a wrong password on the login page', async () => {
    const answer = async (identifier: string) => {
      await page.goto('about:blank');
      await page.context().clearCookies();
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-identifier').fill(identifier);
      await page.getByTestId('login-password').fill('wrong-password');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor();
      return page.getByTestId('login-error').textContent();
    };
    const known = await answer('base3@demo.rongtong.cn');
    const unknown = await answer('nobody@demo.rongtong.cn');
    expect(known).toMatch(/账号或密码错误/);
    expect(unknown).toBe(known);
    await shot(page, 'trust-06-login-refused');
  });
});
