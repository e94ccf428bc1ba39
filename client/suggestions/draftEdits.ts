// What typing does in suggest mode: each key changes a draft (the suggestion being typed), never
// the document. A draft replaces the text of one or more runs: its first part takes what is typed,
// with the caret just after it; further parts are the other runs of a selection that was typed
// over or deleted, each a deletion of its own (a suggestion lies within one run of text).
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { MAX_SUGGESTION_CHARS } from '../../shared/limits';
import { runAt, runsBetween, textOf, type Range } from './textRuns';

/** One change of a draft: the text of [from, to] (empty for a pure insertion) replaced by `insert`. */
export interface DraftPart extends Range {
  insert: string;
}

/** What a key, a paste or a cut asks of the draft. */
export type DraftInput =
  | { kind: 'text'; from: number; to: number; text: string }
  | { kind: 'deleteBackward' | 'deleteForward'; by: 'character' | 'word' };

/** What to do after an input (`P`: the parts of the draft as the caller keeps them). */
export interface DraftResult<P extends DraftPart = DraftPart> {
  /** The draft as it was, to send now: the input started a change elsewhere. */
  send: P[] | null;
  /** The draft from now on (null: none). */
  draft: DraftPart[] | null;
  /** Where the caret goes (null: where it is). */
  caret: number | null;
  /** Why the input changed nothing, in words for the member. */
  refused: string | null;
}

/** The member's selection, as ProseMirror positions. */
export interface SelectionRange {
  from: number;
  to: number;
}

/** Why a key that would join paragraphs does nothing. */
export const ACROSS_RUNS = 'A suggestion changes text within one paragraph: it cannot join paragraphs or remove a line break.';
/** Why a selection outside text cannot be typed over. */
export const NOT_TEXT = 'Only text can be suggested here: place the caret in a paragraph, heading or cell.';
/** Why a long insertion stops growing. */
export const TOO_LONG = `A suggestion can hold up to ${MAX_SUGGESTION_CHARS.toLocaleString('en-GB')} characters.`;

const NOTHING: DraftResult<never> = { send: null, draft: null, caret: null, refused: null };

/** Where the caret of a draft is: just after its first part. */
export function draftCaret(draft: readonly DraftPart[]): number {
  return draft[0]!.to;
}

/** Whether a draft would change nothing (typed, then taken back). */
export function isEmptyDraft(draft: readonly DraftPart[]): boolean {
  return draft.every((part) => part.from === part.to && part.insert === '');
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** How many UTF-16 units to take from the end of `text`: one character, or back to the start of a word. */
function unitsBefore(text: string, by: 'character' | 'word'): number {
  if (text.length === 0) return 0;
  if (by === 'character') {
    const last = text.length - 1;
    return last > 0 && isLowSurrogate(text.charCodeAt(last)) && isHighSurrogate(text.charCodeAt(last - 1)) ? 2 : 1;
  }
  const match = /\S*\s*$/u.exec(text);
  const length = match?.[0].length ?? 0;
  return length > 0 ? length : 1;
}

/** How many UTF-16 units to take from the start of `text`: one character, or to the end of a word. */
function unitsAfter(text: string, by: 'character' | 'word'): number {
  if (text.length === 0) return 0;
  if (by === 'character') return text.length > 1 && isHighSurrogate(text.charCodeAt(0)) && isLowSurrogate(text.charCodeAt(1)) ? 2 : 1;
  const match = /^\s*\S*/u.exec(text);
  const length = match?.[0].length ?? 0;
  return length > 0 ? length : 1;
}

/** A new draft over [from, to] with `text` typed in place of it (one part per run the range crosses). */
function startDraft(doc: ProseMirrorNode, from: number, to: number, text: string): DraftResult {
  const parts = runsBetween(doc, from, to);
  if (parts.length === 0) return { ...NOTHING, refused: NOT_TEXT };
  if (text.length > MAX_SUGGESTION_CHARS) return { ...NOTHING, refused: TOO_LONG };
  const draft = parts.map((part, i) => ({ ...part, insert: i === 0 ? text : '' }));
  return { send: null, draft, caret: draftCaret(draft), refused: null };
}

function withFirst(draft: readonly DraftPart[], first: DraftPart): DraftPart[] {
  return [first, ...draft.slice(1)];
}

/**
 * Applies one input to the draft (null: none yet), given the document and the member's selection.
 * The parts of the new draft are plain; positions that moved need their anchors made again.
 */
export function editDraft<P extends DraftPart>(doc: ProseMirrorNode, draft: readonly P[] | null, selection: SelectionRange, input: DraftInput): DraftResult<P> {
  const atCaret = draft !== null && selection.from === selection.to && selection.from === draftCaret(draft);
  const first = draft?.[0];

  if (input.kind === 'text') {
    if (atCaret && first && input.from === input.to && input.from === first.to) {
      const insert = first.insert + input.text;
      if (insert.length > MAX_SUGGESTION_CHARS) return { ...NOTHING, draft: [...draft], refused: TOO_LONG };
      return { send: null, draft: withFirst(draft, { ...first, insert }), caret: null, refused: null };
    }
    return { ...startDraft(doc, input.from, input.to, input.text), send: draft ? [...draft] : null };
  }

  // A selection is removed whichever way it is deleted.
  if (selection.from !== selection.to) {
    return { ...startDraft(doc, selection.from, selection.to, ''), send: draft ? [...draft] : null };
  }

  if (atCaret && first) {
    const run = runAt(doc, first.from);
    if (input.kind === 'deleteBackward') {
      if (first.insert) {
        const insert = first.insert.slice(0, first.insert.length - unitsBefore(first.insert, input.by));
        return { send: null, draft: withFirst(draft, { ...first, insert }), caret: null, refused: null };
      }
      if (!run || first.from <= run.from) return { ...NOTHING, draft: [...draft], refused: ACROSS_RUNS };
      const before = textOf(doc, { from: run.from, to: first.from });
      return { send: null, draft: withFirst(draft, { ...first, from: first.from - unitsBefore(before, input.by) }), caret: null, refused: null };
    }
    if (!run || first.to >= run.to) return { ...NOTHING, draft: [...draft], refused: ACROSS_RUNS };
    const after = textOf(doc, { from: first.to, to: run.to });
    const moved = { ...first, to: first.to + unitsAfter(after, input.by) };
    return { send: null, draft: withFirst(draft, moved), caret: moved.to, refused: null };
  }

  // A deletion next to the caret, somewhere else than the draft.
  const caret = selection.from;
  const send = draft ? [...draft] : null;
  const run = runAt(doc, caret);
  if (!run) return { ...NOTHING, send, refused: NOT_TEXT };
  if (input.kind === 'deleteBackward') {
    if (caret <= run.from) return { ...NOTHING, send, refused: ACROSS_RUNS };
    const from = caret - unitsBefore(textOf(doc, { from: run.from, to: caret }), input.by);
    return { send, draft: [{ from, to: caret, insert: '' }], caret, refused: null };
  }
  if (caret >= run.to) return { ...NOTHING, send, refused: ACROSS_RUNS };
  const to = caret + unitsAfter(textOf(doc, { from: caret, to: run.to }), input.by);
  return { send, draft: [{ from: caret, to, insert: '' }], caret: to, refused: null };
}

/** The text a pasted slice or clipboard gives a suggestion: one run, so line and paragraph breaks become spaces. */
export function pastedText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]*\n[ \t\n]*/g, ' ');
}
