// Pasted HTML rebuilt from scratch with only what a section holds: paragraphs, two levels of
// heading, lists, simple tables, quotes, line breaks, and bold, italic, underline,
// strikethrough and links on text. Formatting is worked out as CSS would (tags and inline
// styles, inherited and overridden) and written as plain tags; every class, style, id and
// unknown element is left behind.
import { isAllowedHref } from '../linkAddress';
import { formattingFromStyle, listTypeFromStyle, parseStyle, type Formatting } from './cssDeclarations';
import { headingTag, type SectionHeadingLevel } from './headingLevels';

interface Context {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  href: string | null;
  /** Inside a heading or header cell, whose text is bold by nature: bold is not a mark there. */
  plainWeight: boolean;
  /** Inside Word's `mso-spacerun` span, whose no-break spaces stand for ordinary ones. */
  spaceRun: boolean;
}

/** Finds the section heading level of an element, or null if it is not a heading. */
export type HeadingLevelOf = (element: Element) => SectionHeadingLevel | null;

const DROPPED = new Set([
  'script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link', 'xml',
  'img', 'svg', 'canvas', 'picture', 'video', 'audio', 'iframe', 'object', 'embed', 'map',
  'input', 'select', 'textarea', 'button', 'option', 'colgroup', 'col',
]);

const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot',
  'tr', 'td', 'th', 'caption', 'blockquote', 'pre', 'hr', 'section', 'article', 'aside', 'header',
  'footer', 'main', 'nav', 'figure', 'figcaption', 'address', 'dl', 'dt', 'dd', 'center', 'form',
  'fieldset', 'legend', 'details', 'summary', 'body', 'html', 'menu', 'hgroup',
]);

const BLOCK_SELECTOR = [...BLOCKS].join(',');

function isDropped(element: Element): boolean {
  // Office's namespaced elements (o:p aside) and VML are markup, not text.
  if (element.localName.includes(':') && element.localName !== 'o:p') return true;
  if (DROPPED.has(element.localName)) return true;
  // Hidden text (Word's "Hidden" font effect, a web page's hidden parts) was not seen when copied.
  const style = parseStyle(element.getAttribute('style'));
  return style.get('display') === 'none' || style.get('mso-hide') === 'all' || element.hasAttribute('hidden');
}

/** Block-level, or an inline element that wraps blocks (Google Docs' outer <b>, a linked <div>). */
function isBlock(element: Element): boolean {
  return BLOCKS.has(element.localName) || element.querySelector(BLOCK_SELECTOR) !== null;
}

function tagFormatting(element: Element): Formatting {
  switch (element.localName) {
    case 'b':
    case 'strong':
      return { bold: true };
    case 'i':
    case 'em':
      return { italic: true };
    case 'u':
      return { underline: true };
    case 's':
    case 'strike':
    case 'del':
      return { strike: true };
    default:
      return {};
  }
}

function safeHref(element: Element): string | null {
  const href = element.getAttribute('href')?.trim();
  return href && isAllowedHref(href) ? new URL(href).href : null;
}

function enter(element: Element, context: Context): Context {
  const next: Context = { ...context };
  // The style wins over the tag: Google Docs wraps everything in <b style="font-weight:normal">.
  const formatting = { ...tagFormatting(element), ...formattingFromStyle(element.getAttribute('style')) };
  if (formatting.bold !== undefined) next.bold = formatting.bold;
  if (formatting.italic !== undefined) next.italic = formatting.italic;
  if (formatting.underline !== undefined) next.underline = formatting.underline;
  if (formatting.strike !== undefined) next.strike = formatting.strike;
  if (element.localName === 'a') {
    const href = safeHref(element);
    if (href) next.href = href;
  }
  if (/^h[1-6]$/.test(element.localName) || element.localName === 'th') next.plainWeight = true;
  if (parseStyle(element.getAttribute('style')).get('mso-spacerun') === 'yes') next.spaceRun = true;
  return next;
}

/** Letters or Roman numerals instead of numbers: the `type` attribute, or the list's (or first item's) CSS. */
function orderedListType(list: Element): string | null {
  const type = list.getAttribute('type');
  if (type && /^[aAiI]$/.test(type)) return type;
  return listTypeFromStyle(list.getAttribute('style')) ?? listTypeFromStyle(list.querySelector('li')?.getAttribute('style'));
}

function isTrailingSpace(node: Node): boolean {
  if (node.nodeType === Node.TEXT_NODE) return !(node.textContent ?? '').trim();
  return (node as Element).localName === 'br';
}

/** Rebuilds pasted HTML in a document's element, from its body. */
export class HtmlRebuilder {
  constructor(
    private readonly doc: Document,
    private readonly headingLevelOf: HeadingLevelOf,
  ) {}

  /** The clean blocks of `source`'s content. */
  rebuild(source: Element): Node[] {
    const context: Context = { bold: false, italic: false, underline: false, strike: false, href: null, plainWeight: false, spaceRun: false };
    return this.blocks(source, context);
  }

  private blocks(parent: Element, context: Context): Node[] {
    const out: Node[] = [];
    let run: Node[] = [];
    const flush = () => {
      const paragraph = this.paragraph(run);
      if (paragraph) out.push(paragraph);
      run = [];
    };
    for (const child of parent.childNodes) {
      if (child.nodeType === Node.ELEMENT_NODE && !isDropped(child as Element) && isBlock(child as Element)) {
        flush();
        out.push(...this.block(child as Element, context));
      } else {
        run.push(...this.inline(child, context));
      }
    }
    flush();
    return out;
  }

  /** A paragraph of inline nodes, or null when they hold no text (Word's empty `<o:p>&nbsp;</o:p>` lines). */
  private paragraph(inline: Node[], tag = 'p'): Element | null {
    // A line break that ends a paragraph (Word's before a picture) shows nothing.
    while (inline.length > 0 && isTrailingSpace(inline[inline.length - 1]!)) inline.pop();
    const text = inline.map((node) => node.textContent ?? '').join('');
    if (tag === 'p' && !text.replace(/[\s\u00a0]+/g, '')) return null;
    const element = this.doc.createElement(tag);
    element.append(...inline);
    return element;
  }

  private block(element: Element, outer: Context): Node[] {
    const context = enter(element, outer);
    const level = this.headingLevelOf(element);
    if (level !== null) {
      const heading = this.paragraph(this.inlineChildren(element, { ...context, bold: false, plainWeight: true }), headingTag(level));
      return heading && heading.textContent?.trim() ? [heading] : [];
    }
    switch (element.localName) {
      case 'p':
        return this.blocks(element, context);
      case 'ul':
      case 'ol':
        return [this.list(element, context)];
      case 'table':
        return this.table(element as HTMLTableElement, context);
      case 'blockquote': {
        const quote = this.doc.createElement('blockquote');
        quote.append(...this.blocks(element, context));
        return quote.childNodes.length > 0 ? [quote] : [];
      }
      case 'pre': {
        const pre = this.doc.createElement('pre');
        pre.textContent = element.textContent ?? '';
        return [pre];
      }
      case 'hr':
        return [this.doc.createElement('hr')];
      default:
        return this.blocks(element, context);
    }
  }

  private list(source: Element, context: Context): Element {
    const list = this.doc.createElement(source.localName);
    const start = Number(source.getAttribute('start'));
    if (source.localName === 'ol' && Number.isInteger(start) && start > 1) list.setAttribute('start', String(start));
    const type = source.localName === 'ol' ? orderedListType(source) : null;
    if (type) list.setAttribute('type', type);
    for (const child of source.children) {
      if (child.localName === 'li') {
        list.append(this.listItem(child, context));
      } else if (child.localName === 'ul' || child.localName === 'ol') {
        // Google Docs nests a list directly in its parent list: it belongs to the item before it.
        const item = list.lastElementChild ?? list.appendChild(this.listItem(null, context));
        item.append(this.list(child, enter(child, context)));
      }
    }
    return list;
  }

  private listItem(source: Element | null, outer: Context): Element {
    const item = this.doc.createElement('li');
    if (source) item.append(...this.blocks(source, enter(source, outer)));
    if (item.firstElementChild?.localName !== 'p') item.prepend(this.doc.createElement('p'));
    return item;
  }

  private table(source: HTMLTableElement, context: Context): Node[] {
    const out: Node[] = [];
    const caption = source.caption ? this.paragraph(this.inlineChildren(source.caption, context)) : null;
    if (caption) out.push(caption);
    const table = this.doc.createElement('table');
    for (const row of source.rows) {
      if (row.cells.length === 0) continue;
      const tr = this.doc.createElement('tr');
      for (const cell of row.cells) {
        const td = this.doc.createElement(cell.localName === 'th' ? 'th' : 'td');
        if (cell.colSpan > 1) td.setAttribute('colspan', String(cell.colSpan));
        if (cell.rowSpan > 1) td.setAttribute('rowspan', String(cell.rowSpan));
        td.append(...this.blocks(cell, enter(cell, context)));
        if (td.childNodes.length === 0) td.append(this.doc.createElement('p'));
        tr.append(td);
      }
      table.append(tr);
    }
    if (table.rows.length > 0) out.push(table);
    return out;
  }

  private inlineChildren(element: Element, context: Context): Node[] {
    return [...element.childNodes].flatMap((child) => this.inline(child, context));
  }

  private inline(node: Node, context: Context): Node[] {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = context.spaceRun ? (node.textContent ?? '').replace(/\u00a0/g, ' ') : (node.textContent ?? '');
      return text ? [this.marked(this.doc.createTextNode(text), context)] : [];
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return [];
    const element = node as Element;
    if (isDropped(element)) return [];
    const style = parseStyle(element.getAttribute('style'));
    if (element.localName === 'br') {
      // Word's page and section breaks are layout, not line breaks.
      return style.has('page-break-before') || style.get('mso-special-character') === 'page-break' ? [] : [this.doc.createElement('br')];
    }
    // Word's tab characters.
    if (style.has('mso-tab-count')) return [this.marked(this.doc.createTextNode(' '), context)];
    if (element.localName === 'o:p' && !(element.textContent ?? '').replace(/[\s\u00a0]+/g, '')) return [];
    // A block inside inline content (a <div> in a heading) only adds its text.
    return this.inlineChildren(element, enter(element, context));
  }

  /** Wraps a text node in the tags of its formatting: a > strong > em > u > s. */
  private marked(text: Node, context: Context): Node {
    let node = text;
    const wrap = (tag: string) => {
      const element = this.doc.createElement(tag);
      element.append(node);
      node = element;
    };
    if (context.strike) wrap('s');
    // A link's underline is the link's, not the text's.
    if (context.underline && context.href === null) wrap('u');
    if (context.italic) wrap('em');
    if (context.bold && !context.plainWeight) wrap('strong');
    if (context.href !== null) {
      wrap('a');
      (node as Element).setAttribute('href', context.href);
    }
    return node;
  }
}
