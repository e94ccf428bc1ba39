import type { ReactNode } from 'react';
import { DATE_FIELDS, type DateField, type DateParts } from './dateParts';

interface DateInputProps {
  /** The base id: the fields are `${id}-day`, `${id}-month`, `${id}-year` (link errors to the day). */
  id: string;
  /** The question, as the group's legend ("Date the report was published"). */
  legend: string;
  /** A hint under the legend; "For example, 27 3 2026" when none is given. */
  hint?: ReactNode;
  value: DateParts;
  onChange(value: DateParts): void;
  /** The error to show above the fields, if any. */
  error?: string;
  /** Which fields the error is about (all three when not given). */
  errorFields?: readonly DateField[];
  /** More ids that describe the group (a live deadline hint). */
  describedBy?: string;
  /** Shown under the fields, in the same group (that live hint). */
  after?: ReactNode;
}

const LABELS: Record<DateField, string> = { day: 'Day', month: 'Month', year: 'Year' };

/** The id of a date input's first field, for an error summary's link. */
export function dateFieldId(id: string, field: DateField = 'day'): string {
  return `${id}-${field}`;
}

/**
 * GOV.UK's date input: day, month and year as three text fields under one legend, the hint and
 * the error read with the group, the fields in error marked. Numbers only on phone keyboards;
 * no browser date picker, whose format follows the browser's locale (mm/dd/yyyy here and there).
 */
export function DateInput({ id, legend, hint, value, onChange, error, errorFields, describedBy, after }: DateInputProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const marked = new Set<DateField>(error ? (errorFields ?? DATE_FIELDS) : []);
  const describers = [hintId, error ? errorId : null, describedBy ?? null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <fieldset className="fieldset date-input" role="group" aria-describedby={describers}>
        <legend className="label date-input__legend">{legend}</legend>
        <div className="hint" id={hintId}>
          {hint ?? 'For example, 27 3 2026'}
        </div>
        {error && (
          <p className="field-error" id={errorId}>
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        <div className="date-input__fields" id={id}>
          {DATE_FIELDS.map((field) => (
            <div className={`date-input__item date-input__item--${field}`} key={field}>
              <label className="label date-input__label" htmlFor={dateFieldId(id, field)}>
                {LABELS[field]}
              </label>
              <input
                className={marked.has(field) ? 'input date-input__input input--error' : 'input date-input__input'}
                id={dateFieldId(id, field)}
                name={dateFieldId(id, field)}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                value={value[field]}
                aria-invalid={marked.has(field) ? true : undefined}
                onChange={(event) => onChange({ ...value, [field]: event.target.value })}
              />
            </div>
          ))}
        </div>
      </fieldset>
      {after}
    </div>
  );
}
