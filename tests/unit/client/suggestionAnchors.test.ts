// The anchors the browser makes for suggestions (client/suggestions/suggestionAnchors.ts, from
// ProseMirror positions through the y-tiptap binding's mapping), read by the server's own code
// (server/suggestions/passage.ts): each names exactly the text meant, within one run of text,
// and accepting suggestions in turn makes the changes the member typed, in the order typed.
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { initProseMirrorDoc, prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeAnchor, resolveChange } from '../../../client/suggestions/suggestionAnchors';
import { runsBetween } from '../../../client/suggestions/textRuns';
import { findPassage, replacePassage } from '../../../server/suggestions/passage';
import { SECTION_FRAGMENT } from '../../../shared/protocol';

const schema = getSchema([StarterKit]);

type Inline = string | { br: true };

/** A section's Yjs document of paragraphs (text, or text and line breaks), as the editor would store it. */
function sectionDoc(...paragraphs: Array<string | Inline[]>): Y.Doc {
  const json = {
    type: 'doc',
    content: paragraphs.map((content) => {
      const inline = (typeof content === 'string' ? [content] : content).filter((part) => part !== '');
      return {
        type: 'paragraph',
        ...(inline.length > 0 ? { content: inline.map((part) => (typeof part === 'string' ? { type: 'text', text: part } : { type: 'hardBreak' })) } : {}),
      };
    }),
  };
  // The server's documents keep deleted content (gc off), as rooms do.
  const made = prosemirrorJSONToYDoc(schema, json, SECTION_FRAGMENT);
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(made));
  return doc;
}

/** The editor's view of a document: its ProseMirror doc and the target anchors are made on. */
function view(doc: Y.Doc) {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
  return { pmDoc, target: { doc, fragment, mapping } };
}

/** ProseMirror position just before (or after) the first `text`. */
function at(doc: Y.Doc, text: string, after = false): number {
  const { pmDoc } = view(doc);
  let found = -1;
  pmDoc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return;
    const index = node.text!.indexOf(text);
    if (index >= 0) found = pos + index + (after ? text.length : 0);
  });
  if (found < 0) throw new Error(`"${text}" is not in the doc`);
  return found;
}

function anchorAt(doc: Y.Doc, from: number, to = from) {
  return changeAnchor(view(doc).target, from, to);
}

/** The text of every paragraph, as a reader sees it. */
function paragraphs(doc: Y.Doc): string[] {
  const { pmDoc } = view(doc);
  const out: string[] = [];
  pmDoc.forEach((node) => out.push(node.textBetween(0, node.content.size, '', '⏎')));
  return out;
}

/** What the server does on accept: finds the passage and replaces it. */
function accept(doc: Y.Doc, anchor: { start: string; end: string }, insert: string): void {
  const passage = findPassage(doc, anchor);
  if (passage.status !== 'found') throw new Error(`passage ${passage.reason}`);
  doc.transact(() => replacePassage(passage, insert));
}

describe('suggestion anchors, read by the server', () => {
  it('name exactly the text selected, and the server replaces exactly that', () => {
    const doc = sectionDoc('The quick brown fox.', 'Jumps over the dog.');
    const anchor = anchorAt(doc, at(doc, 'quick'), at(doc, 'quick', true));
    expect(findPassage(doc, anchor)).toMatchObject({ status: 'found', current: 'quick' });
    accept(doc, anchor, 'slow');
    expect(paragraphs(doc)).toEqual(['The slow brown fox.', 'Jumps over the dog.']);
  });

  it('make a pure insertion with both ends the same, which the server takes as an insertion', () => {
    const doc = sectionDoc('The fox.');
    const anchor = anchorAt(doc, at(doc, ' fox'));
    expect(anchor.start).toBe(anchor.end);
    expect(findPassage(doc, anchor)).toMatchObject({ status: 'found', current: '' });
    expect(resolveChange(view(doc).target, anchor)).toEqual({ status: 'found', from: at(doc, ' fox'), to: at(doc, ' fox') });
  });

  it('keep two insertions typed at one point in the order typed, whichever way the text changes meanwhile', () => {
    const doc = sectionDoc('The fox.');
    const pos = at(doc, ' fox');
    // The second is made while the first is still only a suggestion: at the same point.
    const first = anchorAt(doc, pos);
    const second = anchorAt(doc, pos);
    // A writer types at that very point before either is accepted: not stale, still in place.
    const text = doc.getXmlFragment(SECTION_FRAGMENT).get(0) as Y.XmlElement;
    (text.get(0) as Y.XmlText).insert('The'.length, ' red');
    expect(findPassage(doc, first)).toMatchObject({ status: 'found', current: '' });
    accept(doc, first, ' quick');
    accept(doc, second, ' brown');
    expect(paragraphs(doc)).toEqual(['The red quick brown fox.']);
  });

  it('follow the end of a paragraph for an insertion typed there', () => {
    const doc = sectionDoc('The fox.', 'Second.');
    const anchor = anchorAt(doc, at(doc, 'fox.', true));
    expect(findPassage(doc, anchor)).toMatchObject({ status: 'found', current: '' });
    accept(doc, anchor, ' It ran.');
    expect(paragraphs(doc)).toEqual(['The fox. It ran.', 'Second.']);
  });

  it('insert into an empty paragraph', () => {
    const doc = sectionDoc('First.', '', 'Third.');
    const inside = at(doc, 'First.', true) + 2;
    const anchor = anchorAt(doc, inside);
    expect(findPassage(doc, anchor)).toMatchObject({ status: 'found', current: '' });
    accept(doc, anchor, 'Second.');
    expect(paragraphs(doc)).toEqual(['First.', 'Second.', 'Third.']);
  });

  it('keep each part of a selection across a line break and paragraphs within its own run of text', () => {
    const doc = sectionDoc(['Line one', { br: true }, 'line two'], 'Next paragraph.');
    const { pmDoc } = view(doc);
    const parts = runsBetween(pmDoc, at(doc, 'one'), at(doc, 'Next', true));
    const anchors = parts.map((part) => anchorAt(doc, part.from, part.to));
    expect(anchors.map((anchor) => findPassage(doc, anchor))).toMatchObject([
      { status: 'found', current: 'one' },
      { status: 'found', current: 'line two' },
      { status: 'found', current: 'Next' },
    ]);
    // Accepted one by one (the others still find their text), nothing but the text changes.
    for (const anchor of anchors) accept(doc, anchor, '');
    expect(paragraphs(doc)).toEqual(['Line ⏎', ' paragraph.']);
  });

  it('are found again after others edit around them, and say when their text was deleted', () => {
    const doc = sectionDoc('The quick brown fox.');
    const anchor = anchorAt(doc, at(doc, 'brown'), at(doc, 'brown', true));
    const text = (doc.getXmlFragment(SECTION_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'See: ');
    expect(resolveChange(view(doc).target, anchor)).toEqual({ status: 'found', from: at(doc, 'brown'), to: at(doc, 'brown', true) });
    text.delete(text.toString().indexOf('brown'), 'brown'.length);
    expect(resolveChange(view(doc).target, anchor)).toEqual({ status: 'deleted' });
  });
});
