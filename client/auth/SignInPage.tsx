import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/ApiError';
import { navigate } from '../router/router';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';
import { safeReturnPath } from './safeReturnPath';
import { signIn } from './session';

/** The sign-in form; afterwards the user goes back where they came from. */
export function SignInPage() {
  usePageTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // Set by the account page's "Sign out everywhere".
  const [signedOutEverywhere] = useState(() => new URLSearchParams(window.location.search).get('signedOut') === 'everywhere');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: string[] = [];
    if (!email.trim()) missing.push('Enter your email address');
    if (!password) missing.push('Enter your password');
    if (missing.length > 0) {
      setErrors(missing);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      await signIn(email.trim(), password);
      navigate(safeReturnPath(window.location.search), { replace: true });
    } catch (error) {
      setErrors([errorMessage(error)]);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1>Sign in to Countersign</h1>
      {signedOutEverywhere && (
        <div className="notice" role="status">
          <p className="notice__title">You have been signed out everywhere</p>
          <p>Every session of your account has ended, on every device and browser. Sign in again to carry on.</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <div className="form-group">
          <label className="label" htmlFor="sign-in-email">
            Email address
          </label>
          <input
            className="input"
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="sign-in-password">
            Password
          </label>
          <input
            className="input"
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button className="button" type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </div>
  );
}
