import { useEffect, useRef, useState } from 'react';
import type { Suggestion } from '../../shared/api';
import type { Section } from '../../shared/model';
import { canComment, canDecideSuggestion } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { errorMessage } from '../api/ApiError';
import { formatDateTime } from '../format/dates';
import { CommentForm } from '../threads/CommentForm';
import type { PassageStatus } from '../threads/PassageRegistry';
import { useThreadsContext } from '../threads/ThreadsContext';
import { changeKind } from './changeDecorations';
import { useSuggestionsContext } from './SuggestionsContext';

interface SuggestionItemProps {
  suggestion: Suggestion;
  /** The section it is on; null once the section was removed. */
  section: Section | null;
  /** Where its passage is now in the section's editor. */
  passage: PassageStatus;
  /** The id its heading carries, for the list to move focus to. */
  headingId: string;
  /** Says what just happened, in the list's status line. */
  announce(message: string): void;
  /** Reports a decision made here, so the list can move focus on. */
  onDecided(suggestionId: string): void;
}

/** "Sam Taylor, Chief Constable". */
export function suggesterName(by: { name: string; role: string }): string {
  return `${by.name}, ${roleLabel(by.role)}`;
}

function stateText(suggestion: Suggestion): string {
  switch (suggestion.state) {
    case 'open':
      return 'Open';
    case 'accepted':
      return 'Accepted';
    case 'rejected':
      return 'Rejected';
    case 'stale':
      return 'Stale';
  }
}

/** Why a stale suggestion cannot be accepted, to follow a colon: "the passage was changed after…". */
function staleReason(reason: string | null): string {
  const text = (reason ?? 'its passage changed after it was made').replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** One suggestion in the list: who made it and when, the text before and after, its replies, and accept or reject. */
export function SuggestionItem({ suggestion, section, passage, headingId, announce, onDecided }: SuggestionItemProps) {
  const context = useSuggestionsContext();
  // The members a reply may mention: the response's members, as for threads.
  const mentionable = useThreadsContext()?.mentionable ?? [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [replying, setReplying] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const wasReplying = useRef(false);

  // Back to the Reply button when the reply form closes.
  useEffect(() => {
    if (wasReplying.current && !replying) replyButton.current?.focus();
    wasReplying.current = replying;
  }, [replying]);

  if (!context) return null;
  const { store, passages, me, response } = context;
  const kind = changeKind({ insert: suggestion.insert, quote: suggestion.anchor.quote });
  const sectionTitle = section?.title ?? 'A removed section';
  const mayDecide = section !== null && canDecideSuggestion(me, section, response);
  const decidable = mayDecide && (suggestion.state === 'open' || suggestion.state === 'stale');
  const mayReply = canComment(me, response);
  const name = suggesterName(suggestion.by);

  const decide = async (decision: 'accept' | 'reject') => {
    setError(null);
    setBusy(true);
    try {
      if (decision === 'accept') await store.accept(suggestion.id);
      else await store.reject(suggestion.id);
      announce(decision === 'accept' ? `${suggestion.by.name}’s suggestion was accepted: the text has changed.` : `${suggestion.by.name}’s suggestion was rejected.`);
      onDecided(suggestion.id);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const show = () => {
    if (!passages.show(suggestion.sectionId, suggestion.id)) setError('The passage could not be shown: it may have just changed.');
  };

  return (
    <article className={`suggestion suggestion--${suggestion.state}`} aria-labelledby={headingId}>
      <h3 className="suggestion__title" id={headingId} tabIndex={-1}>
        {sectionTitle}
      </h3>
      <p className="suggestion__meta">
        <span className="suggestion__author">{name}</span> suggested {kind === 'insertion' ? 'an insertion' : `a ${kind}`},{' '}
        <time dateTime={suggestion.createdAt}>{formatDateTime(suggestion.createdAt)}</time>
      </p>
      <p className="suggestion__state">
        <span className={`tag suggestion__tag suggestion__tag--${suggestion.state}`}>{stateText(suggestion)}</span>
        {suggestion.decidedBy && suggestion.decidedAt && (
          <span className="hint">
            {' '}
            by {suggesterName(suggestion.decidedBy)}, <time dateTime={suggestion.decidedAt}>{formatDateTime(suggestion.decidedAt)}</time>
          </span>
        )}
      </p>
      {suggestion.state === 'stale' && (
        <p className="suggestion__stale">
          It can no longer be accepted: {staleReason(suggestion.staleReason)}. It can still be read
          {decidable ? ' and rejected' : ''}.
        </p>
      )}
      <dl className="suggestion__texts">
        <div className="suggestion__text">
          <dt>Before</dt>
          <dd>{suggestion.anchor.quote ? <del className="suggestion__before">{suggestion.anchor.quote}</del> : <span className="hint">Nothing: new text is inserted</span>}</dd>
        </div>
        <div className="suggestion__text">
          <dt>After</dt>
          <dd>{suggestion.insert ? <ins className="suggestion__after">{suggestion.insert}</ins> : <span className="hint">Nothing: the text is deleted</span>}</dd>
        </div>
      </dl>
      {suggestion.state === 'open' && passage === 'found' && (
        <button className="button button--link" type="button" onClick={show}>
          Show in text
        </button>
      )}
      {error && (
        <p className="thread-error" role="alert">
          {error}
        </p>
      )}
      {decidable && (
        <div className="button-group suggestion__actions">
          {suggestion.state === 'open' && section?.state === 'drafting' && (
            <button className="button button--small" type="button" disabled={busy} onClick={() => void decide('accept')}>
              Accept<span className="visually-hidden"> suggestion</span>
            </button>
          )}
          <button className="button button--secondary button--small" type="button" disabled={busy} onClick={() => void decide('reject')}>
            Reject<span className="visually-hidden"> suggestion</span>
          </button>
        </div>
      )}
      {decidable && suggestion.state === 'open' && section?.state === 'signed_off' && (
        <p className="hint suggestion__locked">Reopen the section to accept</p>
      )}
      {suggestion.comments.length > 0 && (
        <ol className="thread__comments" aria-label={`Replies to ${name}’s suggestion`}>
          {suggestion.comments.map((comment) => (
            <li className="comment" key={comment.id}>
              <p className="comment__meta">
                <span className="comment__author">{comment.author.name}</span>{' '}
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
              </p>
              {comment.deleted ? <p className="comment__deleted">Comment deleted</p> : <p className="comment__body">{comment.body}</p>}
            </li>
          ))}
        </ol>
      )}
      {mayReply && replying && (
        <CommentForm
          label="Reply"
          submitText="Post reply"
          mentionable={mentionable}
          onSubmit={async (body, mentions) => {
            await store.reply(suggestion.id, body, mentions);
            setReplying(false);
            announce('Your reply was posted.');
          }}
          onCancel={() => setReplying(false)}
        />
      )}
      {mayReply && !replying && (
        <button className="button button--secondary button--small suggestion__reply" type="button" ref={replyButton} onClick={() => setReplying(true)}>
          Reply
        </button>
      )}
    </article>
  );
}
