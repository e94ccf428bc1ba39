// A section's history in a dialog: its versions newest first (why, when, who), "Save a version"
// for its writers, and any version opened read-only to compare or restore. Escape or Close
// ends it; the caller puts focus back on the button that opened it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Version } from '../../shared/api';
import { errorMessage } from '../api/ApiError';
import { formatDateTime } from '../format/dates';
import { ModalDialog } from '../ui/ModalDialog';
import { fetchVersions, type SectionRef } from './historyApi';
import { SaveVersionForm } from './SaveVersionForm';
import { VersionView } from './VersionView';
import { personText, versionLabel, versionReason } from './versionWords';

type VersionList = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; versions: Version[] };

interface HistoryDialogProps {
  section: SectionRef;
  /** The section's name as the page gives it ("Chief Officer comments", "Response to recommendation 2"). */
  label: string;
  /** The member may write the section now: save versions and restore them. */
  mayWrite: boolean;
  /** Changes whenever the response changed on the server (a sign-off, a restore elsewhere): the list is read again. */
  revision: unknown;
  onClose: () => void;
}

export function HistoryDialog({ section, label, mayWrite, revision, onClose }: HistoryDialogProps) {
  const [list, setList] = useState<VersionList>({ status: 'loading' });
  const [openId, setOpenId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const returnTo = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const { responseId, sectionId } = section;

  const load = useCallback(async () => {
    try {
      setList({ status: 'ready', versions: await fetchVersions({ responseId, sectionId }) });
    } catch (error) {
      setList({ status: 'failed', message: errorMessage(error) });
    }
  }, [responseId, sectionId]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  // Back in the list: focus the version that was open, once its button is there.
  useEffect(() => {
    if (openId !== null || !returnTo.current || list.status !== 'ready') return;
    const id = returnTo.current;
    returnTo.current = null;
    listRef.current?.querySelector<HTMLButtonElement>(`button[data-version="${CSS.escape(id)}"]`)?.focus();
  }, [openId, list]);

  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const versions = list.status === 'ready' ? list.versions : [];
  const open = openId ? versions.find((version) => version.id === openId) : undefined;

  const back = () => {
    returnTo.current = openId;
    setOpenId(null);
  };

  return (
    <ModalDialog title={`History of ${label}`} onClose={onClose} className="dialog--wide history">
      <div className="history__top">
        <button className="button button--secondary button--small" type="button" onClick={onClose}>
          Close<span className="visually-hidden"> the history</span>
        </button>
      </div>
      {message && (
        <div className="notice history__message" role="status" tabIndex={-1} ref={messageRef}>
          <p>{message}</p>
        </div>
      )}
      {open ? (
        <VersionView
          section={section}
          version={open}
          versions={versions}
          mayRestore={mayWrite}
          sectionLabel={label}
          onBack={back}
          onRestored={(kept) => {
            setMessage(`The text of ${label} is now this version’s text. The text as it was just before is kept as a version (${versionLabel(kept)}).`);
            setOpenId(null);
            void load();
          }}
        />
      ) : (
        <>
          {mayWrite && (
            <SaveVersionForm
              section={section}
              onSaved={(version) => {
                setMessage(`Version saved: ${versionReason(version)}.`);
                void load();
              }}
            />
          )}
          {list.status === 'loading' && <p role="status">Loading the history…</p>}
          {list.status === 'failed' && (
            <p className="field-error" role="alert">
              {list.message}
            </p>
          )}
          {list.status === 'ready' && versions.length === 0 && (
            <p>
              No versions yet. A version is kept when the section is signed off, reopened or published, when a member saves one with a name, and
              automatically every few minutes while people edit.
            </p>
          )}
          {versions.length > 0 && (
            <ol className="versions" ref={listRef} aria-label={`Versions of ${label}, newest first`}>
              {versions.map((version) => (
                <li className="versions__item" key={version.id}>
                  <p className="versions__why">{versionReason(version)}</p>
                  <p className="versions__meta">
                    {formatDateTime(version.createdAt)}
                    {version.createdBy && <>, {personText(version.createdBy)}</>}
                  </p>
                  <button
                    className="button button--secondary button--small"
                    type="button"
                    data-version={version.id}
                    onClick={() => {
                      setMessage('');
                      setOpenId(version.id);
                    }}
                  >
                    Open<span className="visually-hidden"> the version: {versionLabel(version)}</span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </ModalDialog>
  );
}
