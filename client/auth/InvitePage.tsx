import { useEffect, useId, useState, type FormEvent } from 'react';
import '../notifications/notifications.css';
import type { InvitationView, SignInOptions } from '../../shared/api';
import { MIN_PASSWORD_CHARS } from '../../shared/limits';
import { roleLabel } from '../../shared/roles';
import { signInOptionsSchema } from '../../shared/schemas/accounts';
import { codeSentSchema, joinedSchema } from '../../shared/schemas/invitations';
import { acceptedInvitationSchema, invitationViewSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { Link } from '../router/Link';
import { navigate } from '../router/router';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';
import { signInPathFor } from './safeReturnPath';
import { signedInAs, useSession } from './session';

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; invitation: InvitationView; options: SignInOptions | null };

/**
 * An invitation's page. Accepting needs proof of the address: signed in as it (an account, or a
 * provider that vouches for it), or a code mailed to it. The page offers the same for everyone.
 */
export function InvitePage({ token }: { token: string }) {
  usePageTitle('Accept your invitation');
  const session = useSession();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    Promise.all([
      api('GET', `/api/invitations/${encodeURIComponent(token)}`, invitationViewSchema),
      api('GET', '/api/auth/providers', signInOptionsSchema).catch(() => null),
    ]).then(
      ([invitation, options]) => live && setLoad({ status: 'ready', invitation, options }),
      (error: unknown) => live && setLoad({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  if (load.status === 'loading' || session.status === 'loading') return <p role="status">Loading your invitation…</p>;
  if (load.status === 'failed') {
    return (
      <>
        <h1>This invitation cannot be used</h1>
        <p>{load.message}</p>
        <p>Ask the person who invited you for a new one.</p>
      </>
    );
  }
  const { invitation, options } = load;
  const here = `/invite/${encodeURIComponent(token)}`;

  return (
    <div className="narrow">
      <h1>Join {invitation.responseTitle}</h1>
      <p>
        You have been invited as <strong>{roleLabel(invitation.role)}</strong> ({invitation.capacity}), at the address{' '}
        <strong>{invitation.email}</strong>.
      </p>
      {session.status === 'signedIn' ? (
        <AcceptSignedIn token={token} invitation={invitation} email={session.user.email} />
      ) : (
        <>
          <h2>If you have a Countersign account</h2>
          <p>
            <Link className="button" href={signInPathFor(here)}>
              Sign in to accept
            </Link>
          </p>
          {options && options.providers.length > 0 && (
            <>
              <h2>With your organisation’s account</h2>
              <ul className="sso-list">
                {options.providers.map((provider) => (
                  <li key={provider.id}>
                    <a className="button button--secondary" href={`${provider.startUrl}?next=${encodeURIComponent(here)}&invitation=${encodeURIComponent(token)}`}>
                      Sign in with {provider.name}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          {invitation.codeAvailable && <CreateAccountWithCode token={token} invitation={invitation} />}
        </>
      )}
    </div>
  );
}

function AcceptSignedIn({ token, invitation, email }: { token: string; invitation: InvitationView; email: string }) {
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  if (email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <div className="alert alert--warning">
        <p className="alert__title">This invitation is for another address</p>
        <p>
          You are signed in as {email}. Sign out, then open the link again and sign in as {invitation.email}.
        </p>
      </div>
    );
  }
  const accept = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const joined = await api('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, joinedSchema, {});
      navigate(`/responses/${encodeURIComponent(joined.responseId)}`, { replace: true });
    } catch (error) {
      setErrors([errorMessage(error)]);
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary errors={errors} title="The invitation was not accepted" />
      <button className="button" type="button" onClick={accept} disabled={busy}>
        Accept invitation
      </button>
    </>
  );
}

function CreateAccountWithCode({ token, invitation }: { token: string; invitation: InvitationView }) {
  const id = useId();
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const path = `/api/invitations/${encodeURIComponent(token)}`;

  const sendCode = async () => {
    setBusy(true);
    setErrors([]);
    try {
      await api('POST', `${path}/code`, codeSentSchema, {});
      setSent(true);
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: string[] = [];
    if (!/^\d{8}$/.test(code.replace(/[\s-]/g, ''))) problems.push('Enter the 8 digits of the code we e-mailed you');
    if (!name.trim()) problems.push('Enter your name');
    if (password.length < MIN_PASSWORD_CHARS) problems.push(`Enter a password of at least ${MIN_PASSWORD_CHARS} characters`);
    if (problems.length > 0) {
      setErrors(problems);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const body = await api('POST', `${path}/accept`, acceptedInvitationSchema, { code, name: name.trim(), password });
      signedInAs(body.user);
      navigate(`/responses/${encodeURIComponent(body.responseId)}`, { replace: true });
    } catch (error) {
      setErrors([errorMessage(error)]);
      setBusy(false);
    }
  };

  return (
    <>
      <h2>If you are new to Countersign</h2>
      <p>We will e-mail a code to {invitation.email}. Entering it here shows the address is yours; then choose your name and password.</p>
      <ErrorSummary errors={errors} title={sent ? 'Your account was not created' : 'The code was not sent'} />
      {!sent ? (
        <button className="button button--secondary" type="button" onClick={sendCode} disabled={busy}>
          E-mail me a code
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <p role="status">We sent a code to {invitation.email}. It works for 15 minutes.</p>
          <div className="form-group">
            <label className="label" htmlFor={`${id}-code`}>
              Code from the e-mail
            </label>
            <input
              className="input input--code"
              id={`${id}-code`}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor={`${id}-name`}>
              Your full name
            </label>
            <input className="input" id={`${id}-name`} name="name" autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
          </div>
          <div className="form-group">
            <label className="label" htmlFor={`${id}-password`}>
              Choose a password
            </label>
            <p className="hint" id={`${id}-password-hint`}>
              At least {MIN_PASSWORD_CHARS} characters.
            </p>
            <input
              className="input"
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="new-password"
              aria-describedby={`${id}-password-hint`}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <div className="button-group">
            <button className="button" type="submit" disabled={busy}>
              Create account and join
            </button>
            <button className="button button--secondary" type="button" onClick={sendCode} disabled={busy}>
              Send another code
            </button>
          </div>
        </form>
      )}
    </>
  );
}
