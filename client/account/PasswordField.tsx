import { useState } from 'react';
import { describedBy, InlineError } from '../setup/FieldErrors';

interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  hint?: string;
  error?: string;
}

/**
 * A password input as GOV.UK's password input component draws it: label, hint, the error above
 * the field, and a button to show what was typed (named after the field, as a page may have two).
 */
export function PasswordField({ id, label, value, onChange, autoComplete, hint, error }: PasswordFieldProps) {
  const [shown, setShown] = useState(false);
  const [toggled, setToggled] = useState(false);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const what = label.toLowerCase();
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <InlineError id={errorId} message={error} />
      <div className="password-input">
        <input
          className={error ? 'input input--error password-input__input' : 'input password-input__input'}
          id={id}
          name={id}
          type={shown ? 'text' : 'password'}
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint && hintId, error && errorId)}
          onChange={(event) => onChange(event.target.value)}
        />
        <button
          className="button button--secondary password-input__toggle"
          type="button"
          aria-controls={id}
          aria-label={`${shown ? 'Hide' : 'Show'} ${what}`}
          onClick={() => {
            setShown(!shown);
            setToggled(true);
          }}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {toggled ? `Your ${what} is ${shown ? 'visible' : 'hidden'}` : ''}
      </p>
    </div>
  );
}
