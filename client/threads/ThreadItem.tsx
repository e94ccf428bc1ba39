import { useEffect, useId, useRef, useState } from 'react';
import type { Thread, ThreadComment } from '../../shared/api';
import { canChangeComment } from '../../shared/permissions';
import { errorMessage } from '../api/ApiError';
import { formatDateTime } from '../format/dates';
import { CommentForm } from './CommentForm';
import type { PassageStatus } from './PassageRegistry';
import { useThreadsContext } from './ThreadsContext';

interface ThreadItemProps {
  thread: Thread;
  /** The thread's heading (who started it). */
  title: string;
  /** Where its passage is now; null for a thread on a whole section. */
  passage: PassageStatus | null;
  /** Says what just happened, in the list's status line. */
  announce(message: string): void;
}

/** One comment: its author, time and text, or "Comment deleted". Always rendered as text. */
function CommentView({
  comment,
  mine,
  editing,
  onEdit,
  onDelete,
  onSave,
  onCancel,
}: {
  comment: ThreadComment;
  mine: boolean;
  editing: boolean;
  onEdit(): void;
  onDelete(): void;
  onSave(body: string): Promise<void>;
  onCancel(): void;
}) {
  return (
    <li className="comment">
      <p className="comment__meta">
        <span className="comment__author">{comment.author.name}</span>{' '}
        <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.editedAt && !comment.deleted ? ' (edited)' : ''}
      </p>
      {comment.deleted ? (
        <p className="comment__deleted">Comment deleted</p>
      ) : editing ? (
        <CommentForm label="Edit your comment" submitText="Save comment" initialText={comment.body} onSubmit={onSave} onCancel={onCancel} />
      ) : (
        <p className="comment__body">{comment.body}</p>
      )}
      {mine && !comment.deleted && !editing && (
        <div className="button-group">
          <button className="button button--link" type="button" onClick={onEdit}>
            Edit<span className="visually-hidden"> your comment</span>
          </button>
          <button className="button button--link" type="button" onClick={onDelete}>
            Delete<span className="visually-hidden"> your comment</span>
          </button>
        </div>
      )}
    </li>
  );
}

/** "Thread started by Alex Morgan": a thread's heading. */
export function threadTitle(thread: Thread): string {
  const first = thread.comments[0];
  return first ? `Thread started by ${first.author.name}` : 'Thread';
}

/** A thread in its section's list: what it is about, its comments, and replying, resolving, reopening. */
export function ThreadItem({ thread, title, passage, announce }: ThreadItemProps) {
  const context = useThreadsContext();
  const headingId = useId();
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const wasReplying = useRef(false);

  // Back to the Reply button when the reply form closes.
  useEffect(() => {
    if (wasReplying.current && !replying) replyButton.current?.focus();
    wasReplying.current = replying;
  }, [replying]);

  if (!context) return null;
  const { store, passages, access, userId, me, responseState, mentionable } = context;
  const writable = access === 'comment';
  const open = thread.state === 'open';

  const run = async (action: () => Promise<void>, done?: string) => {
    setError(null);
    setBusy(true);
    try {
      await action();
      if (done) announce(done);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const remove = (comment: ThreadComment) => {
    if (!window.confirm('Delete your comment? Others will see that a comment was deleted.')) return;
    void run(() => store.deleteComment(thread.id, comment.id), 'Your comment was deleted.');
  };

  const show = () => {
    if (!passages.show(thread.sectionId, thread.id)) setError('The passage could not be shown: it may have just been deleted.');
  };

  return (
    <article className={open ? 'thread' : 'thread thread--resolved'} id={`thread-${thread.id}`} tabIndex={-1} aria-labelledby={headingId}>
      <h4 className="thread__title" id={headingId}>
        {title}
      </h4>
      <p className="thread__state">
        {open ? (
          <span className="tag">Open</span>
        ) : (
          <>
            <span className="tag thread__tag--resolved">Resolved</span>
            {thread.resolvedBy && thread.resolvedAt && (
              <span className="hint">
                {' '}
                by {thread.resolvedBy.name}, <time dateTime={thread.resolvedAt}>{formatDateTime(thread.resolvedAt)}</time>
              </span>
            )}
          </>
        )}
      </p>
      {thread.anchor && (
        <div className="thread__passage">
          <p className="thread__about">About the passage:</p>
          <blockquote className="thread__quote">{thread.anchor.quote}</blockquote>
          {passage === 'deleted' && <p className="thread__gone">The passage was deleted</p>}
          {passage === 'found' && (
            <button className="button button--link" type="button" onClick={show}>
              Show passage
            </button>
          )}
        </div>
      )}
      <ol className="thread__comments">
        {thread.comments.map((comment) => (
          <CommentView
            key={comment.id}
            comment={comment}
            mine={canChangeComment(me, { state: responseState }, comment, userId)}
            editing={editing === comment.id}
            onEdit={() => setEditing(comment.id)}
            onDelete={() => remove(comment)}
            onSave={async (body) => {
              await store.editComment(thread.id, comment.id, body);
              setEditing(null);
              announce('Your comment was changed.');
            }}
            onCancel={() => setEditing(null)}
          />
        ))}
      </ol>
      {error && (
        <p className="thread-error" role="alert">
          {error}
        </p>
      )}
      {writable && replying && (
        <CommentForm
          label="Reply"
          submitText="Post reply"
          mentionable={mentionable}
          onSubmit={async (body, mentions) => {
            await store.reply(thread.id, body, mentions);
            setReplying(false);
            announce('Your reply was posted.');
          }}
          onCancel={() => setReplying(false)}
        />
      )}
      {writable && !replying && (
        <div className="button-group thread__actions">
          <button
            className="button button--secondary button--small"
            type="button"
            ref={replyButton}
            onClick={() => setReplying(true)}
          >
            Reply
          </button>
          <button
            className="button button--secondary button--small"
            type="button"
            disabled={busy}
            onClick={() =>
              void run(() => store.setResolved(thread.id, open), open ? 'The thread was resolved.' : 'The thread was reopened.')
            }
          >
            {open ? 'Resolve thread' : 'Reopen thread'}
          </button>
        </div>
      )}
    </article>
  );
}
