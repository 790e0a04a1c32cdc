/**
 * Demo data of the coordinating roles (issue 12 §3): a 双创示范基地联盟 of three bases with 长风汽车's base
 * administrator (base2@) as its staff, and on the upcoming theme day 北辰理工 (base3@), a partner base of the
 * approved activity plan, co-organising the sessions. 创新桥 (support@) stays delegated by the plan alone, so
 * the host has a delegation to give.
 */
import type { Executor } from '../db/index.ts';
import { newId } from '../lib/ids.ts';

export async function seedCoorganisersDemo(
  trx: Executor,
  o: { now: Date; themeDayId: string; baseId: Map<string, string>; userId: Map<string, string> },
): Promise<void> {
  const ts = o.now.toISOString();
  const owner = o.userId.get('owner@demo.rongtong.cn')!;
  const allianceId = newId();
  await trx
    .insertInto('base_alliances')
    .values({
      id: allianceId,
      name: '京津冀及周边双创示范基地联盟（演示）',
      region_code: '110000',
      description: '区域内双创示范基地共享活动资源、联合组织主题日活动。',
      created_by: owner,
      created_at: ts,
      updated_at: ts,
    })
    .execute();
  const bases = ['huasheng', 'beichen', 'changfeng'].map((k) => o.baseId.get(k)).filter((x): x is string => !!x);
  await trx
    .insertInto('base_alliance_bases')
    .values(bases.map((base_id) => ({ alliance_id: allianceId, base_id })))
    .execute();
  const staff = o.userId.get('base2@demo.rongtong.cn');
  if (staff) await trx.insertInto('base_alliance_staff').values({ alliance_id: allianceId, user_id: staff }).execute();
  const beichen = o.baseId.get('beichen');
  if (beichen)
    await trx
      .insertInto('theme_day_coorganisers')
      .values({
        id: newId(),
        theme_day_id: o.themeDayId,
        party_kind: 'base',
        party_id: beichen,
        parts: JSON.stringify(['sessions']),
        updated_by: owner,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
}
