import { useEffect, useId, useRef, useState } from 'react';
import type { PublicationInfo, ResponseDetail } from '../../shared/api';
import { canPublish, canRecordStatutorySteps } from '../../shared/permissions';
import { describeBlocker, publicationBlockers, type PublicationBlocker } from '../../shared/publication';
import { publicationInfoSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDateTime } from '../format/dates';
import { HashValue } from '../history/HashValue';
import { sectionAnchor } from '../sections/sectionAnchor';
import { useThreadList } from '../threads/ThreadsContext';
import { useSuggestionList } from '../suggestions/SuggestionsContext';
import { ErrorSummary } from '../ui/ErrorSummary';
import { canStartFollowUp } from '../../shared/tracking';
import { Link } from '../router/Link';
import { followUpPath, trackerPath } from '../tracking/trackerFilters';
import { ConfirmationPanel } from './ConfirmationPanel';
import { PublishCheck } from './PublishCheck';
import { useSectionEmptiness } from './sectionTexts';
import { StatutorySteps } from './StatutorySteps';
import './signoff.css';

interface PublishPanelProps {
  response: ResponseDetail;
  onChanged: () => void;
}

function PublishedLinks({ publication, response }: { publication: PublicationInfo; response: ResponseDetail }) {
  return (
    <ul className="link-list">
      <li>
        <a href={publication.htmlUrl}>View published response</a>
      </li>
      <li>
        <a href={publication.docxUrl} download>
          Download DOCX
        </a>
      </li>
      <li>
        <Link href={trackerPath({ responseId: response.id })}>Track the recommendations</Link>
      </li>
      {canStartFollowUp(response.me, response) && (
        <li>
          <Link href={followUpPath(response.id)}>Start a follow-up response</Link>
        </li>
      )}
    </ul>
  );
}

/**
 * Publishing the response (PCC signatory): every blocker listed in advance, from the shared rules;
 * "Publish" opens a check step, and after it a confirmation panel. Then the published links and
 * the statutory steps.
 */
export function PublishPanel({ response, onChanged }: PublishPanelProps) {
  const { threads } = useThreadList();
  const { suggestions } = useSuggestionList();
  const emptiness = useSectionEmptiness(response.id);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);
  const [published, setPublished] = useState<PublicationInfo | null>(null);
  const explanationId = useId();
  const publishButton = useRef<HTMLButtonElement>(null);
  const refocusPublish = useRef(false);

  // The same rule the server applies: the button is enabled exactly when it would accept.
  const blockers = publicationBlockers(
    response.sections.map((section) => ({ ...section, empty: emptiness.get(section.id) })),
    threads.map((thread) => ({
      id: thread.id,
      sectionId: thread.sectionId,
      state: thread.state,
      summary: (thread.anchor?.quote ?? thread.comments[0]?.body ?? '').slice(0, 60),
    })),
    [...suggestions],
  );
  const suggesters = new Map(suggestions.map((suggestion) => [suggestion.id, suggestion.by.name]));
  const ready = blockers.length === 0;
  const mayPublish = canPublish(response.me, response);

  // Cancelled: back to "Publish".
  useEffect(() => {
    if (checking || !refocusPublish.current) return;
    refocusPublish.current = false;
    publishButton.current?.focus();
  }, [checking]);
  // A blocker that appears while checking (a new thread, a reopen) ends the check step.
  useEffect(() => {
    if (checking && (!ready || !mayPublish) && !busy) setChecking(false);
  }, [checking, ready, mayPublish, busy]);

  // Just published: the answer's links at once, before the page has read the response again.
  const publication = response.publication ?? published;
  if (publication) {
    return (
      <section className="panel panel--published" aria-labelledby="published-heading">
        <h2 id="published-heading">Published</h2>
        {published ? (
          <ConfirmationPanel title="The response is published" headingLevel={3}>
            <p>Published {formatDateTime(publication.publishedAt)}. It is public, and no section can change any more.</p>
            <PublishedLinks publication={publication} response={response} />
            <p className="confirmation-panel__hash">
              Web page SHA-256: <HashValue hash={publication.htmlSha256} />
            </p>
            <p className="confirmation-panel__hash">
              DOCX SHA-256: <HashValue hash={publication.docxSha256} />
            </p>
          </ConfirmationPanel>
        ) : (
          <>
            <p>Published {formatDateTime(publication.publishedAt)}.</p>
            <PublishedLinks publication={publication} response={response} />
          </>
        )}
        <StatutorySteps
          responseId={response.id}
          steps={response.statutorySteps}
          editable={canRecordStatutorySteps(response.me, response)}
          onChanged={onChanged}
        />
      </section>
    );
  }

  if (!mayPublish) return null;

  const publish = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const info = await api('POST', `/api/responses/${encodeURIComponent(response.id)}/publish`, publicationInfoSchema);
      setPublished(info);
      setChecking(false);
      onChanged();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publish</h2>
      {!checking && <ErrorSummary errors={errors} title="The response was not published" />}
      {ready ? (
        <p id={explanationId}>
          Every section is signed off and no thread is open. Publishing locks the response for good and makes it public.
        </p>
      ) : (
        <div id={explanationId}>
          <p>The response cannot be published yet:</p>
          <ul className="list">
            {blockers.map((blocker) => (
              <li key={blockerKey(blocker)}>
                {'sectionId' in blocker ? <a href={`#${sectionAnchor(blocker.sectionId)}`}>{describeBlocker(blocker)}</a> : describeBlocker(blocker)}
                {blocker.kind === 'open_suggestion' && suggesters.has(blocker.suggestionId) && ` (suggested by ${suggesters.get(blocker.suggestionId)})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {checking ? (
        <PublishCheck
          response={response}
          busy={busy}
          errors={errors}
          onConfirm={() => void publish()}
          onCancel={() => {
            setErrors([]);
            refocusPublish.current = true;
            setChecking(false);
          }}
        />
      ) : (
        <button
          className="button"
          type="button"
          ref={publishButton}
          onClick={() => {
            setErrors([]);
            setChecking(true);
          }}
          disabled={!ready}
          aria-describedby={explanationId}
        >
          Publish
        </button>
      )}
    </section>
  );
}

function blockerKey(blocker: PublicationBlocker): string {
  switch (blocker.kind) {
    case 'no_sections':
      return 'none';
    case 'open_thread':
      return `thread-${blocker.threadId}`;
    case 'open_suggestion':
      return `suggestion-${blocker.suggestionId}`;
    default:
      return `${blocker.kind}-${blocker.sectionId}`;
  }
}
