// The DOCX beside the published page, built with the `docx` package from the same content.
// Every string goes through contentRules.ts first: `docx` escapes markup but writes any
// character it is given, and one that XML forbids makes the whole file unreadable.
import type { Paragraph, ParagraphChild, Table, TableCell } from 'docx';
import type { ContentNode, Mark } from '../content/sectionContent';
import { bodyText, childrenOf, headingLevel, isTextNode, labelText, longText, markType, safeHref } from './contentRules';
import { formatUkDate, formatUkDateTime, layoutSections, NOT_RECORDED, UNTITLED, type PublicationInput } from './PublicationInput';
import { tableLayout } from './tableLayout';
import { VERIFICATION_HEADING, verificationNote } from './verificationNote';

// `docx` is large and only needed when a response is published: load it then, not at start-up.
type Docx = typeof import('docx');

type Block = Paragraph | Table;

/** The numbering of ordered lists (bullets are docx's own). */
const ORDERED_LIST = 'ordered-list';
/** Word's deepest list level. */
const MAX_LIST_LEVEL = 8;
/** Indentation per list or quote level, in twips (half an inch). */
const INDENT_STEP = 720;

/** Where a block sits: in how many lists and quotes, and whether its text is a header cell's. */
interface Place {
  /** Lists around the block (0 outside any list). */
  lists: number;
  /** Blockquotes around the block. */
  quotes: number;
  /** Text in a table's header cell is bold. */
  bold?: boolean;
}

const TOP: Place = { lists: 0, quotes: 0 };

/** The content-to-DOCX conversions, over a loaded `docx` module. */
function builders(d: Docx) {
  // Each ordered list is a new numbering instance, so each counts from 1.
  let orderedLists = 0;

  function textRuns(text: string, marks: Mark[], place: Place): ParagraphChild[] {
    const has = (type: string) => marks.some((mark) => markType(mark) === type);
    // Only what is set: an explicit "not bold" would override a heading style's bold.
    const style = {
      ...(has('bold') || place.bold ? { bold: true } : {}),
      ...(has('italic') ? { italics: true } : {}),
      ...(has('strike') ? { strike: true } : {}),
      ...(has('underline') ? { underline: {} } : {}),
      ...(has('code') ? { font: 'Courier New' } : {}),
    };
    const link = marks.find((mark) => markType(mark) === 'link');
    const href = link ? safeHref(link.attrs?.href) : null;
    // A line break inside text (a code block's lines) is a break in Word, not a character.
    const runs: ParagraphChild[] = bodyText(text)
      .split(/\r\n|\r|\n/)
      .map((line, index) => new d.TextRun({ text: line, ...(index > 0 ? { break: 1 } : {}), ...(href ? { style: 'Hyperlink' } : {}), ...style }));
    return href ? [new d.ExternalHyperlink({ link: href, children: runs })] : runs;
  }

  function runsOf(nodes: ContentNode[], place: Place): ParagraphChild[] {
    const runs: ParagraphChild[] = [];
    for (const node of nodes) {
      if (isTextNode(node)) runs.push(...textRuns(node.text, node.marks ?? [], place));
      else if (node.type === 'hardBreak') runs.push(new d.TextRun({ text: '', break: 1 }));
      // Inline content the editor does not make: its text, in line.
      else runs.push(...runsOf(childrenOf(node), place));
    }
    return runs;
  }

  function indent(place: Place, extra = 0): { left: number } | undefined {
    const steps = place.quotes + extra;
    return steps > 0 ? { left: steps * INDENT_STEP } : undefined;
  }

  /** A list's items: the first paragraph of each is bulleted or numbered, the rest of the item indented under it. */
  function listBlocks(list: ContentNode, place: Place): Block[] {
    const level = Math.min(place.lists, MAX_LIST_LEVEL);
    const ordered = list.type === 'orderedList';
    const instance = ordered ? ++orderedLists : 0;
    const inner: Place = { ...place, lists: place.lists + 1 };
    const blocks: Block[] = [];
    for (const item of childrenOf(list)) {
      if (item.type !== 'listItem') {
        blocks.push(...blocksOf(item, inner));
        continue;
      }
      let marked = false;
      for (const child of childrenOf(item)) {
        if (child.type === 'paragraph' && !marked) {
          marked = true;
          blocks.push(
            new d.Paragraph({
              children: runsOf(childrenOf(child), place),
              ...(ordered ? { numbering: { reference: ORDERED_LIST, level, instance } } : { bullet: { level } }),
            }),
          );
        } else if (child.type === 'paragraph') {
          blocks.push(new d.Paragraph({ children: runsOf(childrenOf(child), place), indent: indent(place, place.lists + 1) }));
        } else {
          blocks.push(...blocksOf(child, inner));
        }
      }
    }
    return blocks;
  }

  /** A table of the content; its first row repeats on each page when it is a header row. */
  function contentTable(node: ContentNode, place: Place): Table | null {
    const { rows, headerRow } = tableLayout(node);
    if (rows.length === 0) return null;
    return new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      rows: rows.map(
        (row, index) =>
          new d.TableRow({
            tableHeader: headerRow && index === 0,
            children: row.map((laid) =>
              cell(
                laid.content.flatMap((child) => blocksOf(child, { lists: 0, quotes: 0, bold: laid.header || place.bold })),
                { columnSpan: laid.colspan, rowSpan: laid.rowspan },
              ),
            ),
          }),
      ),
    });
  }

  /** A node of a section's content as DOCX blocks. */
  function blocksOf(node: ContentNode, place: Place = TOP): Block[] {
    if (isTextNode(node)) return [new d.Paragraph({ children: runsOf([node], place), indent: indent(place) })];
    switch (node.type) {
      case 'paragraph':
      case 'codeBlock':
        return [new d.Paragraph({ children: runsOf(childrenOf(node), place), indent: indent(place) })];
      case 'heading':
        return [
          new d.Paragraph({
            children: runsOf(childrenOf(node), place),
            heading: headingLevel((node as { attrs?: unknown }).attrs) === 3 ? d.HeadingLevel.HEADING_3 : d.HeadingLevel.HEADING_4,
          }),
        ];
      case 'bulletList':
      case 'orderedList':
        return listBlocks(node, place);
      case 'blockquote':
        return childrenOf(node).flatMap((child) => blocksOf(child, { ...place, quotes: place.quotes + 1 }));
      case 'horizontalRule':
        return [new d.Paragraph({ children: [], border: { bottom: { style: d.BorderStyle.SINGLE, size: 6, color: 'auto', space: 1 } } })];
      case 'table': {
        const table = contentTable(node, place);
        return table ? [table] : [];
      }
      default:
        return childrenOf(node).flatMap((child) => blocksOf(child, place));
    }
  }

  function cell(children: Block[], spans: { columnSpan?: number; rowSpan?: number } = {}): TableCell {
    // A Word table cell must hold at least one paragraph, and end with one.
    const last = children.at(-1);
    const blocks = last instanceof d.Paragraph ? children : [...children, new d.Paragraph('')];
    return new d.TableCell({
      children: blocks,
      ...(spans.columnSpan && spans.columnSpan > 1 ? { columnSpan: spans.columnSpan } : {}),
      ...(spans.rowSpan && spans.rowSpan > 1 ? { rowSpan: spans.rowSpan } : {}),
    });
  }

  function textCell(text: string, bold = false): TableCell {
    const runs = text.split('\n').map((line, index) => new d.TextRun({ text: line, ...(bold ? { bold } : {}), ...(index > 0 ? { break: 1 } : {}) }));
    return cell([new d.Paragraph({ children: runs })]);
  }

  function table(header: string[], rows: TableCell[][]): Table {
    return new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      rows: [
        new d.TableRow({ tableHeader: true, children: header.map((title) => textCell(title, true)) }),
        ...rows.map((cells) => new d.TableRow({ children: cells })),
      ],
    });
  }

  return { blocksOf, cell, textCell, table };
}

/** The levels of ordered lists: 1., a., i., then again. */
function orderedLevels(d: Docx) {
  const formats = [d.LevelFormat.DECIMAL, d.LevelFormat.LOWER_LETTER, d.LevelFormat.LOWER_ROMAN];
  return Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => ({
    level,
    format: formats[level % formats.length]!,
    text: `%${level + 1}.`,
    alignment: d.AlignmentType.START,
    style: { paragraph: { indent: { left: INDENT_STEP * (level + 1), hanging: INDENT_STEP / 2 } } },
  }));
}

/** The publication as a DOCX file. */
export async function renderPublicationDocx(input: PublicationInput): Promise<Buffer> {
  const d = await import('docx');
  const { blocksOf, cell, textCell, table } = builders(d);
  const { response } = input;
  const title = labelText(response.title, UNTITLED.response);
  const reportTitle = labelText(response.report.title, UNTITLED.report);
  const reportUrl = safeHref(response.report.url);
  const children: Block[] = [
    new d.Paragraph({ text: title, heading: d.HeadingLevel.TITLE }),
    new d.Paragraph({
      children: [
        new d.TextRun(`In response to the HMICFRS report "${reportTitle}", published ${formatUkDate(response.report.publishedOn)}. `),
        ...(reportUrl ? [new d.ExternalHyperlink({ link: reportUrl, children: [new d.TextRun({ text: reportUrl, style: 'Hyperlink' })] })] : []),
      ],
    }),
  ];
  for (const block of layoutSections(input)) {
    if (block.kind === 'prose') {
      children.push(new d.Paragraph({ text: labelText(block.entry.section.title, UNTITLED.section), heading: d.HeadingLevel.HEADING_2 }));
      children.push(...blocksOf(block.entry.content));
      continue;
    }
    children.push(new d.Paragraph({ text: 'Recommendations', heading: d.HeadingLevel.HEADING_2 }));
    children.push(
      table(
        ['Recommendation', 'Response'],
        block.entries.map(({ section, content }) => [
          textCell(longText(section.recommendation, labelText(section.title, UNTITLED.section))),
          cell(blocksOf(content)),
        ]),
      ),
    );
  }
  children.push(new d.Paragraph({ text: 'Sign-off record', heading: d.HeadingLevel.HEADING_2 }));
  children.push(
    table(
      ['Section', 'Signed off by', 'Organisation', 'Identity checked by', 'When', 'Version signed', 'SHA-256 of content'],
      input.sections.map(({ section }) => [
        textCell(labelText(section.title, UNTITLED.section)),
        textCell(labelText(section.signOff.name, UNTITLED.name)),
        textCell(labelText(section.signOff.organisation ?? '', NOT_RECORDED)),
        textCell(labelText(section.signOff.identityCheck ?? '', NOT_RECORDED)),
        textCell(formatUkDateTime(section.signOff.at)),
        textCell(labelText(section.signOff.versionId, UNTITLED.version)),
        textCell(bodyText(section.signOff.contentHash)),
      ]),
    ),
  );
  children.push(new d.Paragraph(`Published by ${labelText(input.publishedBy, UNTITLED.name)} on ${formatUkDateTime(input.publishedAt)}.`));
  children.push(new d.Paragraph({ text: VERIFICATION_HEADING, heading: d.HeadingLevel.HEADING_2 }));
  for (const runs of verificationNote(input)) {
    children.push(new d.Paragraph({ children: runs.map((run) => new d.TextRun({ text: run.text, ...(run.code ? { font: 'Courier New' } : {}) })) }));
  }

  const document = new d.Document({
    title,
    creator: 'Countersign',
    description: `Response to ${reportTitle}`,
    numbering: { config: [{ reference: ORDERED_LIST, levels: orderedLevels(d) }] },
    sections: [{ children }],
  });
  return d.Packer.toBuffer(document);
}
