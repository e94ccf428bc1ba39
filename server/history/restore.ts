// Restoring a version is a forward change: the update that turns the section's text now into
// the version's text. Blocks (paragraphs, headings, lists, tables) the two share are kept as
// they are, so what nobody changed keeps its authors; a block changed within its text keeps its
// unchanged start and end; the rest is replaced.
import * as Y from 'yjs';
import { canonicalJson, sectionJson, type ContentNode, type Mark } from '../content/sectionContent';
import { SECTION_FRAGMENT } from '../../shared/protocol';

type ElementNode = { type: string; attrs?: Record<string, unknown>; content?: ContentNode[] };
type TextNode = { type: 'text'; text: string; marks?: Mark[] };

function isText(node: ContentNode): node is TextNode {
  return node.type === 'text';
}

/** y-prosemirror stores a mark as a text format named after it, its attributes as the value. */
function formatOf(marks: Mark[] = []): Record<string, unknown> {
  return Object.fromEntries(marks.map((mark) => [mark.type, mark.attrs ?? {}]));
}

/**
 * A Yjs element for a content node, as the editor would have made it (as y-prosemirror does:
 * children and text are put into the element before it is in the document, and go in with it).
 */
function elementOf(node: ElementNode): Y.XmlElement {
  const element = new Y.XmlElement(node.type);
  for (const [key, value] of Object.entries(node.attrs ?? {})) element.setAttribute(key, value as string);
  const children: Array<Y.XmlElement | Y.XmlText> = [];
  let runs: TextNode[] = [];
  const flush = () => {
    if (runs.length === 0) return;
    const text = new Y.XmlText();
    text.applyDelta(runs.map((run) => ({ insert: run.text, attributes: formatOf(run.marks) })));
    children.push(text);
    runs = [];
  };
  for (const child of node.content ?? []) {
    if (isText(child)) runs.push(child);
    else {
      flush();
      children.push(elementOf(child as ElementNode));
    }
  }
  flush();
  if (children.length > 0) element.insert(0, children);
  return element;
}

/** The text of a block made only of text runs, one character at a time with its marks, or null. */
function characters(node: ContentNode): Array<{ char: string; marks: string }> | null {
  const element = node as ElementNode;
  if (isText(node) || !(element.content ?? []).every(isText)) return null;
  const result: Array<{ char: string; marks: string }> = [];
  for (const run of (element.content ?? []) as TextNode[]) {
    const marks = canonicalJson(run.marks ?? []);
    for (const char of run.text) result.push({ char, marks });
  }
  return result;
}

/** The longest common subsequence of two lists of keys, as pairs of indexes. */
function commonBlocks(current: string[], target: string[]): Array<[number, number]> {
  const rows = current.length + 1;
  const cols = target.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = current.length - 1; i >= 0; i--) {
    for (let j = target.length - 1; j >= 0; j--) {
      table[i * cols + j] = current[i] === target[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < current.length && j < target.length; ) {
    if (current[i] === target[j]) pairs.push([i++, j++]);
    else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Edits a text block in place: keeps the common start and end, replaces the middle. */
function editText(element: Y.XmlElement, from: Array<{ char: string; marks: string }>, to: ContentNode): void {
  const target = characters(to)!;
  let start = 0;
  while (start < from.length && start < target.length && from[start]!.char === target[start]!.char && from[start]!.marks === target[start]!.marks) start++;
  let end = 0;
  while (
    end < from.length - start &&
    end < target.length - start &&
    from[from.length - 1 - end]!.char === target[target.length - 1 - end]!.char &&
    from[from.length - 1 - end]!.marks === target[target.length - 1 - end]!.marks
  ) end++;
  let text = element.get(0);
  if (!(text instanceof Y.XmlText)) {
    text = new Y.XmlText();
    element.insert(0, [text]);
  }
  const yText = text as Y.XmlText;
  // Offsets count characters as strings do (UTF-16), as Yjs does.
  const offset = (chars: Array<{ char: string }>, count: number) => chars.slice(0, count).reduce((n, c) => n + c.char.length, 0);
  const deleteFrom = offset(from, start);
  const deleteLength = offset(from, from.length - end) - deleteFrom;
  if (deleteLength > 0) yText.delete(deleteFrom, deleteLength);
  let at = deleteFrom;
  for (const piece of target.slice(start, target.length - end)) {
    yText.insert(at, piece.char, formatOf(JSON.parse(piece.marks) as Mark[]));
    at += piece.char.length;
  }
}

/**
 * Changes the section's fragment in `doc` so that it holds `target` (a version's content). Run it
 * on a copy of the room's document with a client id of its own; the update it makes is the
 * restore.
 */
export function applyContent(doc: Y.Doc, target: ContentNode): void {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  const now = (sectionJson(doc) as ElementNode).content ?? [];
  const wanted = (target as ElementNode).content ?? [];
  const pairs = commonBlocks(now.map(canonicalJson), wanted.map(canonicalJson));
  doc.transact(() => {
    // Walk the gaps between kept blocks from the end, so earlier indexes stay right.
    const bounds: Array<[number, number]> = [[-1, -1], ...pairs, [now.length, wanted.length]];
    for (let g = bounds.length - 2; g >= 0; g--) {
      const [nowStart, wantedStart] = [bounds[g]![0] + 1, bounds[g]![1] + 1];
      const [nowEnd, wantedEnd] = bounds[g + 1]!;
      const removed = now.slice(nowStart, nowEnd);
      const added = wanted.slice(wantedStart, wantedEnd);
      // A block rewritten within its text, at the same place: edit it in place.
      let kept = 0;
      while (kept < removed.length && kept < added.length) {
        const from = characters(removed[kept]!);
        const to = added[kept]!;
        const sameShell = from && characters(to) && removed[kept]!.type === to.type && canonicalJson((removed[kept] as ElementNode).attrs ?? {}) === canonicalJson((to as ElementNode).attrs ?? {});
        if (!sameShell) break;
        editText(fragment.get(nowStart + kept) as Y.XmlElement, from, to);
        kept++;
      }
      if (removed.length > kept) fragment.delete(nowStart + kept, removed.length - kept);
      const fresh = added.slice(kept).map((node) => elementOf(node as ElementNode));
      if (fresh.length > 0) fragment.insert(nowStart + kept, fresh);
    }
  });
}
