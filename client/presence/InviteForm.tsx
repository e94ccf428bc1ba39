import { useId, useState, type FormEvent } from 'react';
import type { AccountBody, InvitationCreated, ResponseDetail } from '../../shared/api';
import { appointmentProblem, organisationOf, type Seat } from '../../shared/organisations';
import type { AddMemberRequest } from '../../shared/schemas/requests';
import { invitationCreatedSchema } from '../../shared/schemas/invitations';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDateTime } from '../format/dates';
import { ErrorSummary } from '../ui/ErrorSummary';
import { useAccount } from '../auth/account';
import { emptyDraft, MemberFields } from './MemberFields';
import { roleOptions } from './memberOptions';

/** Why the organisations' rules refuse the seat (shared/organisations.ts), or null. */
function seatProblem(response: ResponseDetail, account: AccountBody, email: string, seat: Seat): string | null {
  const organisations = response.organisations ?? [];
  if (organisations.length === 0) return null;
  const holderId = response.roleHolders?.find((h) => h.role === seat.role)?.organisationId;
  // A role the response does not use yet: the server decides who holds it.
  if (holderId === undefined) return null;
  const holder = organisations.find((o) => o.id === holderId) ?? null;
  return appointmentProblem({
    actor: {
      organisationId: account.organisation?.id ?? null,
      responseAdministrator: response.me.administrator,
      administersOrganisations: account.administersOrganisations,
    },
    target: { organisationId: organisationOf(email, organisations)?.id ?? null },
    seat,
    holder,
  });
}

/**
 * Invites someone to the response (administrators, and organisations' administrators for their
 * roles). Whoever the address is, an invitation is mailed to it; they join only by accepting it.
 * The link is shown here too, for sending another way.
 */
export function InviteForm({ response, onChanged }: { response: ResponseDetail; onChanged: () => void }) {
  const [draft, setDraft] = useState(emptyDraft);
  const [errors, setErrors] = useState<string[]>([]);
  const [created, setCreated] = useState<(InvitationCreated & { link: string }) | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const linkId = useId();
  const account = useAccount();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    setCopied(false);
    if (!draft.email.trim()) {
      setErrors(['Enter the email address of the person to invite']);
      return;
    }
    // The organisations' rules, as the server will apply them: say so before sending.
    const problem = account ? seatProblem(response, account, draft.email.trim(), draft) : null;
    if (problem) {
      setErrors([problem]);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const body: AddMemberRequest = { ...draft, email: draft.email.trim() };
      const answer = await api('POST', `/api/responses/${encodeURIComponent(response.id)}/members`, invitationCreatedSchema, body);
      // The server answers with a path; show a link that works when pasted anywhere.
      setCreated({ ...answer, link: new URL(answer.url, window.location.origin).toString() });
      setDraft(emptyDraft());
      onChanged();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <form className="side-form" onSubmit={submit} noValidate aria-labelledby="invite-heading">
      <h3 id="invite-heading">Invite a member</h3>
      <p className="hint">They join only once they accept, signed in as that address or with a code mailed to it.</p>
      <ErrorSummary errors={errors} title="The invitation was not sent" />
      <MemberFields value={draft} roles={roleOptions(response)} onChange={setDraft} />
      <button className="button" type="submit" disabled={busy}>
        Send invitation
      </button>
      <p className="hint" role="status">
        {created ? `Invitation sent to ${created.invitation.email}.` : ''}
      </p>
      {created && (
        <div className="invite-link">
          <label className="label" htmlFor={linkId}>
            Its link, to send another way (it expires {formatDateTime(created.expiresAt)})
          </label>
          <input className="input" id={linkId} readOnly value={created.link} onFocus={(event) => event.target.select()} />
          <button className="button button--secondary" type="button" onClick={copy}>
            {copied ? 'Link copied' : 'Copy link'}
          </button>
        </div>
      )}
    </form>
  );
}
