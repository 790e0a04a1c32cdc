/**
 * Test helpers of the portal's SEO suites (not a test file itself): the SPA shell they serve, and public and
 * private items of each kind written directly, so a test can check what the portal shows and what it must not.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor } from '../../db/index.ts';
import { newId } from '../../lib/ids.ts';
import { createOrganisation } from '../../test/factories.ts';
import { createBaseWithAdmin, createPlan, createProgramme } from '../themedays/test-helpers.ts';

export const TEMPLATE =
  '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" />' +
  '<meta name="description" content="默认描述" /><title>融通创新主题日平台</title>' +
  '<script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

/** A built SPA's folder with the shell and one hashed asset (and its brotli sibling when given). */
export function fakeWebRoot(asset: string, assetBr?: Buffer): string {
  const root = mkdtempSync(join(tmpdir(), 'rt-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), TEMPLATE);
  writeFileSync(join(root, 'assets', 'index-abc123.js'), asset);
  if (assetBr) writeFileSync(join(root, 'assets', 'index-abc123.js.br'), assetBr);
  return root;
}

/** The query data a server-rendered page embedded for the SPA: [key, data] pairs. */
export function seedsOf(html: string): [unknown[], unknown][] {
  return JSON.parse(
    /<script type="application\/json" id="rt-initial-data">(.*?)<\/script>/.exec(html)?.[1] ?? '[]',
  ) as [unknown[], unknown][];
}

/** The page's JSON-LD, parsed. */
export function jsonLdOf(html: string): Record<string, unknown> {
  return JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? 'null') as Record<
    string,
    unknown
  >;
}

let draftYear = 2050;
/** A theme day of a draft programme (not public), written directly. */
export async function draftThemeDay(db: Executor, title = '草稿主题日') {
  const draft = await createProgramme(db, { year: ++draftYear, status: 'draft' });
  const b = await createBaseWithAdmin(db);
  const plan = await createPlan(db, {
    programmeId: draft.id,
    baseId: b.base.id,
    status: 'selected',
    createdBy: b.admin.id,
  });
  const id = newId();
  await db
    .insertInto('theme_days')
    .values({
      id,
      programme_id: draft.id,
      plan_id: plan.id,
      base_id: b.base.id,
      title,
      theme: '不公开',
      start_date: '2051-01-01',
      end_date: '2051-01-01',
      partner_base_ids: '[]',
      created_at: '2020-05-01T00:00:00Z',
      updated_at: '2020-05-01T00:00:00Z',
    })
    .execute();
  return id;
}

const anyUser = async (db: Executor) => (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
const stamps = { created_at: '2020-05-01T00:00:00Z', updated_at: '2020-05-02T00:00:00Z' };

export async function demand(
  db: Executor,
  status: 'draft' | 'published' | 'closed',
  kind: 'demand' | 'technology' = 'demand',
  o: { title?: string; organisationId?: string; themeDayId?: string } = {},
) {
  const id = newId();
  await db
    .insertInto('demands')
    .values({
      id,
      kind,
      organisation_id: o.organisationId ?? (await createOrganisation(db)).id,
      theme_day_id: o.themeDayId ?? null,
      title: o.title ?? `需求${status}`,
      field_code: '39',
      description: '高精度传感器联合研发',
      indicators: null,
      budget_min_wan: null,
      budget_max_wan: null,
      cooperation_mode: 'joint_rd',
      deadline: '2059-12-31',
      ip_terms: null,
      status,
      published_at: status === 'draft' ? null : '2020-05-01T00:00:00Z',
      created_by: await anyUser(db),
      ...stamps,
    })
    .execute();
  return id;
}

export async function resource(
  db: Executor,
  status: 'draft' | 'published' | 'closed',
  o: { title?: string; organisationId?: string; quota?: number; themeDayId?: string } = {},
) {
  const id = newId();
  await db
    .insertInto('resources')
    .values({
      id,
      organisation_id: o.organisationId ?? (await createOrganisation(db)).id,
      theme_day_id: o.themeDayId ?? null,
      type: 'lab',
      title: o.title ?? `资源${status}`,
      description: '电磁兼容实验室对中小企业开放',
      region_code: '370212',
      location: '青岛市崂山区',
      conditions: null,
      price_model: 'free',
      price_note: null,
      quota: o.quota ?? null,
      quota_period: 'month',
      graduate_teams: 0,
      status,
      published_at: status === 'draft' ? null : '2020-05-01T00:00:00Z',
      created_by: await anyUser(db),
      ...stamps,
    })
    .execute();
  return id;
}

export async function result(
  db: Executor,
  status: 'draft' | 'in_review' | 'public',
  o: { title?: string; organisationId?: string } = {},
) {
  const id = newId();
  await db
    .insertInto('results')
    .values({
      id,
      organisation_id: o.organisationId ?? (await createOrganisation(db)).id,
      theme_day_id: null,
      title: o.title ?? `成果${status}`,
      field_code: '39',
      description: '低功耗无线传感网络',
      trl: 6,
      patents: JSON.stringify(['ZL202010000001.1']),
      transfer_mode: 'licence',
      price_expectation: null,
      status,
      declaration_text: null,
      declared_by: null,
      declared_org_id: null,
      declared_at: null,
      review_outcome: null,
      review_comment: null,
      reviewed_by: null,
      reviewed_at: null,
      published_at: status === 'public' ? '2020-05-01T00:00:00Z' : null,
      created_by: await anyUser(db),
      ...stamps,
    })
    .execute();
  return id;
}

export async function news(db: Executor, status: 'draft' | 'published', title = `新闻${status}`) {
  const id = newId();
  await db
    .insertInto('news')
    .values({
      id,
      theme_day_id: null,
      title,
      summary: '主题日开幕',
      cover_image_id: null,
      body: '<p>正文</p>',
      status,
      author_kind: 'ndrc',
      author_org_id: (await createOrganisation(db, { kind: 'government' })).id,
      return_reason: null,
      created_by: await anyUser(db),
      reviewed_by: null,
      reviewed_at: null,
      published_by: null,
      published_at: status === 'published' ? '2020-05-03T00:00:00Z' : null,
      ...stamps,
    })
    .execute();
  return id;
}

/** An event session of a theme day, with a roadshow in it when `roadshow` names one. */
export async function session(db: Executor, themeDayId: string, o: { title?: string; roadshow?: string } = {}) {
  const id = newId();
  await db
    .insertInto('event_sessions')
    .values({
      id,
      theme_day_id: themeDayId,
      title: o.title ?? '工业互联网对接会',
      kind: o.roadshow ? 'roadshow' : 'docking',
      mode: 'hybrid',
      description: '大企业发布需求，中小企业现场对接',
      starts_at: '2020-09-10T01:30:00.000Z',
      ends_at: '2020-09-10T03:30:00.000Z',
      venue: '青岛国际会议中心',
      venue_capacity: 200,
      capacity: 150,
      online_limit: null,
      online_channel: 'https://live.example.cn/secret',
      registration_opens_at: '2020-08-01T01:00:00.000Z',
      registration_closes_at: '2020-09-09T10:00:00.000Z',
      questions: '[]',
      created_by: await anyUser(db),
      ...stamps,
    })
    .execute();
  let roadshowId: string | null = null;
  if (o.roadshow) {
    roadshowId = newId();
    await db
      .insertInto('roadshows')
      .values({
        id: roadshowId,
        session_id: id,
        title: o.roadshow,
        criteria: JSON.stringify([{ key: 'tech', name: '技术先进性', weight: 100 }]),
        status: 'collecting',
        applications_close_at: null,
        scoring_opened_at: null,
        closed_at: null,
        ...stamps,
      })
      .execute();
  }
  return { sessionId: id, roadshowId };
}
