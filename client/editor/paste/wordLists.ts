// Word's list paragraphs into real nested lists. Each run of adjacent list paragraphs becomes
// <ul>/<ol> elements, nested by each paragraph's level; whether a level is numbered comes from
// the list's definition in the clipboard's <style>, or else from the marker Word wrote.
import { parseStyle } from './cssDeclarations';
import { commentsUnder, downlevelKind, downlevelRange } from './wordMarkup';
import {
  isNumberedFormat,
  isNumberMarker,
  listTypeOf,
  markerNumber,
  msoListOf,
  parseMsoList,
  type WordListPlace,
  type WordListStyles,
} from './wordListStyles';

interface ListParagraph {
  element: Element;
  place: WordListPlace;
  marker: string;
}

interface OpenList {
  list: Element;
  level: number;
  tag: 'ul' | 'ol';
  /** Which list (and override) it came from: a different one at the outer level starts anew. */
  key: string;
  item: Element | null;
}

function cleanMarker(text: string): string {
  return text.replace(/[\s\u00a0]+/g, '');
}

/** Takes the bullet or number out of a list paragraph and returns its text. */
function takeMarker(paragraph: Element): string | null {
  for (const comment of commentsUnder(paragraph)) {
    if (downlevelKind(comment) !== 'supportlists') continue;
    const range = downlevelRange(comment);
    if (!range) continue;
    const marker = cleanMarker(range.map((node) => node.textContent ?? '').join(''));
    for (const node of range) node.parentNode?.removeChild(node);
    return marker;
  }
  // Without the conditional comments (some copies), the marker is the span Word tells itself to ignore.
  const ignored = [...paragraph.querySelectorAll('span[style]')].find(
    (span) => parseStyle(span.getAttribute('style')).get('mso-list') === 'ignore',
  );
  if (!ignored) return null;
  const marker = cleanMarker(ignored.textContent ?? '');
  ignored.remove();
  return marker;
}

function placeOf(element: Element, styles: WordListStyles): WordListPlace | null {
  const inline = msoListOf(element.getAttribute('style') ?? '');
  if (inline) return parseMsoList(inline);
  for (const className of element.classList) {
    const list = styles.classLists.get(className);
    if (list) return parseMsoList(list);
  }
  return null;
}

function listParagraph(element: Element, styles: WordListStyles): ListParagraph | null {
  if (element.localName !== 'p') return null;
  const place = placeOf(element, styles);
  if (!place) return null;
  return { element, place, marker: takeMarker(element) ?? '' };
}

function isIgnorable(node: Node): boolean {
  return node.nodeType === Node.COMMENT_NODE || (node.nodeType === Node.TEXT_NODE && !(node.textContent ?? '').trim());
}

/** The run of list paragraphs that starts at `first` (its later siblings, up to the first other element). */
function runFrom(first: ListParagraph, styles: WordListStyles): ListParagraph[] {
  const run = [first];
  for (let node = first.element.nextSibling; node; node = node.nextSibling) {
    if (isIgnorable(node)) continue;
    if (node.nodeType !== Node.ELEMENT_NODE) break;
    const next = listParagraph(node as Element, styles);
    if (!next) break;
    run.push(next);
  }
  return run;
}

function startNumber(paragraph: ListParagraph, styles: WordListStyles): number | null {
  const defined = styles.levels.get(`${paragraph.place.list}:${paragraph.place.level}`)?.startAt ?? null;
  return defined ?? markerNumber(paragraph.marker);
}

/** Builds the nested lists of one run and puts them where its first paragraph was. */
function buildLists(run: ListParagraph[], styles: WordListStyles): void {
  const doc = run[0]!.element.ownerDocument;
  const parent = run[0]!.element.parentNode!;
  const anchor = run[0]!.element;
  const open: OpenList[] = [];
  for (const paragraph of run) {
    const { place } = paragraph;
    const numbered = isNumberedFormat(styles.levels.get(`${place.list}:${place.level}`)) ?? isNumberMarker(paragraph.marker);
    const tag = numbered ? 'ol' : 'ul';
    const key = `${place.list}/${place.override}`;
    while (open.length > 0 && open[open.length - 1]!.level > place.level) open.pop();
    const top = open[open.length - 1];
    if (top && top.level === place.level && (top.tag !== tag || (open.length === 1 && top.key !== key))) open.pop();
    let current = open[open.length - 1];
    if (!current || current.level < place.level) {
      const list = doc.createElement(tag);
      const start = numbered ? startNumber(paragraph, styles) : null;
      if (start !== null && start !== 1) list.setAttribute('start', String(start));
      const type = numbered ? listTypeOf(styles.levels.get(`${place.list}:${place.level}`)) : null;
      if (type) list.setAttribute('type', type);
      if (current) {
        if (!current.item) current.item = current.list.appendChild(doc.createElement('li'));
        current.item.appendChild(list);
      } else {
        parent.insertBefore(list, anchor);
      }
      current = { list, level: place.level, tag, key, item: null };
      open.push(current);
    }
    const item = doc.createElement('li');
    const text = item.appendChild(doc.createElement('p'));
    const style = paragraph.element.getAttribute('style');
    if (style) text.setAttribute('style', style);
    while (paragraph.element.firstChild) text.appendChild(paragraph.element.firstChild);
    current.list.appendChild(item);
    current.item = item;
  }
  for (const paragraph of run) paragraph.element.remove();
}

/** Replaces every run of Word list paragraphs under `root` with nested <ul>/<ol> lists. */
export function convertWordLists(root: Element, styles: WordListStyles): void {
  const done = new Set<Element>();
  for (const element of [...root.querySelectorAll('p')]) {
    if (done.has(element) || !element.isConnected) continue;
    const first = listParagraph(element, styles);
    if (!first) continue;
    const run = runFrom(first, styles);
    for (const paragraph of run) done.add(paragraph.element);
    buildLists(run, styles);
  }
}
