import { useEffect, useId, useRef, useState } from 'react';
import { refusalKind, type WriteRefusalKind } from '../../shared/writeRefusals';

/** Edits the server refused, and the text the editor held when it refused them. */
export interface LostChanges {
  count: number;
  reason: string;
  text: string;
}

function changes(n: number): string {
  return n === 1 ? '1 of your changes was' : `${n} of your changes were`;
}

/** Why the changes were refused, and what the user can do, in words that fit the server's reason. */
const EXPLANATIONS: Record<WriteRefusalKind, { why: string; next: string | null }> = {
  read_only: { why: 'this section was signed off or is read-only', next: null },
  size_limit: {
    why: 'this section has reached its size limit',
    next: 'Nothing more can be added to it, though text can still be deleted. Put the rest of your text in another section, or ask an administrator of the response for help.',
  },
  content: {
    why: 'they hold content the editor cannot save',
    next: 'This can happen with text pasted from another program: try pasting it as plain text. If it happens again, tell an administrator of the response.',
  },
  identity: {
    why: 'this browser was mistaken for another member’s editor',
    next: 'Reload the page to carry on; your text is below. If it happens again, tell an administrator of the response.',
  },
  unknown: { why: 'the server refused them', next: null },
};

// Copies through the Clipboard API, or the older selection route where it is not available
// (plain http on another host, or permission refused).
async function copyText(text: string, fallback: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    fallback.select();
    return document.execCommand('copy');
  }
}

/**
 * Says that edits were not saved, and why (the section locked under the user's hands, is full,
 * or was sent what the editor cannot save), and keeps the user's text, so nothing disappears
 * silently.
 */
export function LostChangesAlert({
  lost,
  sectionLabel,
  onDismiss,
}: {
  lost: LostChanges;
  sectionLabel: string;
  onDismiss: () => void;
}) {
  const textareaId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const explanation = EXPLANATIONS[refusalKind(lost.reason)];

  useEffect(() => {
    alertRef.current?.focus();
  }, []);

  const copy = async () => {
    setCopied((await copyText(lost.text, textareaRef.current)) ? 'copied' : 'failed');
  };

  return (
    <div className="alert alert--error" role="alert" tabIndex={-1} ref={alertRef}>
      <p className="alert__title">
        {changes(lost.count)} not saved: {explanation.why}.
      </p>
      {lost.reason && <p>The server said: {lost.reason}</p>}
      {explanation.next && <p>{explanation.next}</p>}
      <p>
        The section now shows the text that is saved. Your text from before is below: copy it if you need it. It is
        kept in this browser until you dismiss this message.
      </p>
      <label className="label" htmlFor={textareaId}>
        Your unsaved text of {sectionLabel}
      </label>
      <textarea className="textarea" id={textareaId} ref={textareaRef} readOnly rows={6} value={lost.text} />
      <div className="button-group">
        <button className="button button--secondary" type="button" onClick={copy}>
          Copy text
        </button>
        <button className="button button--secondary" type="button" onClick={onDismiss}>
          Dismiss
        </button>
        <span className="hint" role="status">
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Could not copy: select the text and copy it yourself' : ''}
        </span>
      </div>
    </div>
  );
}
