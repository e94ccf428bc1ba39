import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { MAX_COMMENT_CHARS } from '../../shared/limits';
import { errorMessage } from '../api/ApiError';

interface CommentFormProps {
  /** The textarea's label: "Comment", "Reply", "Edit your comment". */
  label: string;
  submitText: string;
  initialText?: string;
  /** Shown between the label and the textarea, e.g. the passage commented on. */
  context?: ReactNode;
  /** Sends the text; a thrown error is shown and the text kept. */
  onSubmit(body: string): Promise<void>;
  onCancel(): void;
}

function problemWith(body: string, label: string): string | null {
  if (body.trim() === '') return `Enter your ${label.toLowerCase()}`;
  if (body.length > MAX_COMMENT_CHARS) {
    return `${label} must be ${MAX_COMMENT_CHARS.toLocaleString('en-GB')} characters or fewer (it has ${body.length.toLocaleString('en-GB')})`;
  }
  return null;
}

/** A comment's text with its submit and cancel buttons; takes focus when it opens. */
export function CommentForm({ label, submitText, initialText = '', context, onSubmit, onCancel }: CommentFormProps) {
  const textareaId = useId();
  const errorId = useId();
  const contextId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(initialText);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

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
      await onSubmit(body);
    } catch (failure) {
      setError(errorMessage(failure));
      setSending(false);
      textareaRef.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
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
      <textarea
        className={error ? 'textarea thread-textarea--error' : 'textarea'}
        id={textareaId}
        ref={textareaRef}
        rows={3}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={error ? true : undefined}
        aria-describedby={[context ? contextId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
      />
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
