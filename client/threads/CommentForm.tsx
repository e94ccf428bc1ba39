import '../notifications/notifications.css';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { MAX_COMMENT_CHARS } from '../../shared/limits';
import { roleLabel } from '../../shared/roles';
import { errorMessage } from '../api/ApiError';
import { insertMention, matchingMembers, mentionedIn, mentionQuery, type MentionCandidate } from './mentions';

interface CommentFormProps {
  /** The textarea's label: "Comment", "Reply", "Edit your comment". */
  label: string;
  submitText: string;
  initialText?: string;
  /** Shown between the label and the textarea, e.g. the passage commented on. */
  context?: ReactNode;
  /** Sends the text and the ids of the members it mentions; a thrown error is shown and the text kept. */
  onSubmit(body: string, mentions: string[]): Promise<void>;
  onCancel(): void;
  /** The members "@" offers (none: no mentions, as when editing a comment). */
  mentionable?: MentionCandidate[];
}

function problemWith(body: string, label: string): string | null {
  if (body.trim() === '') return `Enter your ${label.toLowerCase()}`;
  if (body.length > MAX_COMMENT_CHARS) {
    return `${label} must be ${MAX_COMMENT_CHARS.toLocaleString('en-GB')} characters or fewer (it has ${body.length.toLocaleString('en-GB')})`;
  }
  return null;
}

/** A comment's text with its submit and cancel buttons; takes focus when it opens. */
export function CommentForm({ label, submitText, initialText = '', context, onSubmit, onCancel, mentionable = [] }: CommentFormProps) {
  const textareaId = useId();
  const errorId = useId();
  const contextId = useId();
  const hintId = useId();
  const listId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(initialText);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // The "@" being typed, the members it matches, the one highlighted, and those chosen so far.
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<MentionCandidate[]>([]);
  const options = query ? matchingMembers(mentionable, query.query) : [];
  const listOpen = options.length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  const follow = (text: string, caret: number) => {
    const next = mentionable.length > 0 ? mentionQuery(text, caret) : null;
    if (next?.start !== query?.start || next?.query !== query?.query) setActive(0);
    setQuery(next);
  };

  const choose = (member: MentionCandidate) => {
    const textarea = textareaRef.current;
    if (!query || !textarea) return;
    const next = insertMention(body, query.start, textarea.selectionStart, member.name);
    setBody(next.text);
    setChosen((current) => (current.some((m) => m.userId === member.userId) ? current : [...current, member]));
    setQuery(null);
    requestAnimationFrame(() => {
      textarea.focus();
      textarea.setSelectionRange(next.caret, next.caret);
    });
  };

  useEffect(() => {
    textareaRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const problem = problemWith(body, label);
    if (problem) {
      setError(problem);
      textareaRef.current?.focus();
      return;
    }
    setError(null);
    setSending(true);
    try {
      await onSubmit(body, mentionedIn(body, chosen));
    } catch (failure) {
      setError(errorMessage(failure));
      setSending(false);
      textareaRef.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (listOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose(options[Math.min(active, options.length - 1)]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Escape' && !sending) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form className="comment-form" onSubmit={submit} noValidate>
      <label className="label" htmlFor={textareaId}>
        {label}
      </label>
      {context && (
        <div className="comment-form__context" id={contextId}>
          {context}
        </div>
      )}
      {error && (
        <p className="thread-error" id={errorId} role="alert">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {mentionable.length > 0 && (
        <p className="hint" id={hintId}>
          Type @ to mention a member: they will be told.
        </p>
      )}
      <div className="mention-field">
        <textarea
          className={error ? 'textarea thread-textarea--error' : 'textarea'}
          id={textareaId}
          ref={textareaRef}
          rows={3}
          value={body}
          onChange={(event) => {
            setBody(event.target.value);
            follow(event.target.value, event.target.selectionStart);
          }}
          onSelect={(event) => follow(event.currentTarget.value, event.currentTarget.selectionStart)}
          onBlur={() => setQuery(null)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-controls={listOpen ? listId : undefined}
          aria-activedescendant={listOpen ? optionId(Math.min(active, options.length - 1)) : undefined}
          aria-describedby={[context ? contextId : '', mentionable.length > 0 ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
        />
        {listOpen && (
          <ul className="mention-list" id={listId} role="listbox" aria-label="Members to mention">
            {options.map((member, i) => (
              <li
                key={member.userId}
                id={optionId(i)}
                className="mention-list__option"
                role="option"
                aria-selected={i === Math.min(active, options.length - 1)}
                // Keep focus in the textarea: the choice is made without leaving it.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(member);
                }}
              >
                {member.name}
                <span className="mention-list__role">{roleLabel(member.role)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {listOpen ? `${options.length} ${options.length === 1 ? 'member matches' : 'members match'}: use the up and down arrows, then Enter to mention one.` : ''}
      </p>
      <div className="button-group comment-form__buttons">
        <button className="button button--small" type="submit" disabled={sending}>
          {submitText}
        </button>
        <button className="button button--secondary button--small" type="button" onClick={onCancel} disabled={sending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
