import { useEffect, useId, useRef, useState } from 'react';

/** Edits the server refused, and the text the editor held when it refused them. */
export interface LostChanges {
  count: number;
  reason: string;
  text: string;
}

function changes(n: number): string {
  return n === 1 ? '1 of your changes was' : `${n} of your changes were`;
}

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
 * Says that edits were not saved and keeps the user's text, so nothing disappears silently
 * when a section locks under their hands.
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

  useEffect(() => {
    alertRef.current?.focus();
  }, []);

  const copy = async () => {
    setCopied((await copyText(lost.text, textareaRef.current)) ? 'copied' : 'failed');
  };

  return (
    <div className="alert alert--error" role="alert" tabIndex={-1} ref={alertRef}>
      <p className="alert__title">
        {changes(lost.count)} not saved: this section was signed off or is read-only.
      </p>
      {lost.reason && <p>The server said: {lost.reason}</p>}
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
