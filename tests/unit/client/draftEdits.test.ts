// What each key does to a suggestion being typed (client/suggestions/draftEdits.ts), on
// ProseMirror documents built with the editor's own schema: nothing here touches the document.
import { getSchema } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { ACROSS_RUNS, editDraft, isEmptyDraft, NOT_TEXT, pastedText, TOO_LONG, type DraftPart } from '../../../client/suggestions/draftEdits';
import { runAt, runsBetween } from '../../../client/suggestions/textRuns';
import { MAX_SUGGESTION_CHARS } from '../../../shared/limits';

const schema = getSchema([StarterKit]);

type Inline = string | { br: true };

/** A document of paragraphs; a paragraph is text, or text and line breaks. */
function docOf(...paragraphs: Array<string | Inline[]>): ProseMirrorNode {
  return schema.node(
    'doc',
    null,
    paragraphs.map((content) => {
      const inline = typeof content === 'string' ? [content] : content;
      return schema.node(
        'paragraph',
        null,
        inline.filter((part) => part !== '').map((part) => (typeof part === 'string' ? schema.text(part) : schema.node('hardBreak'))),
      );
    }),
  );
}

/** The position just before the first occurrence of `text` (after it, with `after`). */
function at(doc: ProseMirrorNode, text: string, after = false): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return;
    const index = node.text!.indexOf(text);
    if (index >= 0) found = pos + index + (after ? text.length : 0);
  });
  if (found < 0) throw new Error(`"${text}" is not in the doc`);
  return found;
}

/** What a draft would do, in words: the text each part deletes and inserts. */
function words(doc: ProseMirrorNode, draft: readonly DraftPart[] | null) {
  return draft?.map((part) => ({ deletes: doc.textBetween(part.from, part.to), inserts: part.insert })) ?? null;
}

const caret = (pos: number) => ({ from: pos, to: pos });
const type = (pos: number, text: string, to = pos) => ({ kind: 'text' as const, from: pos, to, text });
const BACKSPACE = { kind: 'deleteBackward' as const, by: 'character' as const };
const DELETE = { kind: 'deleteForward' as const, by: 'character' as const };

describe('typing a suggestion', () => {
  const doc = docOf('The quick brown fox.', 'Jumps over the dog.');

  it('starts a pure insertion at the caret, and grows it as the member types on', () => {
    const pos = at(doc, ' brown');
    const first = editDraft(doc, null, caret(pos), type(pos, ' very'));
    expect(first).toMatchObject({ send: null, caret: pos, refused: null });
    expect(words(doc, first.draft)).toEqual([{ deletes: '', inserts: ' very' }]);
    const second = editDraft(doc, first.draft, caret(pos), type(pos, ' big'));
    expect(second).toMatchObject({ send: null, caret: null, refused: null });
    expect(words(doc, second.draft)).toEqual([{ deletes: '', inserts: ' very big' }]);
  });

  it('replaces a selection, and puts the caret after the struck text', () => {
    const from = at(doc, 'quick');
    const to = at(doc, 'quick', true);
    const result = editDraft(doc, null, { from, to }, type(from, 'slow', to));
    expect(words(doc, result.draft)).toEqual([{ deletes: 'quick', inserts: 'slow' }]);
    expect(result.caret).toBe(to);
  });

  it('sends the draft when typing starts somewhere else', () => {
    const here = at(doc, ' fox');
    const draft = editDraft(doc, null, caret(here), type(here, ' red')).draft!;
    const there = at(doc, ' dog');
    const result = editDraft(doc, draft, caret(there), type(there, ' lazy'));
    expect(words(doc, result.send)).toEqual([{ deletes: '', inserts: ' red' }]);
    expect(words(doc, result.draft)).toEqual([{ deletes: '', inserts: ' lazy' }]);
  });

  it('makes one part per paragraph of a selection across paragraphs: the first takes the text, the others are deleted', () => {
    const from = at(doc, 'fox.');
    const to = at(doc, 'Jumps', true);
    const result = editDraft(doc, null, { from, to }, type(from, 'cat.', to));
    expect(words(doc, result.draft)).toEqual([
      { deletes: 'fox.', inserts: 'cat.' },
      { deletes: 'Jumps', inserts: '' },
    ]);
    expect(result.caret).toBe(at(doc, 'fox.', true));
  });

  it('treats a line break as the end of a run of text', () => {
    const broken = docOf(['Line one', { br: true }, 'line two']);
    const from = at(broken, 'one');
    const to = at(broken, 'line', true);
    expect(words(broken, editDraft(broken, null, { from, to }, type(from, '', to)).draft)).toEqual([
      { deletes: 'one', inserts: '' },
      { deletes: 'line', inserts: '' },
    ]);
    // Backspace just after the break would remove it: refused.
    const start = at(broken, 'line two');
    expect(editDraft(broken, null, caret(start), BACKSPACE)).toMatchObject({ draft: null, refused: ACROSS_RUNS });
  });

  it('takes back typed text with Backspace first, then strikes the text before the draft', () => {
    const pos = at(doc, 'fox', true);
    let result = editDraft(doc, null, caret(pos), type(pos, 'es'));
    result = editDraft(doc, result.draft, caret(pos), BACKSPACE);
    expect(words(doc, result.draft)).toEqual([{ deletes: '', inserts: 'e' }]);
    result = editDraft(doc, result.draft, caret(pos), BACKSPACE);
    expect(words(doc, result.draft)).toEqual([{ deletes: '', inserts: '' }]);
    expect(isEmptyDraft(result.draft!)).toBe(true);
    for (let i = 0; i < 3; i++) result = editDraft(doc, result.draft, caret(pos), BACKSPACE);
    expect(words(doc, result.draft)).toEqual([{ deletes: 'fox', inserts: '' }]);
    // The caret stays after the struck text, where typing replaces it.
    expect(result.caret).toBeNull();
    result = editDraft(doc, result.draft, caret(pos), type(pos, 'cat'));
    expect(words(doc, result.draft)).toEqual([{ deletes: 'fox', inserts: 'cat' }]);
  });

  it('stops at the start of the paragraph: a suggestion cannot join paragraphs', () => {
    const start = at(doc, 'Jumps');
    expect(editDraft(doc, null, caret(start), BACKSPACE)).toMatchObject({ draft: null, refused: ACROSS_RUNS });
    let result = editDraft(doc, null, caret(start + 1), BACKSPACE);
    expect(words(doc, result.draft)).toEqual([{ deletes: 'J', inserts: '' }]);
    result = editDraft(doc, result.draft, caret(start + 1), BACKSPACE);
    expect(result.refused).toBe(ACROSS_RUNS);
    // The draft is kept as it was.
    expect(words(doc, result.draft)).toEqual([{ deletes: 'J', inserts: '' }]);
  });

  it('strikes forward with Delete, moving the caret after the struck text, up to the end of the paragraph', () => {
    const pos = at(doc, 'dog');
    let result = editDraft(doc, null, caret(pos), DELETE);
    expect(words(doc, result.draft)).toEqual([{ deletes: 'd', inserts: '' }]);
    expect(result.caret).toBe(pos + 1);
    for (let i = 0; i < 3; i++) result = editDraft(doc, result.draft, caret(result.caret ?? pos + 1 + i), DELETE);
    expect(words(doc, result.draft)).toEqual([{ deletes: 'dog.', inserts: '' }]);
    const end = at(doc, 'dog.', true);
    expect(editDraft(doc, result.draft, caret(end), DELETE).refused).toBe(ACROSS_RUNS);
  });

  it('deletes by word with Ctrl+Backspace and Ctrl+Delete', () => {
    const pos = at(doc, ' fox');
    const back = editDraft(doc, null, caret(pos), { kind: 'deleteBackward', by: 'word' });
    expect(words(doc, back.draft)).toEqual([{ deletes: 'brown', inserts: '' }]);
    const spaced = at(doc, 'quick', true);
    const forward = editDraft(doc, null, caret(spaced), { kind: 'deleteForward', by: 'word' });
    expect(words(doc, forward.draft)).toEqual([{ deletes: ' brown', inserts: '' }]);
    const typed = editDraft(doc, null, caret(pos), type(pos, ' very big'));
    const taken = editDraft(doc, typed.draft, caret(pos), { kind: 'deleteBackward', by: 'word' });
    expect(words(doc, taken.draft)).toEqual([{ deletes: '', inserts: ' very ' }]);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const emoji = docOf('Go 🚓 now');
    const after = at(emoji, '🚓', true);
    expect(words(emoji, editDraft(emoji, null, caret(after), BACKSPACE).draft)).toEqual([{ deletes: '🚓', inserts: '' }]);
    const before = at(emoji, '🚓');
    expect(words(emoji, editDraft(emoji, null, caret(before), DELETE).draft)).toEqual([{ deletes: '🚓', inserts: '' }]);
    const typed = editDraft(emoji, null, caret(before), type(before, 'a🚑'));
    expect(words(emoji, editDraft(emoji, typed.draft, caret(before), BACKSPACE).draft)).toEqual([{ deletes: '', inserts: 'a' }]);
  });

  it('types into an empty paragraph, and refuses a selection that holds no text', () => {
    const withEmpty = docOf('First.', '', 'Third.');
    const inside = at(withEmpty, 'First.', true) + 2;
    expect(runAt(withEmpty, inside)).toEqual({ from: inside, to: inside });
    expect(words(withEmpty, editDraft(withEmpty, null, caret(inside), type(inside, 'Second.')).draft)).toEqual([{ deletes: '', inserts: 'Second.' }]);
    // Between two paragraphs, in no text.
    const between = at(withEmpty, 'First.', true) + 1;
    expect(runsBetween(withEmpty, between, between)).toEqual([]);
    expect(editDraft(withEmpty, null, caret(between), type(between, 'x'))).toMatchObject({ draft: null, refused: NOT_TEXT });
  });

  it('stops an insertion at the limit of a suggestion', () => {
    const pos = at(doc, ' fox');
    const full = editDraft(doc, null, caret(pos), type(pos, 'a'.repeat(MAX_SUGGESTION_CHARS)));
    expect(full.draft?.[0]?.insert.length).toBe(MAX_SUGGESTION_CHARS);
    const over = editDraft(doc, full.draft, caret(pos), type(pos, 'b'));
    expect(over.refused).toBe(TOO_LONG);
    expect(over.draft?.[0]?.insert.length).toBe(MAX_SUGGESTION_CHARS);
  });

  it('turns the line and paragraph breaks of pasted text into spaces', () => {
    expect(pastedText('One.\r\n\r\nTwo.\nThree.')).toBe('One. Two. Three.');
    expect(pastedText('  kept  ')).toBe('  kept  ');
  });
});
