import { useEffect, useRef } from 'react';

interface ErrorSummaryProps {
  /** The problems to list; nothing renders while it is empty. */
  errors: string[];
  title?: string;
  /** Move focus to the summary when it appears (after submitting a form). */
  focus?: boolean;
}

/** A GOV.UK-style error summary, announced to screen readers as an alert. */
export function ErrorSummary({ errors, title = 'There is a problem', focus = true }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown && focus) ref.current?.focus();
  }, [shown, focus, errors]);
  if (!shown) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="error-summary__title">{title}</p>
      <ul className="error-summary__list">
        {errors.map((error) => (
          <li key={error}>{error}</li>
        ))}
      </ul>
    </div>
  );
}
