// The DOCX beside the published page, built with the `docx` package from the same content.
import type { Paragraph, ParagraphChild, Table, TableCell } from 'docx';
import type { ContentNode, Mark } from '../content/sectionContent';
import { formatUkDate, formatUkDateTime, layoutSections, type PublicationInput } from './PublicationInput';

// `docx` is large and only needed when a response is published: load it then, not at start-up.
type Docx = typeof import('docx');

/** The content-to-DOCX conversions, over a loaded `docx` module. */
function builders(d: Docx) {
  function runsOf(nodes: ContentNode[] = []): ParagraphChild[] {
    const runs: ParagraphChild[] = [];
    for (const node of nodes) {
      if (node.type === 'text') {
        const { text, marks = [] } = node as { text: string; marks?: Mark[] };
        const has = (type: string) => marks.some((mark) => mark.type === type);
        runs.push(
          new d.TextRun({ text, bold: has('bold'), italics: has('italic'), strike: has('strike'), underline: has('underline') ? {} : undefined }),
        );
      } else if (node.type === 'hardBreak') {
        runs.push(new d.TextRun({ text: '', break: 1 }));
      }
    }
    return runs;
  }

  /** A section's content as DOCX paragraphs (lists flattened to bulleted paragraphs). */
  function paragraphsOf(node: ContentNode, depth = 0): Paragraph[] {
    const element = node as { type: string; content?: ContentNode[] };
    switch (element.type) {
      case 'paragraph':
      case 'codeBlock':
        return [new d.Paragraph({ children: runsOf(element.content) })];
      case 'heading':
        return [new d.Paragraph({ children: runsOf(element.content), heading: d.HeadingLevel.HEADING_3 })];
      case 'listItem':
        return (element.content ?? []).flatMap((child) =>
          child.type === 'paragraph'
            ? [new d.Paragraph({ children: runsOf((child as { content?: ContentNode[] }).content), bullet: { level: Math.min(depth, 8) } })]
            : paragraphsOf(child, depth + 1),
        );
      default:
        return (element.content ?? []).flatMap((child) => paragraphsOf(child, depth));
    }
  }

  function cell(children: Paragraph[]): TableCell {
    // A Word table cell must hold at least one paragraph.
    return new d.TableCell({ children: children.length > 0 ? children : [new d.Paragraph('')] });
  }

  function textCell(text: string, bold = false): TableCell {
    return cell([new d.Paragraph({ children: [new d.TextRun({ text, bold })] })]);
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

  return { paragraphsOf, cell, textCell, table };
}

/** The publication as a DOCX file. */
export async function renderPublicationDocx(input: PublicationInput): Promise<Buffer> {
  const d = await import('docx');
  const { paragraphsOf, cell, textCell, table } = builders(d);
  const { response } = input;
  const children: Array<Paragraph | Table> = [
    new d.Paragraph({ text: response.title, heading: d.HeadingLevel.TITLE }),
    new d.Paragraph({
      children: [
        new d.TextRun(`In response to the HMICFRS report "${response.report.title}", published ${formatUkDate(response.report.publishedOn)}. `),
        new d.TextRun(response.report.url),
      ],
    }),
  ];
  for (const block of layoutSections(input)) {
    if (block.kind === 'prose') {
      children.push(new d.Paragraph({ text: block.entry.section.title, heading: d.HeadingLevel.HEADING_2 }));
      children.push(...paragraphsOf(block.entry.content));
      continue;
    }
    children.push(new d.Paragraph({ text: 'Recommendations', heading: d.HeadingLevel.HEADING_2 }));
    children.push(
      table(
        ['Recommendation', 'Response'],
        block.entries.map(({ section, content }) => [textCell(section.recommendation ?? section.title), cell(paragraphsOf(content))]),
      ),
    );
  }
  children.push(new d.Paragraph({ text: 'Sign-off record', heading: d.HeadingLevel.HEADING_2 }));
  children.push(
    table(
      ['Section', 'Signed off by', 'When', 'SHA-256 of content'],
      input.sections.map(({ section }) => [
        textCell(section.title),
        textCell(section.signOff.name),
        textCell(formatUkDateTime(section.signOff.at)),
        textCell(section.signOff.contentHash),
      ]),
    ),
  );
  children.push(new d.Paragraph(`Published by ${input.publishedBy} on ${formatUkDateTime(input.publishedAt)}.`));

  const document = new d.Document({
    title: response.title,
    creator: 'Countersign',
    description: `Response to ${response.report.title}`,
    sections: [{ children }],
  });
  return d.Packer.toBuffer(document);
}
