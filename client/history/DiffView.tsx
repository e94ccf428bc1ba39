// A comparison drawn for everyone: the text with insertions and deletions marked inline (<ins>
// and <del>, with a visible marker and strike, not colour alone, and words for screen readers),
// each naming the member who made it and when on hover and on focus; then the same changes as
// a list, for keyboard and screen-reader users.
import type { TextChange } from '../../shared/api';
import { useTip } from './useTip';
import './history.css';
import { changeCount, changeCredit, changeDescription } from './versionWords';

type Edit = Exclude<TextChange, { type: 'same' }>;

/** A run of one line of the text: unchanged, or a piece of a change. */
type Piece = { kind: 'same'; text: string } | { kind: 'edit'; change: Edit; text: string; lineBreakOnly: boolean };

/** How much of a changed passage the list quotes. */
const QUOTE_CHARS = 120;

/** The changes split into lines (the server ends each block with "\n"). */
function linesOf(changes: TextChange[]): Piece[][] {
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  for (const change of changes) {
    const parts = change.text.split('\n');
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      if (part !== '') {
        line.push(change.type === 'same' ? { kind: 'same', text: part } : { kind: 'edit', change, text: part, lineBreakOnly: false });
      } else if (change.type !== 'same' && !last && !line.some((piece) => piece.kind === 'edit' && piece.change === change)) {
        // A change that is only a line break (a paragraph split or joined): show that it is there.
        line.push({ kind: 'edit', change, text: '¶', lineBreakOnly: true });
      }
      if (!last) {
        lines.push(line);
        line = [];
      }
    });
  }
  if (line.length > 0) lines.push(line);
  return lines.filter((pieces) => pieces.length > 0);
}

/** A changed passage as the list quotes it. */
function quoteOf(text: string): string {
  // A block's own end is not worth a mark; breaks inside the passage are.
  const flat = text.replace(/^\n+|\n+$/g, '').replace(/\n+/g, ' ¶ ').replace(/\s+/g, ' ').trim();
  if (flat === '' || flat === '¶') return '';
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS)}…` : flat;
}

/** One piece of a change in the text, focusable, its credit shown on hover and focus (Escape hides it). */
function ChangeMark({ piece }: { piece: Extract<Piece, { kind: 'edit' }> }) {
  const tip = useTip();
  const Tag = piece.change.type === 'insert' ? 'ins' : 'del';
  return (
    <Tag className={`change change--${piece.change.type}${tip.hidden ? ' tip-hidden' : ''}`} tabIndex={0} {...tip.handlers}>
      <span className="tip">{changeDescription(piece.change)}</span>
      <span className="visually-hidden">: </span>
      {piece.lineBreakOnly ? (
        <>
          <span aria-hidden="true">¶</span>
          <span className="visually-hidden">a paragraph break</span>
        </>
      ) : (
        piece.text
      )}
      <span className="visually-hidden"> (end of {piece.change.type === 'insert' ? 'insertion' : 'deletion'})</span>
    </Tag>
  );
}

interface DiffViewProps {
  changes: TextChange[];
  /** The level of the heading over the list of changes. */
  headingLevel: 3 | 4 | 5;
  /** What nothing changed means here ("Nothing has changed since…"). */
  unchanged?: string;
}

/** The text of a comparison with its changes marked, then the list of changes. */
export function DiffView({ changes, headingLevel, unchanged = 'Nothing changed.' }: DiffViewProps) {
  const edits = changes.filter((change): change is Edit => change.type !== 'same');
  const ListHeading = `h${headingLevel}` as 'h3' | 'h4' | 'h5';
  if (edits.length === 0) return <p className="diff__unchanged">{unchanged}</p>;
  return (
    <div className="diff">
      <p className="diff__summary">
        {changeCount(changes)}. Inserted text is underlined and marked <span className="diff__key diff__key--insert">+</span>, deleted text is struck through
        and marked <span className="diff__key diff__key--delete">−</span>; focus or point at a change to see who made it.
      </p>
      <div className="diff__text">
        {linesOf(changes).map((line, index) => (
          <p key={index}>
            {line.map((piece, i) => (piece.kind === 'same' ? <span key={i}>{piece.text}</span> : <ChangeMark key={i} piece={piece} />))}
          </p>
        ))}
      </div>
      <ListHeading className="diff__list-title">Each change</ListHeading>
      <ol className="diff__list">
        {edits.map((change, index) => {
          const quote = quoteOf(change.text);
          return (
            <li key={index}>
              <span className="diff__kind">{change.type === 'insert' ? 'Inserted' : 'Deleted'}</span> {quote ? `“${quote}”` : 'a paragraph break'}, by{' '}
              {changeCredit(change)}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
