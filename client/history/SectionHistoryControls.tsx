// Beside a section's sign-off controls: "History" (the section's versions in a dialog) and the
// "Show who wrote this" toggle, which shows the text now in runs by author, read again as the
// text changes.
import type { Editor } from '@tiptap/react';
import { useEffect, useId, useRef, useState } from 'react';
import type { AuthorshipBody, ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { canEdit } from '../../shared/permissions';
import { errorMessage } from '../api/ApiError';
import { AuthorshipView } from './AuthorshipView';
import { fetchAuthorship } from './historyApi';
import { HistoryDialog } from './HistoryDialog';
import { useTextRevision } from './useTextRevision';
import './history.css';

type Authorship = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; spans: AuthorshipBody['spans'] };

interface SectionHistoryControlsProps {
  response: ResponseDetail;
  section: Section;
  /** The section's name as the page gives it. */
  label: string;
  editor: Editor | null;
  /** The live connection ended for good: nothing may be written. */
  stopped: boolean;
}

export function SectionHistoryControls({ response, section, label, editor, stopped }: SectionHistoryControlsProps) {
  const [historyOpen, setHistoryOpen] = useState(false);
  const [showAuthors, setShowAuthors] = useState(false);
  const [authorship, setAuthorship] = useState<Authorship>({ status: 'loading' });
  const historyButton = useRef<HTMLButtonElement>(null);
  const closing = useRef(false);
  const authorsId = useId();
  const textRevision = useTextRevision(editor, section.id, showAuthors);
  const ref = { responseId: response.id, sectionId: section.id };
  const mayWrite = canEdit(response.me, section, response) && !stopped;

  // Focus goes back to "History" once the dialog has left the page (the page is inert until then).
  useEffect(() => {
    if (historyOpen || !closing.current) return;
    closing.current = false;
    historyButton.current?.focus();
  }, [historyOpen]);

  useEffect(() => {
    if (!showAuthors) return;
    let live = true;
    fetchAuthorship({ responseId: response.id, sectionId: section.id }).then(
      (spans) => live && setAuthorship({ status: 'ready', spans }),
      (error: unknown) => live && setAuthorship({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [showAuthors, response, section.id, textRevision]);

  return (
    <div className="history-controls">
      <div className="button-group" role="group" aria-label={`History of ${label}`}>
        <button className="button button--secondary button--small" type="button" ref={historyButton} aria-haspopup="dialog" onClick={() => setHistoryOpen(true)}>
          History<span className="visually-hidden"> of {label}</span>
        </button>
        <button
          className="button button--secondary button--small"
          type="button"
          aria-pressed={showAuthors}
          aria-controls={showAuthors ? authorsId : undefined}
          onClick={() => {
            setAuthorship({ status: 'loading' });
            setShowAuthors((shown) => !shown);
          }}
        >
          Show who wrote this<span className="visually-hidden"> ({label})</span>
        </button>
      </div>
      {showAuthors && (
        // A group, not a region: the section's own region is the one named after it.
        <div className="authorship-panel" id={authorsId} role="group" aria-label={`Who wrote ${label}`}>
          {authorship.status === 'loading' && <p role="status">Finding who wrote each passage…</p>}
          {authorship.status === 'failed' && (
            <p className="field-error" role="alert">
              {authorship.message}
            </p>
          )}
          {authorship.status === 'ready' && <AuthorshipView spans={authorship.spans} />}
        </div>
      )}
      {historyOpen && (
        <HistoryDialog
          section={ref}
          label={label}
          mayWrite={mayWrite}
          revision={response}
          onClose={() => {
            closing.current = true;
            setHistoryOpen(false);
          }}
        />
      )}
    </div>
  );
}
