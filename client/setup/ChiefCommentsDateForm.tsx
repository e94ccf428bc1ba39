import { useId, useState, type FormEvent } from 'react';
import type { ResponseDetail } from '../../shared/api';
import { isCalendarDate } from '../../shared/deadline';
import { responseDetailSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDate } from '../format/dates';
import { describedBy, FieldErrorSummary, InlineError, type FieldError } from './FieldErrors';

interface ChiefCommentsDateFormProps {
  response: ResponseDetail;
  onChanged: () => void;
}

/**
 * The date the PCC sets for the Chief Constable's comments (s.55(4)): between the report's
 * publication and the response's deadline, so the comments can be published with it.
 */
export function ChiefCommentsDateForm({ response, onChanged }: ChiefCommentsDateFormProps) {
  const id = useId();
  const fieldId = `${id}-date`;
  const current = response.chiefCommentsDueOn;
  const [date, setDate] = useState(current ?? '');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const earliest = response.report.publishedOn;
  const latest = response.deadline;
  const path = `/api/responses/${encodeURIComponent(response.id)}`;

  const send = async (value: string | null) => {
    setBusy(true);
    setRefused(null);
    try {
      await api('PATCH', path, responseDetailSchema, { chiefCommentsDueOn: value });
      setSaved(value ? `Date set: ${formatDate(value)}` : 'Date cleared');
      if (!value) setDate('');
      onChanged();
    } catch (error) {
      setRefused(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved('');
    let problem: string | null = null;
    if (!date) problem = "Enter the date for the Chief Constable's comments";
    else if (!isCalendarDate(date)) problem = "The date for the Chief Constable's comments must be a real date";
    else if (date < earliest || date > latest) {
      problem = `The date must be between ${formatDate(earliest)} and ${formatDate(latest)}`;
    }
    setInvalid(problem);
    if (problem) {
      setRefused(null);
      return;
    }
    void send(date);
  };

  const errors: FieldError[] = [...(invalid ? [{ message: invalid, fieldId }] : []), ...(refused ? [{ message: refused }] : [])];

  return (
    <form className="chief-date" onSubmit={submit} noValidate>
      <FieldErrorSummary errors={errors} title="The date was not set" />
      <div className={invalid ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor={fieldId}>
          Date for the Chief Constable's comments
        </label>
        <p className="hint" id={`${id}-hint`}>
          {current ? `Now ${formatDate(current)}. ` : 'Not set yet. '}
          Choose a date between {formatDate(earliest)} and {formatDate(latest)}, so the comments can be published with the
          response. It shows on each section the Chief Constable owns.
        </p>
        <InlineError id={`${id}-error`} message={invalid ?? undefined} />
        <div className="chief-date__controls">
          <input
            className={invalid ? 'input input--date input--error' : 'input input--date'}
            id={fieldId}
            type="date"
            min={earliest}
            max={latest}
            value={date}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={describedBy(`${id}-hint`, invalid && `${id}-error`)}
            onChange={(event) => setDate(event.target.value)}
          />
          <button className="button button--secondary" type="submit" disabled={busy}>
            Set date
          </button>
          {current && (
            <button className="button button--secondary" type="button" disabled={busy} onClick={() => void send(null)}>
              Clear date
            </button>
          )}
          <span className="hint" role="status">
            {saved}
          </span>
        </div>
      </div>
    </form>
  );
}
