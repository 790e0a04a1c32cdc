import { readFileSync } from 'node:fs';
import { SearchIndex } from '../../server/engines/search/index.ts';
import { recommend } from '../../server/engines/search/recommend.ts';
import { analyzeQuery, getJieba } from '../../server/engines/search/tokenize.ts';
import { makeDistractors, type BenchDemand, type BenchItem } from './make-data.ts';
const demands = JSON.parse(readFileSync('bench/data/matching/demands.json', 'utf8')) as BenchDemand[];
const labelled = JSON.parse(readFileSync('bench/data/matching/items.json', 'utf8')) as BenchItem[];
getJieba();
const N = Number(process.argv[2] ?? 10000);
const ix = new SearchIndex();
ix.addAll([...labelled, ...makeDistractors(N - labelled.length)].map(({ truth, ...d }) => d));
const qs = demands.map((d) => analyzeQuery(d.title + '。' + d.body));
let tot = 0;
for (const q of qs) { const pr = (ix as any).prepare(q); for (const t of pr) tot += (ix as any).mainOff[t.id + 1] - (ix as any).mainOff[t.id]; }
console.log('avg postings/query', tot / qs.length);
for (let r = 0; r < 3; r++) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < 5; i++) for (const q of qs) ix.rank(q, { limit: 20 });
  const c = process.cpuUsage(c0);
  console.log('rank ms/q wall', ((performance.now() - t0) / qs.length / 5).toFixed(2), 'cpu', ((c.user + c.system) / 1000 / qs.length / 5).toFixed(2));
}
for (let r = 0; r < 2; r++) {
  const t0 = performance.now();
  for (const d of demands) recommend(ix, { kind: 'demand', title: d.title, body: d.body, industry: d.industry, region: d.region, trl: d.trl }, { limit: 20 });
  console.log('recommend ms/q', ((performance.now() - t0) / qs.length).toFixed(2));
  const t1 = performance.now();
  for (const q of qs) ix.rank(q, { limit: 200, filter: { types: ['resource', 'result', 'technology', 'organisation'], excludeIds: ['x'] } });
  console.log('rank200+filter ms/q', ((performance.now() - t1) / qs.length).toFixed(2));
}
for (const [name, o] of [['k200', { limit: 200 }], ['k20+filter', { limit: 20, filter: { types: ['resource', 'result', 'technology', 'organisation'] } }], ['k20+excl', { limit: 20, filter: { excludeIds: ['x'] } }]] as const) {
  const t1 = performance.now();
  for (let i = 0; i < 3; i++) for (const q of qs) ix.rank(q, o as any);
  console.log(name, ((performance.now() - t1) / qs.length / 3).toFixed(2));
}
