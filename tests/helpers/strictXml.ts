// Strict reading of what the publication renderers write: every part of a DOCX parsed as
// XML 1.0 (saxes fails on any character XML does not allow), and the HTML page parsed the
// same way once its void elements are written as XML writes them.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { unzipSync } from 'fflate';

/** An element as the walk saw it: its name, attributes, and the path of names above it. */
export interface XmlElementSeen {
  name: string;
  attributes: Record<string, string>;
  ancestors: string[];
}

export interface XmlWalk {
  /** Called at each element's start. */
  element?(element: XmlElementSeen): void;
  /** Called with each piece of character data and the names of the elements around it, outermost first. */
  text?(text: string, ancestors: string[]): void;
}

/** Decodes UTF-8 strictly: invalid bytes (a lone surrogate written by a careless encoder) throw. */
export function decodeUtf8Strictly(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Parses an XML document with saxes (namespaces on); throws on the first error, with `where` in the message. */
export function parseXmlStrictly(xml: string, where: string, walk: XmlWalk = {}): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: string[] = [];
  parser.on('error', (error) => {
    throw new Error(`${where}: ${error.message}`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    walk.element?.({ name: tag.name, attributes, ancestors: [...stack] });
    if (!tag.isSelfClosing) stack.push(tag.name);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', (text) => walk.text?.(text, stack));
  parser.on('cdata', (text) => walk.text?.(text, stack));
  parser.write(xml).close();
}

/** Every part of a DOCX (a zip): name and bytes. */
export function docxParts(docx: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(docx);
}

/** Parses every XML part of a DOCX strictly; returns each part's text. */
export function parseDocxStrictly(docx: Uint8Array, walks: Record<string, XmlWalk> = {}): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(docxParts(docx))) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const xml = decodeUtf8Strictly(bytes);
    parseXmlStrictly(xml, name, walks[name]);
    texts[name] = xml;
  }
  return texts;
}

const VOID_ELEMENTS = /<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)(\s[^>]*)?(?<!\/)>/g;

/**
 * Parses the published HTML page as XML: the doctype dropped and void elements closed, as our
 * renderer writes everything else (quoted attributes, closed elements, XML's five entities).
 * A stray "<", an unescaped "&", an unclosed element or a character XML forbids fails.
 */
export function parseHtmlStrictly(html: string, walk: XmlWalk = {}): void {
  const xml = html.replace(/^<!doctype html>\s*/i, '').replace(VOID_ELEMENTS, (_tag, name: string, rest = '') => `<${name}${rest}/>`);
  parseXmlStrictly(xml, 'published HTML', walk);
}

/** An element of a parsed XML document, with its children. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: Array<XmlNode | string>;
}

/** Parses XML strictly into a tree (the document element). */
export function parseXmlTree(xml: string, where = 'XML'): XmlNode {
  const root: XmlNode = { name: '#document', attributes: {}, children: [] };
  const open: XmlNode[] = [root];
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('error', (error) => {
    throw new Error(`${where}: ${error.message}`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const node: XmlNode = { name: tag.name, attributes, children: [] };
    open.at(-1)!.children.push(node);
    if (!tag.isSelfClosing) open.push(node);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
  });
  parser.on('text', (text) => void open.at(-1)!.children.push(text));
  parser.write(xml).close();
  return root.children.find((child): child is XmlNode => typeof child !== 'string')!;
}

/** Every element named `name` at or under a node, in document order. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const visit = (current: XmlNode) => {
    if (current.name === name) found.push(current);
    for (const child of current.children) if (typeof child !== 'string') visit(child);
  };
  visit(node);
  return found;
}

/** The text under a node, concatenated. */
export function textOf(node: XmlNode): string {
  return node.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}
