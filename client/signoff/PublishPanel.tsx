import { useId, useState } from 'react';
import type { PublicationInfo, ResponseDetail } from '../../shared/api';
import { canPublish, canRecordStatutorySteps } from '../../shared/permissions';
import { describeBlocker, publicationBlockers, type PublicationBlocker } from '../../shared/publication';
import { publicationInfoSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDateTime } from '../format/dates';
import { sectionAnchor } from '../sections/sectionAnchor';
import { useThreadList } from '../threads/ThreadsContext';
import { useSuggestionList } from '../suggestions/SuggestionsContext';
import { ErrorSummary } from '../ui/ErrorSummary';
import { canStartFollowUp } from '../../shared/tracking';
import { Link } from '../router/Link';
import { followUpPath, trackerPath } from '../tracking/trackerFilters';
import { StatutorySteps } from './StatutorySteps';

interface PublishPanelProps {
  response: ResponseDetail;
  onChanged: () => void;
}

/** Publishing the response (PCC signatory), then the published links and statutory steps. */
export function PublishPanel({ response, onChanged }: PublishPanelProps) {
  const { threads } = useThreadList();
  const { suggestions } = useSuggestionList();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const explanationId = useId();

  if (response.publication) {
    return (
      <section className="panel panel--published" aria-labelledby="published-heading">
        <h2 id="published-heading">Published</h2>
        <p>Published {formatDateTime(response.publication.publishedAt)}.</p>
        <ul className="link-list">
          <li>
            <a href={response.publication.htmlUrl}>View published response</a>
          </li>
          <li>
            <a href={response.publication.docxUrl} download>
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
        <StatutorySteps
          responseId={response.id}
          steps={response.statutorySteps}
          editable={canRecordStatutorySteps(response.me, response)}
          onChanged={onChanged}
        />
      </section>
    );
  }

  if (!canPublish(response.me, response)) return null;

  // The same rule the server applies: the button is enabled exactly when it would accept.
  const blockers = publicationBlockers(
    response.sections,
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

  const publish = async () => {
    setBusy(true);
    setErrors([]);
    try {
      await api('POST', `/api/responses/${encodeURIComponent(response.id)}/publish`, publicationInfoSchema);
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
      <ErrorSummary errors={errors} title="The response was not published" />
      {ready ? (
        <p id={explanationId}>
          Every section is signed off and no thread or suggestion is open. Publishing locks the response for good and makes it public.
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
      <button
        className="button"
        type="button"
        onClick={publish}
        disabled={!ready || busy}
        aria-describedby={explanationId}
      >
        Publish
      </button>
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
