// One version of a section, read-only: why it exists, when and by whom, its text; compared with
// the text now or with another version; and, for the section's writers while it is open,
// restored (with a confirmation) as a new change that everyone editing sees at once.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { TextChange, Version, VersionDetailBody } from '../../shared/api';
import { errorMessage } from '../api/ApiError';
import { formatDateTime } from '../format/dates';
import { ErrorSummary } from '../ui/ErrorSummary';
import { DiffView } from './DiffView';
import { fetchDiff, fetchVersion, restoreVersion, type SectionRef } from './historyApi';
import { HashValue } from './HashValue';
import { VersionContent } from './VersionContent';
import { personText, versionLabel, versionReason } from './versionWords';

type Loaded<T> = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; value: T };

interface Comparison {
  title: string;
  changes: Loaded<TextChange[]>;
}

interface VersionViewProps {
  section: SectionRef;
  version: Version;
  /** Every version of the section, newest first, to compare with. */
  versions: Version[];
  /** The member may restore it now (a writer of the section, which is open). */
  mayRestore: boolean;
  sectionLabel: string;
  onBack: () => void;
  /** After a restore: the version that keeps the text as it was just before. */
  onRestored: (kept: Version) => void;
}

export function VersionView({ section, version, versions, mayRestore, sectionLabel, onBack, onRestored }: VersionViewProps) {
  const [detail, setDetail] = useState<Loaded<VersionDetailBody>>({ status: 'loading' });
  const [against, setAgainst] = useState('current');
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [restoreErrors, setRestoreErrors] = useState<string[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const comparisonRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const restoreButton = useRef<HTMLButtonElement>(null);
  const compareId = useId();
  const { responseId, sectionId } = section;

  useEffect(() => {
    headingRef.current?.focus();
  }, [version.id]);

  useEffect(() => {
    let live = true;
    setDetail({ status: 'loading' });
    fetchVersion({ responseId, sectionId }, version.id).then(
      (value) => live && setDetail({ status: 'ready', value }),
      (error: unknown) => live && setDetail({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [responseId, sectionId, version.id]);

  // The confirmation takes focus when it opens; cancelled, focus goes back to "Restore this version".
  const refocusRestore = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (refocusRestore.current) restoreButton.current?.focus();
    refocusRestore.current = false;
  }, [confirming]);

  const others = versions.filter((other) => other.id !== version.id);

  const compare = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const other = others.find((candidate) => candidate.id === against);
    // The server compares the older with the newer, whichever was picked first.
    const title = !other
      ? 'Changes from this version to the text now'
      : other.createdAt < version.createdAt
        ? `Changes from ${versionLabel(other)} to this version`
        : `Changes from this version to ${versionLabel(other)}`;
    setComparison({ title, changes: { status: 'loading' } });
    try {
      const changes = await fetchDiff(section, version.id, other ? { versionId: other.id } : 'current');
      setComparison({ title, changes: { status: 'ready', value: changes } });
    } catch (error) {
      setComparison({ title, changes: { status: 'failed', message: errorMessage(error) } });
    }
    comparisonRef.current?.focus();
  };

  const restore = async () => {
    setRestoring(true);
    setRestoreErrors([]);
    try {
      const kept = await restoreVersion(section, version.id);
      setConfirming(false);
      onRestored(kept);
    } catch (error) {
      setRestoreErrors([errorMessage(error)]);
    } finally {
      setRestoring(false);
    }
  };

  const cancelRestore = () => {
    refocusRestore.current = true;
    setConfirming(false);
    setRestoreErrors([]);
  };

  return (
    <div className="version-view">
      <button className="button--link back-link" type="button" onClick={onBack}>
        Back to all versions
      </button>
      <h3 className="version-view__title" ref={headingRef} tabIndex={-1}>
        {versionReason(version)}
      </h3>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>When</dt>
          <dd>{formatDateTime(version.createdAt)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>By</dt>
          <dd>{personText(version.createdBy)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Content hash (SHA-256)</dt>
          <dd>
            <HashValue hash={version.hash} />
          </dd>
        </div>
      </dl>

      <form className="compare-form" onSubmit={compare} noValidate>
        <div className="form-group">
          <label className="label" htmlFor={compareId}>
            Compare this version with
          </label>
          <select className="select" id={compareId} value={against} onChange={(event) => setAgainst(event.target.value)}>
            <option value="current">The text now</option>
            {others.map((other) => (
              <option key={other.id} value={other.id}>
                {versionLabel(other)}
              </option>
            ))}
          </select>
        </div>
        <button className="button button--secondary" type="submit" disabled={comparison?.changes.status === 'loading'}>
          Compare
        </button>
      </form>

      {comparison && (
        <section className="comparison" aria-labelledby={`${compareId}-result`}>
          <h4 id={`${compareId}-result`} ref={comparisonRef} tabIndex={-1}>
            {comparison.title}
          </h4>
          {comparison.changes.status === 'loading' && <p role="status">Comparing…</p>}
          {comparison.changes.status === 'failed' && (
            <p className="field-error" role="alert">
              {comparison.changes.message}
            </p>
          )}
          {comparison.changes.status === 'ready' && <DiffView changes={comparison.changes.value} headingLevel={5} unchanged="The two are the same: nothing changed." />}
        </section>
      )}

      {mayRestore && !confirming && (
        <button className="button button--secondary button--warning" type="button" ref={restoreButton} onClick={() => setConfirming(true)}>
          Restore this version
        </button>
      )}
      {mayRestore && confirming && (
        <div className="confirm" ref={confirmRef} tabIndex={-1} role="group" aria-labelledby={`${compareId}-confirm`}>
          <ErrorSummary errors={restoreErrors} title="The version was not restored" />
          <p className="confirm__question" id={`${compareId}-confirm`}>
            Restore this version of {sectionLabel}?
          </p>
          <p>
            The text becomes this version’s text for everyone, at once, as a new change in your name. The text as it is now is kept as a version first, so
            nothing is lost.
          </p>
          <div className="button-group">
            <button className="button button--warning" type="button" onClick={restore} disabled={restoring}>
              Yes, restore this version
            </button>
            <button className="button button--secondary" type="button" onClick={cancelRestore}>
              Cancel
            </button>
          </div>
        </div>
      )}

      <section className="version-view__text" aria-labelledby={`${compareId}-text`}>
        <h4 id={`${compareId}-text`}>Text of this version</h4>
        {detail.status === 'loading' && <p role="status">Loading the version…</p>}
        {detail.status === 'failed' && (
          <p className="field-error" role="alert">
            {detail.message}
          </p>
        )}
        {detail.status === 'ready' && <VersionContent content={detail.value.content} headingLevel={5} />}
      </section>
    </div>
  );
}
