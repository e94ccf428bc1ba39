// GOV.UK's error pattern: a summary at the top that links to each field, and the message
// again above the field itself.
import { useEffect, useRef, type MouseEvent } from 'react';

/** One problem, and the id of the field it is about (if any). */
export interface FieldError {
  message: string;
  fieldId?: string;
}

interface FieldErrorSummaryProps {
  errors: FieldError[];
  title?: string;
  /** Move focus to the summary when it appears or its problems change (after submitting a form). */
  focus?: boolean;
}

// Focus the field and bring its label into view, as GOV.UK's summary does; the URL stays put.
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`) ?? field.closest('fieldset')?.querySelector('legend');
  (label ?? field).scrollIntoView({ block: 'start' });
  field.focus({ preventScroll: true });
}

/** The list of problems, announced as an alert, each linking to its field. */
export function FieldErrorSummary({ errors, title = 'There is a problem', focus = true }: FieldErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus when the problems change, not on every render: callers build the list as they render,
  // and typing into a field must not throw focus back to the summary.
  const signature = errors.map((error) => `${error.fieldId ?? ''}\u0000${error.message}`).join('\n');
  useEffect(() => {
    if (signature && focus) ref.current?.focus();
  }, [signature, focus]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="error-summary__title">{title}</p>
      <ul className="error-summary__list">
        {errors.map((error) => (
          <li key={`${error.fieldId ?? ''}:${error.message}`}>
            {error.fieldId ? (
              <a className="error-summary__link" href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId!)}>
                {error.message}
              </a>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's own error message, placed above the field and named in its aria-describedby. */
export function InlineError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** Joins the ids that describe a field, leaving out the missing ones. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length > 0 ? present.join(' ') : undefined;
}
