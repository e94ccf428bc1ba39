import { useId, useState, type FormEvent } from 'react';
import type { ResponseDetail } from '../../shared/api';
import { responseDetailSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDate } from '../format/dates';
import { DateInput, dateFieldId } from '../ui/DateInput';
import { datePartsFromIso, emptyDateParts, readDateParts, type DateField } from '../ui/dateParts';
import { FieldErrorSummary, type FieldError } from './FieldErrors';

interface ChiefCommentsDateFormProps {
  response: ResponseDetail;
  onChanged: () => void;
}

/** What the date is called in messages. */
const NAME = "The date for the Chief Constable's comments";

/**
 * The date the PCC sets for the Chief Constable's comments (s.55(4)): between the report's
 * publication and the response's deadline, so the comments can be published with it.
 */
export function ChiefCommentsDateForm({ response, onChanged }: ChiefCommentsDateFormProps) {
  const id = useId();
  const fieldId = `${id}-date`;
  const current = response.chiefCommentsDueOn;
  const [parts, setParts] = useState(() => datePartsFromIso(current));
  const [invalid, setInvalid] = useState<{ message: string; fields: DateField[] } | null>(null);
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
      if (!value) setParts(emptyDateParts());
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
    const reading = readDateParts(parts, NAME);
    let problem: { message: string; fields: DateField[] } | null = null;
    if (reading.kind === 'empty') problem = { message: "Enter the date for the Chief Constable's comments", fields: ['day', 'month', 'year'] };
    else if (reading.kind === 'invalid') problem = { message: reading.message, fields: reading.fields };
    else if (reading.iso < earliest || reading.iso > latest) {
      problem = { message: `The date must be between ${formatDate(earliest)} and ${formatDate(latest)}`, fields: ['day', 'month', 'year'] };
    }
    setInvalid(problem);
    if (problem || reading.kind !== 'date') {
      setRefused(null);
      return;
    }
    void send(reading.iso);
  };

  const errors: FieldError[] = [
    ...(invalid ? [{ message: invalid.message, fieldId: dateFieldId(fieldId, invalid.fields[0]) }] : []),
    ...(refused ? [{ message: refused }] : []),
  ];

  return (
    <form className="chief-date" onSubmit={submit} noValidate>
      <FieldErrorSummary errors={errors} title="The date was not set" />
      <DateInput
        id={fieldId}
        legend="Date for the Chief Constable's comments"
        hint={
          <>
            {current ? `Now ${formatDate(current)}. ` : 'Not set yet. '}
            Enter a date between {formatDate(earliest)} and {formatDate(latest)}, so the comments can be published with the
            response. It shows on each section the Chief Constable owns. For example, {exampleOf(latest)}
          </>
        }
        value={parts}
        onChange={setParts}
        error={invalid?.message}
        errorFields={invalid?.fields}
      />
      <div className="button-group">
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
    </form>
  );
}

/** "26 1 2022": a date as it is typed into the three fields. */
function exampleOf(iso: string): string {
  const { day, month, year } = datePartsFromIso(iso);
  return `${day} ${month} ${year}`;
}
