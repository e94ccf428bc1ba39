// Thread anchors through concurrent edits: two copies of a section's doc, built the way TipTap
// builds them (paragraph elements holding XmlText), edited apart and then synced. The anchor is
// made and resolved by the editor's own code, with the ProseMirror doc and mapping that the
// y-tiptap binding makes from the fragment.
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../../../shared/protocol';
import { createAnchor, resolveAnchor, type AnchorPlace } from '../../../client/threads/anchors';
import { MAX_QUOTE_CHARS } from '../../../shared/limits';
import type { ThreadAnchor } from '../../../shared/api';

const schema = getSchema([StarterKit]);

/** A doc whose fragment holds one paragraph per string (a string may be `[text, italic]` runs). */
function docWith(paragraphs: Array<string | Array<[string, boolean]>>): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  doc.transact(() => {
    fragment.insert(
      0,
      paragraphs.map(() => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText()]);
        return paragraph;
      }),
    );
    // Runs go in once the text is in the doc: a detached XmlText only queues its inserts.
    paragraphs.forEach((content, i) => {
      const text = (fragment.get(i) as Y.XmlElement).get(0) as Y.XmlText;
      const runs: Array<[string, boolean]> = typeof content === 'string' ? [[content, false]] : content;
      for (const [run, italic] of runs) text.insert(text.length, run, italic ? { italic: {} } : {});
    });
  });
  return doc;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** The editor's view of a doc: its ProseMirror doc, and the target the anchor code works on. */
function view(doc: Y.Doc) {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
  return { pmDoc, target: { doc, fragment, mapping } };
}

/** The ProseMirror range of the first occurrence of `text` within one paragraph. */
function rangeOf(doc: Y.Doc, text: string): { from: number; to: number } {
  const { pmDoc } = view(doc);
  let found: { from: number; to: number } | null = null;
  pmDoc.descendants((node, pos) => {
    if (found || !node.isTextblock) return;
    const index = node.textContent.indexOf(text);
    if (index >= 0) found = { from: pos + 1 + index, to: pos + 1 + index + text.length };
  });
  if (!found) throw new Error(`"${text}" is not in the doc`);
  return found;
}

/** An anchor on a passage, made as the editor makes it from a selection. */
function anchorOn(doc: Y.Doc, from: number, to: number): ThreadAnchor {
  const { pmDoc, target } = view(doc);
  return createAnchor(target, from, to, pmDoc.textBetween(from, to, ' '));
}

function place(doc: Y.Doc, anchor: ThreadAnchor): AnchorPlace {
  return resolveAnchor(view(doc).target, anchor);
}

/** The text the anchor covers in a doc now, or its status when it covers none. */
function passage(doc: Y.Doc, anchor: ThreadAnchor): string {
  const { pmDoc, target } = view(doc);
  const at = resolveAnchor(target, anchor);
  return at.status === 'found' ? pmDoc.textBetween(at.from, at.to, ' ') : `(${at.status})`;
}

function textOf(doc: Y.Doc, paragraph: number): Y.XmlText {
  const element = doc.getXmlFragment(SECTION_FRAGMENT).get(paragraph) as Y.XmlElement;
  return element.get(0) as Y.XmlText;
}

/** The XmlText index range of a passage that lies in one paragraph. */
function indexRange(doc: Y.Doc, anchor: ThreadAnchor, paragraph = 0): { start: number; end: number } {
  const at = place(doc, anchor);
  if (at.status !== 'found') throw new Error(`anchor ${at.status}`);
  let paragraphStart = 0;
  const { pmDoc } = view(doc);
  for (let i = 0; i < paragraph; i++) paragraphStart += pmDoc.child(i).nodeSize;
  return { start: at.from - paragraphStart - 1, end: at.to - paragraphStart - 1 };
}

const TEXT = 'I welcome the HMICFRS report on the effectiveness of the Regional Organised Crime Units.';
const QUOTE = 'the effectiveness of';

describe('thread anchors', () => {
  it('quote the selected text and resolve to it', () => {
    const doc = docWith([TEXT]);
    const { from, to } = rangeOf(doc, QUOTE);
    const anchor = anchorOn(doc, from, to);
    expect(anchor.quote).toBe(QUOTE);
    expect(place(doc, anchor)).toEqual({ status: 'found', from, to });
  });

  it('follow the passage through concurrent edits before, at both edges of, and after it, in both docs', () => {
    const a = docWith([TEXT]);
    const b = copyOf(a);
    const { from, to } = rangeOf(a, QUOTE);
    const anchor = anchorOn(a, from, to);

    // A types before the passage and right after it; B types right before it and after it.
    const { start, end } = indexRange(a, anchor);
    textOf(a, 0).insert(end, ' [A after edge]');
    textOf(a, 0).insert(2, '[A before] ');
    textOf(b, 0).insert(TEXT.length, ' [B after]');
    textOf(b, 0).insert(start, '[B before edge] ');
    sync(a, b);

    expect(textOf(a, 0).toString()).toBe(textOf(b, 0).toString());
    expect(textOf(a, 0).toString()).toContain(`[B before edge] ${QUOTE} [A after edge]`);
    expect(passage(a, anchor)).toBe(QUOTE);
    expect(passage(b, anchor)).toBe(QUOTE);
  });

  it('take in text typed inside the passage', () => {
    const a = docWith([TEXT]);
    const b = copyOf(a);
    const { from, to } = rangeOf(a, QUOTE);
    const anchor = anchorOn(a, from, to);
    const { start } = indexRange(b, anchor);
    textOf(b, 0).insert(start + 'the'.length, ' overall');
    sync(a, b);
    expect(passage(a, anchor)).toBe('the overall effectiveness of');
    expect(passage(b, anchor)).toBe('the overall effectiveness of');
  });

  it('follow a passage at the very start of the text, and one in a later paragraph when paragraphs are added before it', () => {
    const a = docWith(['Opening words of the section.', TEXT]);
    const b = copyOf(a);
    const first = anchorOn(a, 1, 1 + 'Opening words'.length);
    const { from, to } = rangeOf(a, QUOTE);
    const second = anchorOn(a, from, to);
    expect(first.quote).toBe('Opening words');

    // B adds a paragraph at the top; A types at the very start of the first paragraph.
    const added = new Y.XmlElement('paragraph');
    added.insert(0, [new Y.XmlText('A new first paragraph.')]);
    b.getXmlFragment(SECTION_FRAGMENT).insert(0, [added]);
    textOf(a, 0).insert(0, 'Prefix. ');
    sync(a, b);

    for (const doc of [a, b]) {
      expect(passage(doc, first)).toBe('Opening words');
      expect(passage(doc, second)).toBe(QUOTE);
    }
  });

  it('follow a passage across two paragraphs and across italic text', () => {
    const a = docWith([
      [
        ['The primary purpose ', false],
        ['of the report', true],
        [' is to inform the Home Secretary.', false],
      ],
      'It is paramount that sustainable funding is delivered.',
    ]);
    const b = copyOf(a);
    const from = rangeOf(a, 'purpose of the').from;
    const to = rangeOf(a, 'It is paramount').to;
    const anchor = anchorOn(a, from, to);
    expect(anchor.quote).toBe('purpose of the report is to inform the Home Secretary. It is paramount');

    textOf(a, 1).insert('It is paramount'.length, ' [A]');
    textOf(b, 0).insert(0, '[B] ');
    sync(a, b);
    expect(passage(a, anchor)).toBe(anchor.quote);
    expect(passage(b, anchor)).toBe(anchor.quote);
  });

  it('stay on the passage through random concurrent edits around it (seeded)', () => {
    let seed = 20_240_601;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const a = docWith([TEXT]);
    const b = copyOf(a);
    const { from, to } = rangeOf(a, QUOTE);
    const anchor = anchorOn(a, from, to);
    for (let round = 0; round < 200; round++) {
      for (const doc of [a, b]) {
        const text = textOf(doc, 0);
        const { start, end } = indexRange(doc, anchor);
        const before = random() < 0.5;
        // Anywhere outside the passage, its two edges included.
        const at = before ? Math.floor(random() * (start + 1)) : end + Math.floor(random() * (text.length - end + 1));
        if (random() < 0.7) {
          text.insert(at, random() < 0.5 ? 'x' : 'yz ');
        } else if (before && start > 0) {
          const from = Math.floor(random() * start);
          text.delete(from, Math.min(start - from, 1 + Math.floor(random() * 3)));
        } else if (!before && text.length > end) {
          const from = end + Math.floor(random() * (text.length - end));
          text.delete(from, Math.min(text.length - from, 1 + Math.floor(random() * 3)));
        }
      }
      if (random() < 0.3) sync(a, b);
      expect(passage(a, anchor)).toBe(QUOTE);
      expect(passage(b, anchor)).toBe(QUOTE);
    }
    sync(a, b);
    expect(textOf(a, 0).toString()).toBe(textOf(b, 0).toString());
    expect(passage(a, anchor)).toBe(QUOTE);
    expect(passage(b, anchor)).toBe(QUOTE);
  });

  it('resolve a deleted passage to nothing in both docs, while text is typed around it', () => {
    const a = docWith([TEXT]);
    const b = copyOf(a);
    const { from, to } = rangeOf(a, QUOTE);
    const anchor = anchorOn(a, from, to);
    const { start, end } = indexRange(a, anchor);
    textOf(a, 0).delete(start, end - start);
    textOf(b, 0).insert(0, 'Meanwhile, ');
    sync(a, b);
    expect(place(a, anchor)).toEqual({ status: 'deleted' });
    expect(place(b, anchor)).toEqual({ status: 'deleted' });
  });

  it('resolve a passage whose whole paragraph was deleted (and garbage-collected) to nothing', () => {
    const a = docWith(['Kept paragraph.', TEXT]);
    const b = copyOf(a);
    const { from, to } = rangeOf(a, QUOTE);
    const anchor = anchorOn(a, from, to);
    b.getXmlFragment(SECTION_FRAGMENT).delete(1, 1);
    sync(a, b);
    expect(place(a, anchor)).toEqual({ status: 'deleted' });
    expect(passage(b, anchor)).toBe('(deleted)');
    // And in a doc that keeps deleted items (as the editor's undo manager may).
    const c = new Y.Doc({ gc: false });
    const d = new Y.Doc({ gc: false });
    Y.applyUpdate(c, Y.encodeStateAsUpdate(docWith(['Kept paragraph.', TEXT])));
    sync(c, d);
    const kept = anchorOn(c, rangeOf(c, QUOTE).from, rangeOf(c, QUOTE).to);
    d.getXmlFragment(SECTION_FRAGMENT).delete(1, 1);
    sync(c, d);
    expect(place(c, kept)).toEqual({ status: 'deleted' });
    expect(place(d, kept)).toEqual({ status: 'deleted' });
  });

  it('are unknown, not deleted, in a doc that has not received the text yet', () => {
    const a = docWith([TEXT]);
    const { from, to } = rangeOf(a, QUOTE);
    const anchor = anchorOn(a, from, to);
    const empty = new Y.Doc();
    expect(place(empty, anchor)).toEqual({ status: 'unknown' });
    expect(place(empty, { start: 'not base64!', end: anchor.end, quote: QUOTE })).toEqual({ status: 'unknown' });
  });

  it('clip a very long quote to the server limit', () => {
    const long = 'word '.repeat(2_000);
    const doc = docWith([long]);
    const anchor = anchorOn(doc, 1, 1 + long.length);
    expect(anchor.quote.length).toBe(MAX_QUOTE_CHARS);
    expect(passage(doc, anchor)).toBe(long);
  });
});
