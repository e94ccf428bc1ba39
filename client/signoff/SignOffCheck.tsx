// The check step before a sign-off (GOV.UK "check your answers"): the section, who signs, that
// it locks for everyone until reopened, and, if it was signed off before, what changed since
// then, from the server's history, read again while the text changes. Then confirm or cancel.
import type { Editor } from '@tiptap/react';
import { useEffect, useId, useRef, useState } from 'react';
import type { ResponseDetail, TextChange, Version } from '../../shared/api';
import type { Section } from '../../shared/model';
import { roleLabel } from '../../shared/roles';
import { errorMessage } from '../api/ApiError';
import { formatDateTime } from '../format/dates';
import { DiffView } from '../history/DiffView';
import { fetchDiff, fetchVersions } from '../history/historyApi';
import { useTextRevision } from '../history/useTextRevision';
import { personText } from '../history/versionWords';
import { useSaveStatusRegistry } from '../sync/SaveStatusRegistry';
import { ErrorSummary } from '../ui/ErrorSummary';

/** How long the check waits for the signer's own edits to be stored before reading the changes. */
const SAVE_WAIT_MS = 5_000;

type SinceLast =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'first' }
  | { status: 'ready'; signOff: Version; changes: TextChange[] };

interface SignOffCheckProps {
  response: ResponseDetail;
  section: Section;
  signerName: string;
  editor: Editor | null;
  busy: boolean;
  errors: string[];
  onConfirm: () => void;
  onCancel: () => void;
}

export function SignOffCheck({ response, section, signerName, editor, busy, errors, onConfirm, onCancel }: SignOffCheckProps) {
  const registry = useSaveStatusRegistry();
  const [since, setSince] = useState<SinceLast>({ status: 'loading' });
  const textRevision = useTextRevision(editor, section.id, true);
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const owner = roleLabel(section.ownerRole);
  const { id: responseId } = response;
  const sectionId = section.id;

  useEffect(() => {
    ref.current?.focus();
  }, []);

  useEffect(() => {
    let live = true;
    const read = async (): Promise<SinceLast> => {
      // What the signer typed last must be in "the text now".
      await registry?.tracker(sectionId)?.whenSaved(SAVE_WAIT_MS);
      const versions = await fetchVersions({ responseId, sectionId });
      const last = versions.find((version) => version.kind === 'signoff');
      if (!last) return { status: 'first' };
      return { status: 'ready', signOff: last, changes: await fetchDiff({ responseId, sectionId }, last.id, 'current') };
    };
    read().then(
      (result) => live && setSince(result),
      (error: unknown) => live && setSince({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [registry, responseId, sectionId, textRevision]);

  return (
    <div className="check-step" role="region" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h3 className="check-step__title" id={titleId}>
        Check before you sign off
      </h3>
      <ErrorSummary errors={errors} title="The section was not signed off" />
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Section</dt>
          <dd>{section.title}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Signed off by</dt>
          <dd>
            {signerName} ({roleLabel(response.me.role)})
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>What happens</dt>
          <dd>
            The section is locked for everyone, you included, until a signatory for {owner} or an administrator reopens it, giving a reason. The text
            signed is the text as the server holds it when you confirm; its SHA-256 is kept with your sign-off.
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Last signed off</dt>
          <dd>
            {since.status === 'loading' && 'Checking…'}
            {since.status === 'first' && 'Never: this is its first sign-off'}
            {since.status === 'ready' && `${formatDateTime(since.signOff.createdAt)}, by ${personText(since.signOff.createdBy)}`}
            {since.status === 'failed' && 'Not known'}
          </dd>
        </div>
      </dl>
      {(since.status === 'ready' || since.status === 'failed') && (
        <section className="check-step__changes" aria-labelledby={`${titleId}-changes`}>
          <h4 id={`${titleId}-changes`}>What changed since the last sign-off</h4>
          {since.status === 'failed' ? (
            <p className="field-error" role="alert">
              The changes could not be read: {since.message}
            </p>
          ) : (
            <DiffView changes={since.changes} headingLevel={5} unchanged="Nothing has changed since the last sign-off." />
          )}
          {textRevision > 0 && (
            <p className="hint" role="status">
              The text changed while you were checking; the changes above are up to date.
            </p>
          )}
        </section>
      )}
      <div className="button-group">
        <button className="button" type="button" onClick={onConfirm} disabled={busy || since.status === 'loading'}>
          Confirm sign-off
        </button>
        <button className="button button--secondary" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
