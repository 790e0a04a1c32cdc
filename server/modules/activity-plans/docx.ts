/**
 * The activity plan as a Word document in the official layout of GB/T 9704-2012 (server/lib/official-doc.ts):
 * A4, 方正小标宋简体 title, numbered sections 一、二、… in 黑体, parts （一）（二）… in 楷体, body in 仿宋 三号 with
 * fixed 29 pt lines, the agenda as a table, page numbers "— 1 —", and the 落款 of the host base's organisation with the
 * submission date (today while still a draft). Sent to NDRC as the 活动方案.
 */
import { officialDocx, type OfficialBlock } from '../../lib/official-doc.ts';
import { formatShanghai } from '../../../common/time.ts';
import type { ActivityPlanView } from '../../../common/contracts/activity-plans.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (n: number) => NUMERALS[n - 1] ?? String(n);
const MISSING = '（未填写）';

const heading = (n: number, text: string): OfficialBlock => ({
  kind: 'heading',
  level: 1,
  text: `${numeral(n)}、${text}`,
});
const para = (text: string): OfficialBlock => ({ kind: 'paragraph', text });

/** Multi-line text as one paragraph per line; 「（未填写）」 for an empty field so gaps are visible. */
const paragraphs = (t: string): OfficialBlock[] => {
  const lines = t
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length ? lines.map(para) : [para(MISSING)];
};

const range = (a: string, b: string) =>
  a === b ? formatShanghai(a, 'date') : `${formatShanghai(a, 'date')}至${formatShanghai(b, 'date')}`;

/** Renders the plan as .docx bytes, signed by `issuer`; `now` dates a plan not yet submitted. */
export async function activityPlanDocx(plan: ActivityPlanView, issuer: string, now: Date): Promise<Buffer> {
  const td = plan.themeDay;
  const blocks: OfficialBlock[] = [
    heading(1, '活动主题'),
    para(`${td.title}${td.theme ? `：${td.theme}` : ''}`),
    heading(2, '时间地点'),
    para(`时间：${range(td.startDate, td.endDate)}`),
    para(`地点：${plan.venue.trim() || MISSING}`),
    para(`线下参加人数上限：${plan.headcountLimit != null ? `${plan.headcountLimit}人` : MISSING}`),
    heading(3, '参与单位'),
    para(`承办基地：${td.host.name}`),
    para(`参与基地：${plan.partners.map((p) => p.name).join('、') || '无'}`),
    para(`支撑机构：${plan.supportOrganisations.map((o) => o.name).join('、') || '无'}`),
    heading(4, '活动内容（板块）'),
  ];
  if (plan.parts.length === 0) blocks.push(para(MISSING));
  plan.parts.forEach((p, i) => {
    blocks.push({ kind: 'heading', level: 2, text: `（${numeral(i + 1)}）${p.name}` });
    if (p.description.trim()) blocks.push(...paragraphs(p.description));
  });
  blocks.push(heading(5, '活动议程'));
  blocks.push(
    plan.agenda.length
      ? {
          kind: 'table',
          header: ['日期', '时间', '内容', '地点'],
          rows: plan.agenda.map((a) => [formatShanghai(a.date, 'date'), a.time, a.item, a.location ?? '']),
          widths: [1830, 1440, 3745, 1830], // the 156 mm 版心
        }
      : para(MISSING),
  );
  blocks.push(heading(6, '线上渠道'), ...paragraphs(plan.onlineChannel));
  blocks.push(heading(7, '疫情防控措施'), ...paragraphs(plan.epidemicMeasures));
  blocks.push(heading(8, '应急预案'), ...paragraphs(plan.emergencyPlan));

  return officialDocx({
    title: plan.title || plan.expectedTitle,
    blocks,
    issuer,
    date: plan.submittedAt ?? now,
  });
}

/**
 * Content-Disposition for a Chinese file name (RFC 6266/5987): an ASCII fallback plus `filename*` in UTF-8,
 * which every current browser prefers.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
