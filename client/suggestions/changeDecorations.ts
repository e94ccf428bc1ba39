// How a suggested change is drawn in an editor, not by colour alone: the text it would delete
// struck through in a <del>, the text it would insert underlined in an <ins> just after, and the
// suggester's name and role beside it (with words for screen readers saying what it is).
import { Decoration } from '@tiptap/pm/view';
import { roleLabel } from '../../shared/roles';
import type { Range } from './textRuns';

/** The class of suggested deletions (the struck text). */
export const DELETION_CLASS = 'suggestion-del';
/** The class of the widget that holds a suggested insertion and its label. */
export const CHANGE_CLASS = 'suggestion-change';

/** A change to draw: the passage it replaces and the text it proposes. */
export interface DrawnChange extends Range {
  insert: string;
}

/** Who suggested an open change, and its id. */
export interface ChangeAuthor {
  id: string;
  name: string;
  role: string;
}

/** What a change does, in words: "insertion", "deletion" or "replacement". */
export function changeKind(change: { insert: string; from: number; to: number } | { insert: string; quote: string }): 'insertion' | 'deletion' | 'replacement' {
  const replaces = 'quote' in change ? change.quote !== '' : change.to > change.from;
  if (!replaces) return 'insertion';
  return change.insert ? 'replacement' : 'deletion';
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Whose change is drawn: an open suggestion's author, or this member's own, being typed or being sent. */
export type DrawnBy = ChangeAuthor | 'draft' | 'sending';

function modifier(by: DrawnBy): string {
  return typeof by === 'string' ? `--${by}` : '';
}

/** The widget after a change: its inserted text (if any), then who suggested it (for open ones). */
function changeWidget(change: DrawnChange, by: DrawnBy): HTMLElement {
  const widget = element('span', typeof by === 'string' ? `${CHANGE_CLASS} ${CHANGE_CLASS}${modifier(by)}` : CHANGE_CLASS);
  if (change.insert) widget.append(element('ins', 'suggestion-ins', change.insert));
  if (typeof by === 'string') {
    widget.append(element('span', 'visually-hidden', by === 'draft' ? ' (your suggestion, not sent yet)' : ' (your suggestion, being sent)'));
    return widget;
  }
  widget.dataset.suggestionId = by.id;
  const label = element('span', 'suggestion-by');
  label.append(element('span', 'visually-hidden', `(suggested ${changeKind(change)} by `));
  label.append(document.createTextNode(`${by.name}, ${roleLabel(by.role)}`));
  label.append(element('span', 'visually-hidden', ')'));
  widget.append(label);
  return widget;
}

/**
 * The decorations of one change. `side` places the widget against a caret at its position: the
 * draft's before the caret (what is typed goes after it); open ones before the draft's, so a
 * second insertion typed at the same point shows after the first, in the order it will be made.
 */
export function changeDecorations(change: DrawnChange, options: { key: string; by: DrawnBy; side: number }): Decoration[] {
  const { key, by, side } = options;
  const open = typeof by !== 'string';
  const decorations: Decoration[] = [];
  if (change.to > change.from) {
    const attrs: Record<string, string> = { nodeName: 'del', class: open ? DELETION_CLASS : `${DELETION_CLASS} ${DELETION_CLASS}${modifier(by)}` };
    if (open) attrs['data-suggestion-id'] = by.id;
    decorations.push(Decoration.inline(change.from, change.to, attrs, { inclusiveStart: false, inclusiveEnd: false }));
  }
  if (change.insert || open) {
    decorations.push(
      Decoration.widget(change.to, () => changeWidget(change, by), {
        side,
        ignoreSelection: true,
        key: `${key}:${change.insert}:${open ? `${by.name}|${by.role}` : by}`,
      }),
    );
  }
  return decorations;
}
