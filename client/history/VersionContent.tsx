// A version's text, read-only, drawn from its ProseMirror JSON: the nodes and marks our editor
// writes (paragraphs, two heading levels, lists, tables, bold, italic, underline, strike, code,
// links). React escapes every string; a link keeps its address only if it is http(s) or mailto;
// anything else is drawn as its text. The JSON comes from the server, but is not trusted.
import { Fragment, type ReactNode } from 'react';
import { isAllowedHref } from '../editor/linkAddress';

/** The most columns or rows a cell may span here, as in the publication. */
const MAX_SPAN = 100;

interface Node {
  type: string;
  text?: string;
  attrs: Record<string, unknown>;
  marks: Array<{ type: string; attrs: Record<string, unknown> }>;
  content: Node[];
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The JSON narrowed to what a renderer reads; anything unexpected becomes nothing. */
function toNode(value: unknown): Node | null {
  const raw = record(value);
  if (typeof raw.type !== 'string') return null;
  const marks = Array.isArray(raw.marks)
    ? raw.marks.flatMap((mark) => {
        const m = record(mark);
        // y-prosemirror suffixes overlapping marks of one type with "--<hash>".
        return typeof m.type === 'string' ? [{ type: m.type.split('--')[0]!, attrs: record(m.attrs) }] : [];
      })
    : [];
  const content = Array.isArray(raw.content) ? raw.content.map(toNode).filter((node): node is Node => node !== null) : [];
  return { type: raw.type, text: typeof raw.text === 'string' ? raw.text : undefined, attrs: record(raw.attrs), marks, content };
}

function span(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n > 1 ? Math.min(Math.floor(n), MAX_SPAN) : undefined;
}

type HeadingTag = 'h3' | 'h4' | 'h5' | 'h6';

function headingTag(level: number): HeadingTag {
  return `h${Math.min(Math.max(level, 3), 6)}` as HeadingTag;
}

function renderText(node: Node, key: number): ReactNode {
  let element: ReactNode = node.text ?? '';
  for (const mark of node.marks) {
    switch (mark.type) {
      case 'bold':
        element = <strong>{element}</strong>;
        break;
      case 'italic':
        element = <em>{element}</em>;
        break;
      case 'underline':
        element = <u>{element}</u>;
        break;
      case 'strike':
        element = <s>{element}</s>;
        break;
      case 'code':
        element = <code>{element}</code>;
        break;
      case 'link': {
        const href = typeof mark.attrs.href === 'string' && isAllowedHref(mark.attrs.href) ? mark.attrs.href.trim() : null;
        if (href) element = <a href={href}>{element}</a>;
        break;
      }
      default:
        break;
    }
  }
  return <Fragment key={key}>{element}</Fragment>;
}

function renderTable(node: Node, key: number, level: number): ReactNode {
  const rows = node.content.filter((row) => row.type === 'tableRow');
  const firstIsHead = rows.length > 1 && rows[0]!.content.length > 0 && rows[0]!.content.every((cell) => cell.type === 'tableHeader');
  const renderRow = (row: Node, index: number, inHead: boolean) => (
    <tr key={index}>
      {row.content.map((cell, i) => {
        const props = { key: i, colSpan: span(cell.attrs.colspan), rowSpan: span(cell.attrs.rowspan) };
        const children = renderNodes(cell.content, level);
        if (cell.type !== 'tableHeader') return <td {...props}>{children}</td>;
        return (
          <th {...props} scope={inHead ? 'col' : i === 0 ? 'row' : undefined}>
            {children}
          </th>
        );
      })}
    </tr>
  );
  return (
    // Scrolls on its own at narrow widths (a table keeps its columns); reachable to scroll by keyboard.
    <div className="version-table" key={key} tabIndex={0} role="group" aria-label="Table">
      <table className="table">
        {firstIsHead && <thead>{renderRow(rows[0]!, 0, true)}</thead>}
        <tbody>{rows.slice(firstIsHead ? 1 : 0).map((row, index) => renderRow(row, index, false))}</tbody>
      </table>
    </div>
  );
}

function renderNode(node: Node, key: number, level: number): ReactNode {
  const children = () => renderNodes(node.content, level);
  switch (node.type) {
    case 'text':
      return renderText(node, key);
    case 'paragraph':
      return <p key={key}>{children()}</p>;
    case 'heading': {
      const Tag = headingTag(level + (node.attrs.level === 2 ? 1 : 0));
      return <Tag key={key}>{children()}</Tag>;
    }
    case 'bulletList':
      return <ul key={key}>{children()}</ul>;
    case 'orderedList': {
      const start = typeof node.attrs.start === 'number' && node.attrs.start !== 1 ? node.attrs.start : undefined;
      return (
        <ol key={key} start={start}>
          {children()}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{children()}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children()}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children()}</code>
        </pre>
      );
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'table':
      return renderTable(node, key, level);
    default:
      // A node our editor does not write: its text, without its structure.
      return <span key={key}>{children()}</span>;
  }
}

function renderNodes(nodes: Node[], level: number): ReactNode[] {
  return nodes.map((node, index) => renderNode(node, index, level));
}

interface VersionContentProps {
  /** The version's content: ProseMirror JSON, `{type: 'doc', content: [...]}`. */
  content: unknown;
  /** The HTML level of the text's first heading level (its second is one below). */
  headingLevel: number;
}

/** A version's text, drawn read-only. */
export function VersionContent({ content, headingLevel }: VersionContentProps) {
  const doc = toNode(content);
  const nodes = doc?.content ?? [];
  if (nodes.length === 0 || nodes.every((node) => node.content.length === 0 && node.type === 'paragraph')) {
    return <p className="hint">This version has no text.</p>;
  }
  return <div className="version-content">{renderNodes(nodes, headingLevel)}</div>;
}
