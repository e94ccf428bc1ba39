import { useId, useState, type FormEvent } from 'react';
import type { StatutorySteps as Steps } from '../../shared/api';
import { statutoryStepsSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDate } from '../format/dates';
import { FieldErrorSummary, type FieldError } from '../setup/FieldErrors';
import { DateInput, dateFieldId } from '../ui/DateInput';
import { datePartsFromIso, readDateParts, type DateParts, type DateReading } from '../ui/dateParts';

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
  const [sentToHmicfrsOn, setSentToHmicfrsOn] = useState<DateParts>(() => datePartsFromIso(steps.sentToHmicfrsOn));
  const [sentToHomeSecretaryOn, setSentToHomeSecretaryOn] = useState<DateParts>(() => datePartsFromIso(steps.sentToHomeSecretaryOn));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [dateErrors, setDateErrors] = useState<{ hmicfrs?: DateReading; homeSecretary?: DateReading }>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { url: useId(), hmicfrs: useId(), homeSecretary: useId() };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (publishedAtUrl && !isHttpUrl(publishedAtUrl)) {
      problems.push({ message: 'Enter the web address where the response is published, starting https://', fieldId: ids.url });
    }
    // Either date may be left empty (not sent yet); one begun must be a real date.
    const hmicfrs = readDateParts(sentToHmicfrsOn, 'The date it was sent to HMICFRS');
    const homeSecretary = readDateParts(sentToHomeSecretaryOn, 'The date it was sent to the Home Secretary');
    if (hmicfrs.kind === 'invalid') problems.push({ message: hmicfrs.message, fieldId: dateFieldId(ids.hmicfrs, hmicfrs.fields[0]) });
    if (homeSecretary.kind === 'invalid') {
      problems.push({ message: homeSecretary.message, fieldId: dateFieldId(ids.homeSecretary, homeSecretary.fields[0]) });
    }
    setDateErrors({ hmicfrs, homeSecretary });
    setErrors(problems);
    setSaved(false);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      await api('PUT', `/api/responses/${encodeURIComponent(responseId)}/statutory-steps`, statutoryStepsSchema, {
        ...(publishedAtUrl ? { publishedAtUrl } : {}),
        ...(hmicfrs.kind === 'date' ? { sentToHmicfrsOn: hmicfrs.iso } : {}),
        ...(homeSecretary.kind === 'date' ? { sentToHomeSecretaryOn: homeSecretary.iso } : {}),
      });
      setSaved(true);
      onChanged();
    } catch (error) {
      setErrors([{ message: errorMessage(error) }]);
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
          <FieldErrorSummary errors={errors} />
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
          <DateInput
            id={ids.hmicfrs}
            legend="Date sent to HMICFRS"
            value={sentToHmicfrsOn}
            onChange={setSentToHmicfrsOn}
            error={dateErrors.hmicfrs?.kind === 'invalid' ? dateErrors.hmicfrs.message : undefined}
            errorFields={dateErrors.hmicfrs?.kind === 'invalid' ? dateErrors.hmicfrs.fields : undefined}
          />
          <DateInput
            id={ids.homeSecretary}
            legend="Date sent to the Home Secretary"
            value={sentToHomeSecretaryOn}
            onChange={setSentToHomeSecretaryOn}
            error={dateErrors.homeSecretary?.kind === 'invalid' ? dateErrors.homeSecretary.message : undefined}
            errorFields={dateErrors.homeSecretary?.kind === 'invalid' ? dateErrors.homeSecretary.fields : undefined}
          />
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
