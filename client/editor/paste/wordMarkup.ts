// Office's own markup in pasted HTML, handled before the HTML is rebuilt: what Word writes only
// for programs that cannot read its markup ("downlevel" blocks between `<![if !support...]>` and
// `<![endif]>`), its comments and footnotes, and pictures (VML shapes, images).
import { parseStyle } from './cssDeclarations';
import type { DroppedContent } from './droppedMessage';

const DOWNLEVEL_START = /^\[if\s+!(support\w+|vml)\]$/i;
const DOWNLEVEL_END = /^\[endif\]$/i;

/** The comments under `root`, in document order. */
export function commentsUnder(root: Node): Comment[] {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const found: Comment[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) found.push(node as Comment);
  return found;
}

/** The sibling nodes between a downlevel block's opening comment and its `[endif]`, or null. */
export function downlevelRange(start: Comment): Node[] | null {
  const nodes: Node[] = [];
  for (let node = start.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType === Node.COMMENT_NODE && DOWNLEVEL_END.test((node as Comment).data.trim())) return nodes;
    nodes.push(node);
  }
  return null;
}

/** The kind of downlevel block a comment opens (`supportLists`, `vml`...), or null. */
export function downlevelKind(comment: Comment): string | null {
  const match = DOWNLEVEL_START.exec(comment.data.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * Removes Word's downlevel blocks: the doubled line break of `!supportLineBreakNewLine`, the
 * column-width row of `!supportMisalignedColumns`, comment and footnote numbers, picture
 * fallbacks. A list number left outside a list (a numbered heading) is kept as text.
 */
export function removeDownlevelBlocks(root: Element): void {
  for (const comment of commentsUnder(root)) {
    if (!comment.parentNode) continue;
    const kind = downlevelKind(comment);
    const range = kind ? downlevelRange(comment) : null;
    if (!range) continue;
    const keptText = kind === 'supportlists' ? range.map((node) => node.textContent ?? '').join('').replace(/[\s\u00a0]+/g, ' ').trim() : '';
    for (const node of range) node.parentNode?.removeChild(node);
    if (keptText) comment.parentNode.insertBefore(root.ownerDocument.createTextNode(`${keptText} `), comment);
  }
  for (const comment of commentsUnder(root)) comment.remove();
}

const MEDIA_TAGS = ['video', 'audio', 'iframe', 'object', 'embed'];

function hasImageFallbackAfter(comment: Comment): boolean {
  let node = comment.nextSibling;
  while (node && node.nodeType === Node.TEXT_NODE && !(node.textContent ?? '').trim()) node = node.nextSibling;
  return node !== null && node.nodeType === Node.COMMENT_NODE && downlevelKind(node as Comment) === 'vml';
}

/**
 * Counts the pictures and media a paste holds (they are left out, as the schema has no place for
 * them). Word writes each picture twice, as VML in a comment and as an `<img>` fallback: it is
 * counted once.
 */
export function countMedia(root: Element, dropped: DroppedContent): void {
  dropped.images += root.querySelectorAll('img, svg, canvas').length;
  for (const comment of commentsUnder(root)) {
    const data = comment.data;
    if (/^\[if\s+gte\s+vml/i.test(data) && /<v:imagedata\b/i.test(data) && !hasImageFallbackAfter(comment)) dropped.images += 1;
  }
  // VML written as elements rather than inside a conditional comment.
  dropped.images += root.getElementsByTagName('v:imagedata').length;
  dropped.media += root.querySelectorAll(MEDIA_TAGS.join(', ')).length;
}

function msoElement(element: Element): string | null {
  return parseStyle(element.getAttribute('style')).get('mso-element') ?? null;
}

function elementsWithMso(root: Element, value: string): Element[] {
  return [...root.querySelectorAll('[style]')].filter((element) => msoElement(element) === value);
}

function removeAll(elements: Iterable<Element>): void {
  for (const element of elements) element.remove();
}

function uniqueCount(values: Iterable<string>): number {
  return new Set(values).size;
}

function footnoteReferences(root: Element): Element[] {
  return [...root.querySelectorAll('a')].filter((a) => {
    const style = parseStyle(a.getAttribute('style'));
    const href = a.getAttribute('href') ?? '';
    return style.has('mso-footnote-id') || style.has('mso-endnote-id') || /^#_(ftn|edn)(ref)?\d+$/i.test(href);
  });
}

/**
 * Takes out Word's comments and footnotes, text and markers, and counts them. The commented text
 * itself stays; a footnote's text goes (the paste says so).
 */
export function removeWordNotes(root: Element, dropped: DroppedContent): void {
  const commentLists = elementsWithMso(root, 'comment-list');
  const listed = commentLists.reduce((n, list) => n + elementsWithMso(list, 'comment').length, 0);
  removeAll(commentLists);
  const commentMarkers = [...root.querySelectorAll('a[href^="#_msocom_"]')];
  dropped.comments += listed > 0 ? listed : uniqueCount(commentMarkers.map((a) => a.getAttribute('href') ?? ''));
  removeAll(root.querySelectorAll('.MsoCommentReference, a.msocomanchor, a[href^="#_msocom_"], a[name^="_msocom_"]'));

  const noteLists = [...elementsWithMso(root, 'footnote-list'), ...elementsWithMso(root, 'endnote-list')];
  const notes = noteLists.reduce((n, list) => n + elementsWithMso(list, 'footnote').length + elementsWithMso(list, 'endnote').length, 0);
  removeAll(noteLists);
  const references = footnoteReferences(root);
  const referenced = uniqueCount(
    references.map((a) => {
      const style = parseStyle(a.getAttribute('style'));
      return style.get('mso-footnote-id') ?? style.get('mso-endnote-id') ?? a.getAttribute('href') ?? '';
    }),
  );
  dropped.footnotes += notes > 0 ? notes : referenced;
  removeAll(references);
}
