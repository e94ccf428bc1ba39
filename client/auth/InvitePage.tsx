import { useEffect, useState, type FormEvent } from 'react';
import type { InvitationView } from '../../shared/api';
import { MIN_PASSWORD_CHARS } from '../../shared/limits';
import { roleLabel } from '../../shared/roles';
import { acceptedInvitationSchema, invitationViewSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { navigate } from '../router/router';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';
import { signedInAs } from './session';

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; invitation: InvitationView };

/** Accepting an invitation: the new user chooses a name and password and joins the response. */
export function InvitePage({ token }: { token: string }) {
  usePageTitle('Accept your invitation');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api('GET', `/api/invitations/${encodeURIComponent(token)}`, invitationViewSchema).then(
      (invitation) => live && setLoad({ status: 'ready', invitation }),
      (error: unknown) => live && setLoad({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  if (load.status === 'loading') {
    return <p role="status">Loading your invitation…</p>;
  }
  if (load.status === 'failed') {
    return (
      <>
        <h1>This invitation cannot be used</h1>
        <p>{load.message}</p>
        <p>Ask the person who invited you for a new link.</p>
      </>
    );
  }
  const { invitation } = load;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: string[] = [];
    if (!name.trim()) problems.push('Enter your name');
    if (password.length < MIN_PASSWORD_CHARS) {
      problems.push(`Enter a password of at least ${MIN_PASSWORD_CHARS} characters`);
    }
    if (problems.length > 0) {
      setErrors(problems);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const body = await api('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, acceptedInvitationSchema, {
        name: name.trim(),
        password,
      });
      signedInAs(body.user);
      navigate(`/responses/${encodeURIComponent(body.responseId)}`, { replace: true });
    } catch (error) {
      setErrors([errorMessage(error)]);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1>Join {invitation.responseTitle}</h1>
      <p>
        You have been invited as <strong>{roleLabel(invitation.role)}</strong> ({invitation.capacity}). You will sign
        in as <strong>{invitation.email}</strong>.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <div className="form-group">
          <label className="label" htmlFor="invite-name">
            Your full name
          </label>
          <input
            className="input"
            id="invite-name"
            name="name"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="invite-password">
            Choose a password
          </label>
          <p className="hint" id="invite-password-hint">
            At least {MIN_PASSWORD_CHARS} characters.
          </p>
          <input
            className="input"
            id="invite-password"
            name="password"
            type="password"
            autoComplete="new-password"
            aria-describedby="invite-password-hint"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button className="button" type="submit" disabled={busy}>
          Accept invitation
        </button>
      </form>
    </div>
  );
}
