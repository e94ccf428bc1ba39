import { toBase64 } from 'lib0/buffer';
import { useId, useState, type FormEvent } from 'react';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { canReopen, canSignOff } from '../../shared/permissions';
import { sectionSchema } from '../../shared/schemas/model';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { useSaveStatusRegistry } from '../sync/SaveStatusRegistry';
import { ErrorSummary } from '../ui/ErrorSummary';

/** How long "Sign off" waits for the signer's own edits to be saved before asking anyway. */
const SAVE_WAIT_MS = 5_000;

interface SignOffControlsProps {
  response: ResponseDetail;
  section: Section;
  /** Called after the server accepted a change, to fetch the response again. */
  onChanged: () => void;
}

/** "Sign off" for the owner's signatory; "Reopen" (with a reason) once signed off. */
export function SignOffControls({ response, section, onChanged }: SignOffControlsProps) {
  const registry = useSaveStatusRegistry();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const sectionPath = `/api/responses/${encodeURIComponent(response.id)}/sections/${encodeURIComponent(section.id)}`;
  const maySignOff = canSignOff(response.me, section, response);
  const mayReopen = canReopen(response.me, section, response);
  if (!maySignOff && !mayReopen) return null;

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

  // What the signer sees must be what is signed: wait for their edits to be saved, and send
  // the server their state vector so it waits for anything still in flight.
  const signOff = () =>
    run(async () => {
      const tracker = registry?.tracker(section.id);
      if (!tracker) return api('POST', `${sectionPath}/signoff`, sectionSchema);
      await tracker.whenSaved(SAVE_WAIT_MS);
      return api('POST', `${sectionPath}/signoff`, sectionSchema, { stateVector: toBase64(tracker.stateVector()) });
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
      <ErrorSummary errors={errors} title={maySignOff ? 'The section was not signed off' : 'The section was not reopened'} />
      {maySignOff && (
        <button className="button" type="button" onClick={signOff} disabled={busy}>
          Sign off
        </button>
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
