import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MIN_PASSWORD_CHARS } from '../../shared/limits';
import { ApiError, errorMessage } from '../api/ApiError';
import { sessionEnded } from '../auth/session';
import { FieldErrorSummary, type FieldError } from '../setup/FieldErrors';
import { changePassword } from './accountApi';
import { PasswordField } from './PasswordField';

type Field = 'currentPassword' | 'newPassword';
type Errors = Partial<Record<Field, string>>;

const IDS: Record<Field, string> = { currentPassword: 'current-password', newPassword: 'new-password' };
const FIELDS: Field[] = ['currentPassword', 'newPassword'];

function validate(current: string, next: string): Errors {
  const errors: Errors = {};
  if (!current) errors.currentPassword = 'Enter your current password';
  if (!next) errors.newPassword = 'Enter a new password';
  else if (next.length < MIN_PASSWORD_CHARS) errors.newPassword = `New password must be at least ${MIN_PASSWORD_CHARS} characters`;
  else if (next === current) errors.newPassword = 'New password must be different from your current password';
  return errors;
}

/** The server's refusal, as errors of the fields it is about (its messages start "field: "). */
function serverErrors(error: ApiError): { fields: Errors; general: string | null } {
  const [field, ...rest] = error.message.split(': ');
  const detail = rest.join(': ');
  if (error.code === 'wrong_password') return { fields: { currentPassword: 'Your current password is not right' }, general: null };
  if (detail && field === 'newPassword') return { fields: { newPassword: `New password ${detail}` }, general: null };
  if (detail && field === 'currentPassword') return { fields: { currentPassword: `Current password ${detail}` }, general: null };
  return { fields: {}, general: error.message };
}

/** Changing the password (GOV.UK's form pattern): the other sessions end, this one carries on. */
export function ChangePasswordForm({ onErrorsChange }: { onErrorsChange: (hasErrors: boolean) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);

  const hasErrors = Object.keys(errors).length > 0 || general !== null;
  useEffect(() => onErrorsChange(hasErrors), [hasErrors, onErrorsChange]);
  useEffect(() => {
    if (changed) doneRef.current?.focus();
  }, [changed]);

  const summary: FieldError[] = [
    ...FIELDS.flatMap((field) => (errors[field] ? [{ message: errors[field]!, fieldId: IDS[field] }] : [])),
    ...(general ? [{ message: general }] : []),
  ];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChanged(false);
    const found = validate(current, next);
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setChanged(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        sessionEnded();
        return;
      }
      if (error instanceof ApiError) {
        const refused = serverErrors(error);
        setErrors(refused.fields);
        setGeneral(refused.general);
      } else {
        setGeneral(errorMessage(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="change-password-heading">
      <FieldErrorSummary errors={summary} />
      <h2 id="change-password-heading">Change your password</h2>
      {changed && (
        <div className="notice" role="status" tabIndex={-1} ref={doneRef}>
          <p className="notice__title">Your password has been changed</p>
          <p>You have been signed out of Countersign on every other device and browser. You are still signed in here.</p>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <PasswordField
          id={IDS.currentPassword}
          label="Current password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errors.currentPassword}
        />
        <PasswordField
          id={IDS.newPassword}
          label="New password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_CHARS} characters. A phrase of several unrelated words is easy to remember and hard to guess. Common passwords are refused.`}
          value={next}
          onChange={setNext}
          error={errors.newPassword}
        />
        <button className="button" type="submit" disabled={busy}>
          Change password
        </button>
      </form>
    </section>
  );
}
