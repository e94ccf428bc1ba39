import { useId, useState, type FormEvent } from 'react';
import type { ResponseDetail } from '../../shared/api';
import { invitationLinkSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDateTime } from '../format/dates';
import { ErrorSummary } from '../ui/ErrorSummary';
import { emptyDraft, MemberFields } from './MemberFields';
import { roleOptions } from './memberOptions';

/** `POST /api/responses/:id/invitations` */
interface InvitationLink {
  url: string;
  expiresAt: string;
}

/** Creates an invitation link for someone who has no account yet (administrators). */
export function InviteForm({ response }: { response: ResponseDetail }) {
  const [draft, setDraft] = useState(emptyDraft);
  const [errors, setErrors] = useState<string[]>([]);
  const [link, setLink] = useState<(InvitationLink & { email: string }) | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const linkId = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setLink(null);
    setCopied(false);
    if (!draft.email.trim()) {
      setErrors(['Enter the email address of the person to invite']);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const email = draft.email.trim();
      const created = await api(
        'POST',
        `/api/responses/${encodeURIComponent(response.id)}/invitations`, invitationLinkSchema,
        { ...draft, email },
      );
      // The server answers with a path; show a link that works when pasted anywhere.
      setLink({ ...created, email, url: new URL(created.url, window.location.origin).toString() });
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <form className="side-form" onSubmit={submit} noValidate aria-labelledby="invite-heading">
      <h3 id="invite-heading">Invite a new user</h3>
      <ErrorSummary errors={errors} title="The invitation was not created" />
      <MemberFields value={draft} roles={roleOptions(response)} onChange={setDraft} />
      <button className="button" type="submit" disabled={busy}>
        Create invitation link
      </button>
      <p className="hint" role="status">
        {link ? 'Invitation link created: copy it below and send it.' : ''}
      </p>
      {link && (
        <div className="invite-link">
          <label className="label" htmlFor={linkId}>
            Invitation link for {link.email} (it expires {formatDateTime(link.expiresAt)})
          </label>
          <input className="input" id={linkId} readOnly value={link.url} onFocus={(event) => event.target.select()} />
          <button className="button button--secondary" type="button" onClick={copy}>
            {copied ? 'Link copied' : 'Copy link'}
          </button>
        </div>
      )}
    </form>
  );
}
