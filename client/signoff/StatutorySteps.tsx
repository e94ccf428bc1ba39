import { useId, useState, type FormEvent } from 'react';
import type { StatutorySteps as Steps } from '../../shared/api';
import { isCalendarDate } from '../../shared/deadline';
import { statutoryStepsSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDate } from '../format/dates';
import { ErrorSummary } from '../ui/ErrorSummary';

interface StatutoryStepsProps {
  responseId: string;
  steps: Steps;
  /** Administrators may record the steps. */
  editable: boolean;
  onChanged: () => void;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The s.55(6) steps after publishing: where it is published, and when copies were sent. */
export function StatutorySteps({ responseId, steps, editable, onChanged }: StatutoryStepsProps) {
  const [publishedAtUrl, setPublishedAtUrl] = useState(steps.publishedAtUrl ?? '');
  const [sentToHmicfrsOn, setSentToHmicfrsOn] = useState(steps.sentToHmicfrsOn ?? '');
  const [sentToHomeSecretaryOn, setSentToHomeSecretaryOn] = useState(steps.sentToHomeSecretaryOn ?? '');
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { url: useId(), hmicfrs: useId(), homeSecretary: useId() };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: string[] = [];
    if (publishedAtUrl && !isHttpUrl(publishedAtUrl)) problems.push('Enter the web address where the response is published, starting https://');
    if (sentToHmicfrsOn && !isCalendarDate(sentToHmicfrsOn)) problems.push('Enter the date it was sent to HMICFRS');
    if (sentToHomeSecretaryOn && !isCalendarDate(sentToHomeSecretaryOn)) problems.push('Enter the date it was sent to the Home Secretary');
    setErrors(problems);
    setSaved(false);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      await api('PUT', `/api/responses/${encodeURIComponent(responseId)}/statutory-steps`, statutoryStepsSchema, {
        ...(publishedAtUrl ? { publishedAtUrl } : {}),
        ...(sentToHmicfrsOn ? { sentToHmicfrsOn } : {}),
        ...(sentToHomeSecretaryOn ? { sentToHomeSecretaryOn } : {}),
      });
      setSaved(true);
      onChanged();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h3>Statutory steps</h3>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Published on the PCC's website</dt>
          <dd>
            {steps.publishedAtUrl ? <a href={steps.publishedAtUrl}>{steps.publishedAtUrl}</a> : <Outstanding />}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Sent to HMICFRS</dt>
          <dd>{steps.sentToHmicfrsOn ? formatDate(steps.sentToHmicfrsOn) : <Outstanding />}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Sent to the Home Secretary</dt>
          <dd>{steps.sentToHomeSecretaryOn ? formatDate(steps.sentToHomeSecretaryOn) : <Outstanding />}</dd>
        </div>
      </dl>
      {editable && (
        <form onSubmit={submit} noValidate className="steps-form">
          <h4>Record the statutory steps</h4>
          <ErrorSummary errors={errors} />
          <div className="form-group">
            <label className="label" htmlFor={ids.url}>
              Web address where the response is published
            </label>
            <input
              className="input"
              id={ids.url}
              type="url"
              value={publishedAtUrl}
              onChange={(event) => setPublishedAtUrl(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor={ids.hmicfrs}>
              Date sent to HMICFRS
            </label>
            <input
              className="input input--date"
              id={ids.hmicfrs}
              type="date"
              value={sentToHmicfrsOn}
              onChange={(event) => setSentToHmicfrsOn(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor={ids.homeSecretary}>
              Date sent to the Home Secretary
            </label>
            <input
              className="input input--date"
              id={ids.homeSecretary}
              type="date"
              value={sentToHomeSecretaryOn}
              onChange={(event) => setSentToHomeSecretaryOn(event.target.value)}
            />
          </div>
          <div className="button-group">
            <button className="button" type="submit" disabled={busy}>
              Save statutory steps
            </button>
            <span className="hint" role="status">
              {saved ? 'Saved' : ''}
            </span>
          </div>
        </form>
      )}
    </>
  );
}

function Outstanding() {
  return <strong className="tag tag--warning">Outstanding</strong>;
}
