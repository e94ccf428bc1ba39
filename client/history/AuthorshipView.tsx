// "Who wrote this": the section's text as it is now, each run marked with its author (from the
// server's record). Not by colour alone: each run starts with its author's initials, and the
// key lists them; the author's name and role show on hover and on focus and are read out first.
import type { AuthorshipBody, HistoryPerson } from '../../shared/api';
import { useTip } from './useTip';
import './history.css';
import { personText } from './versionWords';

type Span = AuthorshipBody['spans'][number];

/** Underline styles and tints, one per author in turn (the initials tell them apart anyway). */
const STYLE_COUNT = 6;

interface Author {
  key: string;
  person: HistoryPerson | null;
  initials: string;
  style: number;
}

function initialsOf(person: HistoryPerson | null): string {
  if (!person) return '?';
  const words = person.name.split(/\s+/).filter((word) => /\p{L}|\p{N}/u.test(word));
  const letters = words.map((word) => [...word][0] ?? '').join('');
  return (letters.length > 2 ? letters[0]! + letters[letters.length - 1]! : letters).toUpperCase() || '?';
}

/** The authors in order of first appearance; two with the same initials keep them apart by number. */
function authorsOf(spans: Span[]): Map<string, Author> {
  const authors = new Map<string, Author>();
  const seen = new Map<string, number>();
  for (const span of spans) {
    const key = span.by?.userId ?? '';
    if (authors.has(key)) continue;
    const base = initialsOf(span.by);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    authors.set(key, { key, person: span.by, initials: count > 1 ? `${base}${count}` : base, style: authors.size % STYLE_COUNT });
  }
  return authors;
}

function authorText(author: Author): string {
  return author.person ? `Written by ${personText(author.person)}` : 'Author not recorded (written before Countersign kept a record)';
}

function AuthorRun({ author, text }: { author: Author; text: string }) {
  const tip = useTip();
  return (
    <span className={`author author--${author.style}${tip.hidden ? ' tip-hidden' : ''}`} tabIndex={0} {...tip.handlers}>
      <span className="author__initials" aria-hidden="true">
        {author.initials}
      </span>
      <span className="tip">{authorText(author)}</span>
      <span className="visually-hidden">: </span>
      {text}
    </span>
  );
}

/** The current text in runs by author, with a key of who is who. */
export function AuthorshipView({ spans }: { spans: Span[] }) {
  const authors = authorsOf(spans);
  const lines: Array<Array<{ author: Author; text: string }>> = [[]];
  for (const span of spans) {
    const author = authors.get(span.by?.userId ?? '')!;
    span.text.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1]!.push({ author, text: part });
    });
  }
  const shown = lines.filter((line) => line.length > 0);
  if (shown.length === 0) return <p className="hint">The section has no text yet.</p>;
  return (
    <div className="authorship">
      <ul className="authorship__key" aria-label="Authors">
        {[...authors.values()].map((author) => (
          <li key={author.key}>
            <span className={`author__initials author--${author.style}`} aria-hidden="true">
              {author.initials}
            </span>{' '}
            {author.person ? personText(author.person) : 'Not recorded (written before Countersign kept a record)'}
          </li>
        ))}
      </ul>
      <div className="authorship__text">
        {shown.map((line, index) => (
          <p key={index}>
            {line.map((run, i) => (
              <AuthorRun key={i} author={run.author} text={run.text} />
            ))}
          </p>
        ))}
      </div>
    </div>
  );
}
