import { useEffect, useState, type FormEvent } from 'react';
import type { SignInOptions } from '../../shared/api';
import { signInOptionsSchema } from '../../shared/schemas/accounts';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import '../notifications/notifications.css';
import { navigate } from '../router/router';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';
import { safeReturnPath } from './safeReturnPath';
import { signIn } from './session';

/** Why a single sign-on came back without a session (`/sign-in?error=...`), in words. */
const SSO_ERRORS: Record<string, string> = {
  state: 'The sign-in took too long or was started in another window. Try again.',
  provider_error: 'Your organisation’s sign-in did not complete. Try again.',
  token: 'Your organisation’s sign-in could not be checked, so you were not signed in. Try again; if it happens again, tell your IT team.',
  no_email: 'Your organisation’s sign-in did not give your e-mail address, so you were not signed in.',
  unverified_email: 'Your organisation’s sign-in did not confirm your e-mail address, so you were not signed in.',
  organisation: 'Your e-mail address belongs to an organisation that uses another sign-in. Use that one.',
  unknown_provider: 'That sign-in option does not exist here.',
  provider_unavailable: 'Your organisation’s sign-in could not be reached. Try again in a few minutes.',
};

/** The sign-in page: "Sign in with <provider>" for each provider, and the password form unless switched off. */
export function SignInPage() {
  usePageTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const params = new URLSearchParams(window.location.search);
  const ssoError = params.get('error');
  const [errors, setErrors] = useState<string[]>(ssoError ? [SSO_ERRORS[ssoError] ?? 'You were not signed in. Try again.'] : []);
  const [busy, setBusy] = useState(false);
  // Set by the account page's "Sign out everywhere".
  const [signedOutEverywhere] = useState(() => new URLSearchParams(window.location.search).get('signedOut') === 'everywhere');

  useEffect(() => {
    let live = true;
    api('GET', '/api/auth/providers', signInOptionsSchema).then(
      (body) => live && setOptions(body),
      () => live && setOptions({ passwordLogin: true, providers: [] }),
    );
    return () => {
      live = false;
    };
  }, []);

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

  const next = safeReturnPath(window.location.search);
  const providers = options?.providers ?? [];
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
      {providers.length > 0 && (
        <ul className="sso-list" aria-label="Sign in with your organisation’s account">
          {providers.map((provider) => (
            <li key={provider.id}>
              <a className="button" href={next === '/' ? provider.startUrl : `${provider.startUrl}?next=${encodeURIComponent(next)}`}>
                Sign in with {provider.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      {providers.length > 0 && options?.passwordLogin && <p className="sign-in-divider">Or sign in with your Countersign password:</p>}
      {(!options || options.passwordLogin) && (
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
      )}
    </div>
  );
}
