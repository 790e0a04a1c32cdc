/**
 * The nomination dossier for one event and year: what NDRC sends to the event's organisers — the nominated,
 * accepted and showcased projects — as an .xlsx (every row, DOSSIER_HEADER) and as an official letter
 * (.docx, GB/T 9704 via lib/official-doc.ts) with the summary table and one section per project.
 */
import {
  DOSSIER_HEADER,
  DOSSIER_STATUSES,
  NOMINATION_STATUS_LABELS,
  SHOWCASE_EVENT_LABELS,
  type ShowcaseEvent,
} from '../../../common/contracts/publicity.ts';
import { PROJECT_STAGE_LABELS, PROJECT_TYPE_LABELS } from '../../../common/contracts/projects.ts';
import { NOTICE_CITATION } from '../../../common/notice.ts';
import type { Executor } from '../../db/index.ts';
import { officialDocx, type OfficialBlock } from '../../lib/official-doc.ts';
import { toWorkbook, type CellValue } from '../../lib/xlsx.ts';
import { partiesOf, themeDayFacts } from '../projects/repository.ts';
import { findNominations, orgNames } from './repository.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const chineseNumber = (n: number): string =>
  n <= 10 ? NUMERALS[n - 1]! : n < 20 ? `十${NUMERALS[n - 11] ?? ''}` : String(n);

/** Yuan as 万元 with up to two decimals ('' when unknown). */
export const wanYuan = (v: number | string | null): string =>
  v === null || v === '' ? '' : String(Math.round(Number(v) / 100) / 100);

export interface DossierRow {
  title: string;
  type: string;
  themeDay: string;
  lead: string;
  participants: string;
  contracted: string;
  stage: string;
  reason: string;
  status: string;
}

export async function dossierRows(db: Executor, event: ShowcaseEvent, year: number): Promise<DossierRow[]> {
  const noms = await findNominations(db, { event, year, statuses: DOSSIER_STATUSES });
  if (!noms.length) return [];
  const projectIds = noms.map((n) => n.project_id);
  const projects = new Map(
    (await db.selectFrom('cooperation_projects').selectAll().where('id', 'in', projectIds).execute()).map((p) => [
      p.id,
      p,
    ]),
  );
  const parties = await partiesOf(db, projectIds);
  const names = await orgNames(
    db,
    parties.map((p) => p.organisation_id),
  );
  const tds = await themeDayFacts(
    db,
    [...projects.values()].map((p) => p.theme_day_id),
  );
  return noms.map((n) => {
    const p = projects.get(n.project_id)!;
    const mine = parties.filter((x) => x.project_id === p.id);
    const name = (o: string) => names.get(o) ?? '';
    return {
      title: p.title,
      type: PROJECT_TYPE_LABELS[p.type],
      themeDay: p.theme_day_id ? (tds.get(p.theme_day_id)?.title ?? '') : '',
      lead: mine
        .filter((x) => x.role === 'lead')
        .map((x) => name(x.organisation_id))
        .join('、'),
      participants: mine
        .filter((x) => x.role !== 'lead')
        .map((x) => name(x.organisation_id))
        .join('、'),
      contracted: wanYuan(p.contracted_amount ?? p.intended_amount),
      stage: PROJECT_STAGE_LABELS[p.stage],
      reason: n.reason,
      status: NOMINATION_STATUS_LABELS[n.status],
    };
  });
}

const cells = (r: DossierRow, i: number): CellValue[] => [
  i + 1,
  r.title,
  r.type,
  r.themeDay,
  r.lead,
  r.participants,
  r.contracted,
  r.stage,
  r.reason,
  r.status,
];

export const dossierTitle = (event: ShowcaseEvent, year: number) =>
  `关于推荐融通创新合作项目参加${year}年${SHOWCASE_EVENT_LABELS[event]}的函`;
export const dossierFileName = (event: ShowcaseEvent, year: number, ext: 'xlsx' | 'docx') =>
  `${year}年${SHOWCASE_EVENT_LABELS[event]}推荐项目.${ext}`;

export async function dossierXlsx(rows: DossierRow[], event: ShowcaseEvent, year: number): Promise<Buffer> {
  return toWorkbook([
    {
      name: '推荐项目',
      header: [...DOSSIER_HEADER],
      rows: rows.map(cells),
      widths: [6, 30, 12, 24, 24, 30, 14, 10, 40, 12],
    },
    {
      name: '说明',
      header: ['项目', '内容'],
      rows: [
        ['活动', SHOWCASE_EVENT_LABELS[event]],
        ['年度', year],
        ['推荐项目数', rows.length],
        ['口径', '已推荐、已入选和已参展的项目；签约金额未签约时为意向金额'],
      ],
      widths: [14, 60],
    },
  ]);
}

export async function dossierDocx(
  rows: DossierRow[],
  event: ShowcaseEvent,
  year: number,
  issuer: string,
  now: Date,
): Promise<Buffer> {
  const label = SHOWCASE_EVENT_LABELS[event];
  const blocks: OfficialBlock[] = [
    {
      kind: 'paragraph',
      text:
        `根据${NOTICE_CITATION}有关要求，我委在融通创新主题日活动形成的合作项目中` +
        `遴选了${rows.length}个合作成效突出的项目，现推荐参加${year}年${label}。具体情况如下。`,
    },
    { kind: 'heading', level: 1, text: '一、推荐项目汇总' },
    {
      kind: 'table',
      header: ['序号', '项目名称', '牵头单位', '所属主题日', '金额（万元）'],
      rows: rows.map((r, i) => [i + 1, r.title, r.lead, r.themeDay, r.contracted]),
      widths: [700, 2900, 2300, 2300, 1300],
    },
    { kind: 'heading', level: 1, text: '二、项目简介' },
  ];
  if (!rows.length) blocks.push({ kind: 'paragraph', text: '本年度暂无推荐项目。' });
  rows.forEach((r, i) => {
    blocks.push(
      { kind: 'heading', level: 2, text: `（${chineseNumber(i + 1)}）${r.title}` },
      {
        kind: 'paragraph',
        text: `合作类型：${r.type}；项目阶段：${r.stage}${r.contracted ? `；金额${r.contracted}万元` : ''}。`,
      },
      { kind: 'paragraph', text: `牵头单位：${r.lead || '—'}；参与单位：${r.participants || '—'}。` },
      { kind: 'paragraph', text: `推荐理由：${r.reason}` },
    );
  });
  blocks.push({ kind: 'paragraph', text: '附件：推荐项目汇总表（电子表格）' });
  return officialDocx({
    title: dossierTitle(event, year),
    addressee: `${label}组委会：`,
    blocks,
    issuer,
    date: now,
  });
}
