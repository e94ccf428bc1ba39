import type { Editor } from '@tiptap/react';
import { toBase64 } from 'lib0/buffer';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { canReopen, canSignOff } from '../../shared/permissions';
import { sectionSchema } from '../../shared/schemas/model';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { useSaveStatusRegistry } from '../sync/SaveStatusRegistry';
import { ErrorSummary } from '../ui/ErrorSummary';
import { formatDateTime } from '../format/dates';
import { HashValue } from '../history/HashValue';
import { ConfirmationPanel } from './ConfirmationPanel';
import { SignOffCheck } from './SignOffCheck';
import { contentHash } from './contentHash';
import './signoff.css';

/** How long "Sign off" waits for the signer's own edits to be saved before asking anyway. */
const SAVE_WAIT_MS = 5_000;

interface SignOffControlsProps {
  response: ResponseDetail;
  section: Section;
  /** Called after the server accepted a change, to fetch the response again. */
  onChanged: () => void;
  /** The signed-in member's name, for the check step. */
  userName: string;
  /** The section's editor, once there is one: the check step follows its changes. */
  editor: Editor | null;
}

/**
 * "Sign off" for the owner's signatory, which opens a check step and, once confirmed, a
 * confirmation panel; "Reopen" (with a reason) once signed off.
 */
export function SignOffControls({ response, section, onChanged, userName, editor }: SignOffControlsProps) {
  const registry = useSaveStatusRegistry();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);
  const [confirmed, setConfirmed] = useState<Section | null>(null);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const signOffButton = useRef<HTMLButtonElement>(null);
  const refocusSignOff = useRef(false);
  const sectionPath = `/api/responses/${encodeURIComponent(response.id)}/sections/${encodeURIComponent(section.id)}`;
  const maySignOff = canSignOff(response.me, section, response);
  const mayReopen = canReopen(response.me, section, response);

  // Cancelled: back to "Sign off", once it is on the page again.
  useEffect(() => {
    if (checking || !refocusSignOff.current) return;
    refocusSignOff.current = false;
    signOffButton.current?.focus();
  }, [checking]);

  // The confirmation stays while the section is signed off as confirmed; a reopen ends it.
  const stillSigned = confirmed !== null && section.state === 'signed_off' && section.signOff?.at === confirmed.signOff?.at;
  const seenSigned = useRef(false);
  useEffect(() => {
    if (stillSigned) seenSigned.current = true;
    else if (confirmed && seenSigned.current) {
      seenSigned.current = false;
      setConfirmed(null);
    }
  }, [confirmed, stillSigned]);
  // Nor can the check step outlive the right to sign off (signed off elsewhere, rights changed).
  useEffect(() => {
    if (!maySignOff && checking) setChecking(false);
  }, [maySignOff, checking]);

  const confirmation = confirmed?.signOff ? (
    <ConfirmationPanel title={`${section.title} is signed off`} headingLevel={3}>
      <p>
        Signed off by {confirmed.signOff.name}, {formatDateTime(confirmed.signOff.at)}. It is locked for everyone until it is reopened.
      </p>
      <p className="confirmation-panel__hash">
        Content hash (SHA-256): <HashValue hash={confirmed.signOff.contentHash} />
      </p>
    </ConfirmationPanel>
  ) : null;
  if (!maySignOff && !mayReopen) return confirmation && <div className="signoff">{confirmation}</div>;

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setErrors([]);
    try {
      await action();
      setReopening(false);
      setReason('');
      onChanged();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  // What the signer sees must be what is signed: wait for their edits to be saved, send the
  // server their state vector so it waits for anything still in flight, and the hash of the text
  // they see, so that it refuses if anyone else's edit changed it meanwhile.
  const signOff = () =>
    void run(async () => {
      const tracker = registry?.tracker(section.id);
      if (tracker) await tracker.whenSaved(SAVE_WAIT_MS);
      const signed = tracker
        ? await api('POST', `${sectionPath}/signoff`, sectionSchema, {
            stateVector: toBase64(tracker.stateVector()),
            expectedHash: await contentHash(tracker.doc),
          })
        : await api('POST', `${sectionPath}/signoff`, sectionSchema);
      setChecking(false);
      setConfirmed(signed);
    });

  const reopen = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors(['Enter a reason for reopening']);
      return;
    }
    void run(() => api('POST', `${sectionPath}/reopen`, sectionSchema, { reason: reason.trim() }));
  };

  return (
    <div className="signoff">
      {confirmation}
      {!checking && <ErrorSummary errors={errors} title={maySignOff ? 'The section was not signed off' : 'The section was not reopened'} />}
      {maySignOff && !checking && (
        <button
          className="button"
          type="button"
          ref={signOffButton}
          onClick={() => {
            setErrors([]);
            setChecking(true);
          }}
        >
          Sign off
        </button>
      )}
      {maySignOff && checking && (
        <SignOffCheck
          response={response}
          section={section}
          signerName={userName}
          editor={editor}
          busy={busy}
          errors={errors}
          onConfirm={signOff}
          onCancel={() => {
            setErrors([]);
            refocusSignOff.current = true;
            setChecking(false);
          }}
        />
      )}
      {mayReopen && !reopening && (
        <button className="button button--secondary" type="button" onClick={() => setReopening(true)}>
          Reopen
        </button>
      )}
      {mayReopen && reopening && (
        <form className="reopen-form" onSubmit={reopen} noValidate>
          <div className="form-group">
            <label className="label" htmlFor={reasonId}>
              Reason for reopening
            </label>
            <textarea
              className="textarea"
              id={reasonId}
              rows={3}
              // The form opens on request: put the caret where the user is about to type.
              autoFocus
              required
              aria-required="true"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="button-group">
            <button className="button" type="submit" disabled={busy}>
              Reopen
            </button>
            <button
              className="button button--secondary"
              type="button"
              onClick={() => {
                setReopening(false);
                setErrors([]);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
