/**
 * The activity plan as a Word document in the plain layout government offices use (GB/T 9704-style):
 * A4, 公文 margins, a centred title in 黑体 (小标宋 where installed), numbered sections 一、二、… in 黑体,
 * body text in 宋体 with first-line indent, and the agenda as a table. Sent to NDRC as the 活动方案.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { formatShanghai } from '../../../common/time.ts';
import type { ActivityPlanView } from '../../../common/contracts/activity-plans.ts';

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };
const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };
/** Sizes in half-points: 二号 22pt, 三号 16pt, 小四 12pt. */
const SIZE_TITLE = 44;
const SIZE_HEADING = 32;
const SIZE_BODY = 28;
const SIZE_TABLE = 24;
const MM = 56.7; // twips per millimetre

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const text = (t: string, opts: { bold?: boolean; size?: number; font?: typeof BODY_FONT } = {}) =>
  new TextRun({ text: t, bold: opts.bold ?? false, size: opts.size ?? SIZE_BODY, font: opts.font ?? BODY_FONT });

const body = (t: string) =>
  new Paragraph({
    children: [text(t)],
    indent: { firstLine: SIZE_BODY * 20 },
    spacing: { line: 560, lineRule: 'exact' },
  });

const heading = (n: number, t: string) =>
  new Paragraph({
    children: [text(`${NUMERALS[n - 1] ?? n}、${t}`, { font: HEADING_FONT, size: SIZE_HEADING })],
    indent: { firstLine: SIZE_BODY * 20 },
    spacing: { before: 240, after: 120, line: 560, lineRule: 'exact' },
  });

/** Multi-line text as one paragraph per line; an em dash for an empty field so gaps are visible. */
const paragraphs = (t: string) => {
  const lines = t
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length ? lines.map(body) : [body('（未填写）')];
};

const cell = (t: string, header = false) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [text(t, { size: SIZE_TABLE, bold: header, font: header ? HEADING_FONT : BODY_FONT })],
      }),
    ],
    verticalAlign: VerticalAlign.CENTER,
  });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function agendaTable(plan: ActivityPlanView): Table {
  const header = new TableRow({
    tableHeader: true,
    children: ['日期', '时间', '内容', '地点'].map((h) => cell(h, true)),
  });
  const rows = plan.agenda.map(
    (a) =>
      new TableRow({
        children: [cell(formatShanghai(a.date, 'date')), cell(a.time), cell(a.item), cell(a.location ?? '')],
      }),
  );
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [1900, 1500, 3900, 1900],
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [header, ...rows],
  });
}

const range = (a: string, b: string) =>
  a === b ? formatShanghai(a, 'date') : `${formatShanghai(a, 'date')}至${formatShanghai(b, 'date')}`;

/** Renders the plan as .docx bytes. */
export async function activityPlanDocx(plan: ActivityPlanView): Promise<Buffer> {
  const td = plan.themeDay;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 480 },
      children: [text(plan.title || plan.expectedTitle, { font: TITLE_FONT, size: SIZE_TITLE })],
    }),
    heading(1, '活动主题'),
    body(`${td.title}${td.theme ? `：${td.theme}` : ''}`),
    heading(2, '时间地点'),
    body(`时间：${range(td.startDate, td.endDate)}`),
    body(`地点：${plan.venue.trim() || '（未填写）'}`),
    body(`线下参加人数上限：${plan.headcountLimit != null ? `${plan.headcountLimit}人` : '（未填写）'}`),
    heading(3, '参与单位'),
    body(`承办基地：${td.host.name}`),
    body(`参与基地：${plan.partners.map((p) => p.name).join('、') || '无'}`),
    body(`支撑机构：${plan.supportOrganisations.map((o) => o.name).join('、') || '无'}`),
    heading(4, '活动内容（板块）'),
  ];
  if (plan.parts.length === 0) children.push(body('（未填写）'));
  plan.parts.forEach((p, i) => {
    children.push(
      new Paragraph({
        indent: { firstLine: SIZE_BODY * 20 },
        spacing: { line: 560, lineRule: 'exact' },
        children: [text(`（${NUMERALS[i] ?? i + 1}）${p.name}。`, { bold: true }), text(p.description.trim())],
      }),
    );
  });
  children.push(heading(5, '活动议程'));
  children.push(plan.agenda.length ? agendaTable(plan) : body('（未填写）'));
  children.push(heading(6, '线上渠道'), ...paragraphs(plan.onlineChannel));
  children.push(heading(7, '疫情防控措施'), ...paragraphs(plan.epidemicMeasures));
  children.push(heading(8, '应急预案'), ...paragraphs(plan.emergencyPlan));

  const doc = new Document({
    title: plan.title || plan.expectedTitle,
    creator: '融通创新主题日平台',
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE_BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
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
