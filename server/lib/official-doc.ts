/**
 * Official documents (公文) in the layout of GB/T 9704-2012《党政机关公文格式》, for every .docx the platform
 * sends to a government office (nomination dossiers, evaluation reports; the activity plan can move onto it):
 *
 * - A4 (210 × 297 mm); margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm).
 * - Title in 方正小标宋简体 二号 (22 pt), centred, one blank line below.
 * - Body in 仿宋_GB2312 三号 (16 pt), two-character first-line indent, fixed line spacing of 29 pt
 *   (22 lines to a page); first-level headings "一、" in 黑体, second-level "（一）" in 楷体_GB2312.
 * - Page numbers "— 1 —" in 宋体 四号 (14 pt) at the bottom: odd pages to the right, even pages to the left,
 *   each one character in from the edge.
 * - 落款: the issuing organisation and the date in Chinese (2026年12月5日), right-aligned, the date four
 *   characters in from the right margin.
 * Fonts are named with their Windows fallbacks (仿宋, 黑体, 楷体, 宋体) so a machine without the GB fonts
 * still renders the right families.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import { formatShanghai } from '../../common/time.ts';

/** East-Asian font names (the .docx names the first; Word falls back by family). */
export const OFFICIAL_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
export const OFFICIAL_SIZES = { title: 44, body: 32, pageNumber: 28, table: 24 } as const;
/** Fixed line spacing of the body, in twentieths of a point (29 pt: 22 lines on the 225 mm 版心). */
export const OFFICIAL_LINE = 580;
const MM = 56.7; // twips per millimetre
const CHAR = 320; // one 三号 character, in twips

const font = (eastAsia: string) => ({
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  eastAsia,
  cs: 'Times New Roman',
});

export type OfficialBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; noIndent?: boolean }
  | { kind: 'table'; header: string[]; rows: (string | number)[][]; widths?: number[] }
  | { kind: 'blank' }
  /** A PNG image centred on its own line (e.g. a chart), `width` × `height` in pixels (96 dpi), then a caption. */
  | { kind: 'image'; png: Buffer; width: number; height: number; caption?: string };

export interface OfficialDocSpec {
  title: string;
  /** A line under the title (e.g. the year and event), in 楷体. */
  subtitle?: string;
  /** A 主送机关 line before the body, flush left ("各有关单位："). */
  addressee?: string;
  blocks: OfficialBlock[];
  /** 落款: the issuing organisation. */
  issuer: string;
  /** 成文日期: an instant or a 'YYYY-MM-DD' Shanghai date. */
  date: Date | string;
}

const run = (text: string, f: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: font(f), size, ...extra });

const bodyParagraph = (text: string, indent = true, keepNext = false) =>
  new Paragraph({
    ...(keepNext ? { keepNext: true } : {}),
    children: [run(text, OFFICIAL_FONTS.body, OFFICIAL_SIZES.body)],
    ...(indent ? { indent: { firstLine: 2 * CHAR } } : {}),
    spacing: { line: OFFICIAL_LINE, lineRule: 'exact' },
    alignment: AlignmentType.JUSTIFIED,
  });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** The text area between the margins (版心 156 mm). */
const TEXT_WIDTH = 11906 - Math.round(28 * MM) - Math.round(26 * MM);

function table(b: Extract<OfficialBlock, { kind: 'table' }>): Table {
  // Column widths scaled to the text area and set on every cell as well as the grid: LibreOffice and WPS size
  // columns by the cells and ignore the grid of a percentage-wide table.
  const sum = b.widths?.reduce((x, y) => x + y, 0) ?? 0;
  const widths = b.widths?.map((w) => Math.round((w * TEXT_WIDTH) / sum));
  const cell = (t: string | number, header: boolean, i: number) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      ...(widths ? { width: { size: widths[i]!, type: WidthType.DXA } } : {}),
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(String(t), header ? OFFICIAL_FONTS.heading1 : OFFICIAL_FONTS.body, OFFICIAL_SIZES.table)],
        }),
      ],
    });
  return new Table({
    width: widths ? { size: TEXT_WIDTH, type: WidthType.DXA } : { size: 100, type: WidthType.PERCENTAGE },
    ...(widths ? { columnWidths: widths } : {}),
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, true, i)) }),
      ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

/** "— 1 —" with the page number field, placed one character in from the outer edge. */
const pageFooter = (odd: boolean) =>
  new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: CHAR } : { left: CHAR },
        children: [
          new TextRun({
            font: font(OFFICIAL_FONTS.pageNumber),
            size: OFFICIAL_SIZES.pageNumber,
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
    ],
  });

/** The 成文日期 as written in 公文: 2026年12月5日 (Beijing time). */
export const officialDate = (d: Date | string): string => formatShanghai(d, 'date');

/** Renders the document as .docx bytes. */
export async function officialDocx(spec: OfficialDocSpec): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: OFFICIAL_LINE, lineRule: 'exact', after: spec.subtitle ? 0 : OFFICIAL_LINE },
      children: [run(spec.title, OFFICIAL_FONTS.title, OFFICIAL_SIZES.title)],
    }),
  ];
  if (spec.subtitle)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: OFFICIAL_LINE, lineRule: 'exact', after: OFFICIAL_LINE },
        children: [run(spec.subtitle, OFFICIAL_FONTS.heading2, OFFICIAL_SIZES.body)],
      }),
    );
  if (spec.addressee) children.push(bodyParagraph(spec.addressee, false));
  for (const [i, b] of spec.blocks.entries()) {
    // The last paragraph stays on the page of the 落款, which must never stand on a page of its own.
    const last = i === spec.blocks.length - 1;
    if (b.kind === 'paragraph') children.push(bodyParagraph(b.text, !b.noIndent, last));
    else if (b.kind === 'blank') children.push(bodyParagraph('', false));
    else if (b.kind === 'table') children.push(table(b));
    else if (b.kind === 'image') {
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new ImageRun({ type: 'png', data: b.png, transformation: { width: b.width, height: b.height } })],
        }),
      );
      if (b.caption)
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: OFFICIAL_LINE, lineRule: 'exact' },
            children: [run(b.caption, OFFICIAL_FONTS.heading2, OFFICIAL_SIZES.table)],
          }),
        );
    } else
      children.push(
        new Paragraph({
          indent: { firstLine: 2 * CHAR },
          spacing: { line: OFFICIAL_LINE, lineRule: 'exact' },
          children: [
            run(b.text, b.level === 1 ? OFFICIAL_FONTS.heading1 : OFFICIAL_FONTS.heading2, OFFICIAL_SIZES.body),
          ],
        }),
      );
  }
  // 落款: two blank lines, the organisation, then the date four characters in from the right.
  children.push(bodyParagraph('', false, true), bodyParagraph('', false, true));
  children.push(
    new Paragraph({
      keepNext: true,
      alignment: AlignmentType.RIGHT,
      indent: { right: 2 * CHAR },
      spacing: { line: OFFICIAL_LINE, lineRule: 'exact' },
      children: [run(spec.issuer, OFFICIAL_FONTS.body, OFFICIAL_SIZES.body)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: 4 * CHAR },
      spacing: { line: OFFICIAL_LINE, lineRule: 'exact' },
      children: [run(officialDate(spec.date), OFFICIAL_FONTS.body, OFFICIAL_SIZES.body)],
    }),
  );

  const doc = new Document({
    title: spec.title,
    creator: '融通创新主题日平台',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(OFFICIAL_FONTS.body), size: OFFICIAL_SIZES.body } } } },
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
              footer: Math.round(28 * MM) - 567,
            },
          },
        },
        footers: { default: pageFooter(true), even: pageFooter(false) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
