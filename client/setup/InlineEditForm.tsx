import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../api/ApiError';
import { describedBy, FieldErrorSummary, InlineError, type FieldError } from './FieldErrors';

/** What the one field of an inline form needs to be labelled, described and marked invalid. */
export interface FieldAttributes {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  invalid: boolean;
}

interface InlineEditFormProps {
  label: string;
  hint?: ReactNode;
  submitLabel: string;
  /** The summary's title when the change is refused ("The section was not renamed"). */
  errorTitle: string;
  /** Renders the form's field with the attributes it is given. */
  field: (attributes: FieldAttributes) => ReactNode;
  /** What is wrong with the value, or null. */
  validate: () => string | null;
  /** Sends the change; throws (an ApiError) when the server refuses it. */
  save: () => Promise<void>;
  onCancel: () => void;
}

/** A one-field form that opens in place (rename, change owner, correct the text): save or cancel. */
export function InlineEditForm({ label, hint, submitLabel, errorTitle, field, validate, save, onCancel }: InlineEditFormProps) {
  const id = useId();
  const fieldId = `${id}-field`;
  const [invalid, setInvalid] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = validate();
    setInvalid(problem);
    setRefused(null);
    if (problem) return;
    setBusy(true);
    try {
      await save();
    } catch (error) {
      setRefused(errorMessage(error));
      setBusy(false);
    }
  };

  const errors: FieldError[] = [
    ...(invalid ? [{ message: invalid, fieldId }] : []),
    ...(refused ? [{ message: refused }] : []),
  ];

  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <FieldErrorSummary errors={errors} title={errorTitle} />
      <div className={invalid ? 'form-group form-group--error' : 'form-group'}>
        <label className="label" htmlFor={fieldId}>
          {label}
        </label>
        {hint && (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        <InlineError id={`${id}-error`} message={invalid ?? undefined} />
        {field({
          id: fieldId,
          'aria-describedby': describedBy(hint ? `${id}-hint` : null, invalid && `${id}-error`),
          'aria-invalid': invalid ? true : undefined,
          invalid: invalid !== null,
        })}
      </div>
      <div className="button-group">
        <button className="button" type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <button className="button button--secondary" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
