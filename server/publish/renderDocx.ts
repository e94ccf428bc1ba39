// The DOCX beside the published page, built with the `docx` package from the same content.
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { ContentNode, Mark } from '../content/sectionContent';
import { formatUkDate, formatUkDateTime, layoutSections, type PublicationInput } from './PublicationInput';

function runsOf(nodes: ContentNode[] = []): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const { text, marks = [] } = node as { text: string; marks?: Mark[] };
      const has = (type: string) => marks.some((mark) => mark.type === type);
      runs.push(new TextRun({ text, bold: has('bold'), italics: has('italic'), strike: has('strike'), underline: has('underline') ? {} : undefined }));
    } else if (node.type === 'hardBreak') {
      runs.push(new TextRun({ text: '', break: 1 }));
    }
  }
  return runs;
}

/** A section's content as DOCX paragraphs (lists flattened to bulleted paragraphs). */
function paragraphsOf(node: ContentNode, depth = 0): Paragraph[] {
  const element = node as { type: string; attrs?: Record<string, unknown>; content?: ContentNode[] };
  switch (element.type) {
    case 'paragraph':
      return [new Paragraph({ children: runsOf(element.content) })];
    case 'heading':
      return [new Paragraph({ children: runsOf(element.content), heading: HeadingLevel.HEADING_3 })];
    case 'codeBlock':
      return [new Paragraph({ children: runsOf(element.content) })];
    case 'listItem':
      return (element.content ?? []).flatMap((child) =>
        child.type === 'paragraph'
          ? [new Paragraph({ children: runsOf((child as { content?: ContentNode[] }).content), bullet: { level: Math.min(depth, 8) } })]
          : paragraphsOf(child, depth + 1),
      );
    default:
      return (element.content ?? []).flatMap((child) => paragraphsOf(child, depth));
  }
}

function cell(children: Paragraph[]): TableCell {
  // A Word table cell must hold at least one paragraph.
  return new TableCell({ children: children.length > 0 ? children : [new Paragraph('')] });
}

function textCell(text: string, bold = false): TableCell {
  return cell([new Paragraph({ children: [new TextRun({ text, bold })] })]);
}

/** The publication as a DOCX file. */
export async function renderPublicationDocx(input: PublicationInput): Promise<Buffer> {
  const { response } = input;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: response.title, heading: HeadingLevel.TITLE }),
    new Paragraph({
      children: [
        new TextRun(`In response to the HMICFRS report "${response.report.title}", published ${formatUkDate(response.report.publishedOn)}. `),
        new TextRun(response.report.url),
      ],
    }),
  ];
  for (const block of layoutSections(input)) {
    if (block.kind === 'prose') {
      children.push(new Paragraph({ text: block.entry.section.title, heading: HeadingLevel.HEADING_2 }));
      children.push(...paragraphsOf(block.entry.content));
      continue;
    }
    children.push(new Paragraph({ text: 'Recommendations', heading: HeadingLevel.HEADING_2 }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: [textCell('Recommendation', true), textCell('Response', true)] }),
          ...block.entries.map(
            ({ section, content }) =>
              new TableRow({ children: [textCell(section.recommendation ?? section.title), cell(paragraphsOf(content))] }),
          ),
        ],
      }),
    );
  }
  children.push(new Paragraph({ text: 'Sign-off record', heading: HeadingLevel.HEADING_2 }));
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: [textCell('Section', true), textCell('Signed off by', true), textCell('When', true), textCell('SHA-256 of content', true)],
        }),
        ...input.sections.map(
          ({ section }) =>
            new TableRow({
              children: [
                textCell(section.title),
                textCell(section.signOff.name),
                textCell(formatUkDateTime(section.signOff.at)),
                textCell(section.signOff.contentHash),
              ],
            }),
        ),
      ],
    }),
  );
  children.push(new Paragraph(`Published by ${input.publishedBy} on ${formatUkDateTime(input.publishedAt)}.`));

  const document = new Document({
    title: response.title,
    creator: 'Countersign',
    description: `Response to ${response.report.title}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
