import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { person, type Person } from '../events/testkit.ts';

// Query understanding through GET /api/search (issue 14): lexicon synonyms, typos and colloquial needs,
// together with the filters. The background refresher is off; the index is refreshed once.
let env: TestEnv;
let suzhou: Person;
let beijing: Person;
const ids: Record<string, string> = {};

interface Page {
  items: { id: string; title: { text: string }; matchedTerms: string[]; region: string | null }[];
  total: number;
  terms: string[];
  didYouMean: string | null;
  corrected: boolean;
}

async function resource(p: Person, key: string, title: string, description: string): Promise<void> {
  const r = await p.client.post('/api/resources', { type: 'lab', title, description, priceModel: 'free' });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<{ id: string }>().id;
  expect((await p.client.post(`/api/resources/${id}/publish`)).statusCode).toBe(200);
  env.clock.advance(60_000);
  ids[key] = id;
}

const q = async (text: string, extra = ''): Promise<Page> => {
  const r = await env.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(text)}${extra}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Page>();
};
const found = (p: Page) => p.items.map((i) => i.id);

beforeAll(async () => {
  env = await createTestEnv({ env: { SEARCH_REFRESH_SECONDS: '0' } });
  suzhou = await person(env, 'member', undefined, {
    name: '苏州绿碳科技有限公司',
    sizeClass: 'large',
    regionCode: '320506',
  });
  beijing = await person(env, 'member', undefined, {
    name: '北京智检技术有限公司',
    sizeClass: 'large',
    regionCode: '110108',
  });
  await resource(
    suzhou,
    'steel',
    '钢铁企业碳达峰路径规划与碳排放核算',
    '为钢铁企业核算碳排放，制定分阶段碳达峰路线图。',
  );
  await resource(beijing, 'park', '工业园区碳中和综合能源方案', '以光伏、储能和余热利用建设零碳园区。');
  await resource(suzhou, 'fibre', '碳纤维复合材料无人机机臂', '采用预浸料模压成型，减重40%。');
  await resource(beijing, 'ai', '基于人工智能的纺织面料瑕疵检测', '采用深度学习识别断经、破洞等瑕疵。');
  await resource(beijing, 'ndt', '焊缝无损检测服务', '提供超声、射线等无损检测，出具第三方检测报告。');
  await resource(suzhou, 'fund', '地方引导基金投资对接会', '邀请地方政府引导基金与早期项目对接。');
  await env.app.searchIndex.refresh();
});
afterAll(async () => {
  await env?.close();
});

describe('GET /api/search understands what an SME means', () => {
  it('finds 碳达峰 and 碳中和 items for the abbreviation 双碳, listing only the typed word as a term', async () => {
    const res = await q('双碳');
    expect(new Set(found(res).slice(0, 2))).toEqual(new Set([ids.steel, ids.park]));
    expect(res.terms).toEqual(['双碳']);
    expect(res.didYouMean).toBeNull();
    expect(res.corrected).toBe(false);
  });

  it('applies the filters to the expanded query (双碳 in Suzhou only)', async () => {
    const res = await q('双碳', '&region=3205');
    expect(found(res)).toEqual([ids.steel]);
    expect((await q('AI', '&region=11')).items.map((i) => i.id)).toEqual([ids.ai]);
    expect((await q('AI', '&region=32')).total).toBe(0);
  });

  it('corrects 碳纤为 to 碳纤维 by pinyin and says so', async () => {
    const res = await q('碳纤为');
    expect(res.didYouMean).toBe('碳纤维');
    expect(res.corrected).toBe(true);
    expect(found(res)[0]).toBe(ids.fibre);
    expect(res.items[0]!.matchedTerms).toContain('碳纤维');
  });

  it('drops the filler words of a need written as a sentence', async () => {
    const res = await q('我们公司想找做无损检测的地方');
    expect(found(res)[0]).toBe(ids.ndt);
    expect(found(res)).not.toContain(ids.fund);
    for (const w of ['我们', '公司', '想', '找', '做', '地方']) expect(res.terms).not.toContain(w);
  });
});
