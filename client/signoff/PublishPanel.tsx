import { useId, useState } from 'react';
import type { PublicationInfo, ResponseDetail } from '../../shared/api';
import { canAdminister, canPublish } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDateTime } from '../format/dates';
import { ErrorSummary } from '../ui/ErrorSummary';
import { StatutorySteps } from './StatutorySteps';

interface PublishPanelProps {
  response: ResponseDetail;
  onChanged: () => void;
}

/** Publishing the response (PCC signatory), then the published links and statutory steps. */
export function PublishPanel({ response, onChanged }: PublishPanelProps) {
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
        </ul>
        <StatutorySteps
          responseId={response.id}
          steps={response.statutorySteps}
          editable={canAdminister(response.me)}
          onChanged={onChanged}
        />
      </section>
    );
  }

  if (!canPublish(response.me, response)) return null;

  const outstanding = response.sections.filter((section) => section.state !== 'signed_off');
  const ready = outstanding.length === 0;

  const publish = async () => {
    setBusy(true);
    setErrors([]);
    try {
      await api<PublicationInfo>('POST', `/api/responses/${encodeURIComponent(response.id)}/publish`);
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
          Every section is signed off. Publishing locks the response for good and makes it public.
        </p>
      ) : (
        <div id={explanationId}>
          <p>Every section must be signed off before you can publish. Still to be signed off:</p>
          <ul className="list">
            {outstanding.map((section) => (
              <li key={section.id}>
                {section.title} ({roleLabel(section.ownerRole)})
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
