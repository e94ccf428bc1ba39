import '../notifications/notifications.css';
import { useCallback, useEffect, useState } from 'react';
import type { InvitationInfo } from '../../shared/api';
import { roleLabel } from '../../shared/roles';
import { invitationListSchema, joinedSchema } from '../../shared/schemas/invitations';
import { errorMessage } from '../api/ApiError';
import { api, apiCall } from '../api/http';
import { formatDate } from '../format/dates';
import { capacityLabel } from '../presence/memberOptions';
import { navigate } from '../router/router';
import { ErrorSummary } from '../ui/ErrorSummary';

/** The invitations to the signed-in person's address, to accept or decline (on the dashboard). */
export function MyInvitations() {
  const [invitations, setInvitations] = useState<InvitationInfo[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setInvitations((await api('GET', '/api/me/invitations', invitationListSchema)).invitations);
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (invitation: InvitationInfo, verb: 'accept' | 'decline') => {
    setBusy(true);
    setErrors([]);
    const path = `/api/me/invitations/${encodeURIComponent(invitation.id)}/${verb}`;
    try {
      if (verb === 'accept') {
        const joined = await api('POST', path, joinedSchema);
        navigate(`/responses/${encodeURIComponent(joined.responseId)}`);
        return;
      }
      await apiCall('POST', path);
      await load();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  if (!invitations || (invitations.length === 0 && errors.length === 0)) return null;
  return (
    <section className="panel invitations" id="invitations" aria-labelledby="invitations-heading" tabIndex={-1}>
      <h2 id="invitations-heading">Invitations</h2>
      <ErrorSummary errors={errors} title="That did not work" />
      <ul className="invitations__list">
        {invitations.map((invitation) => (
          <li className="invitations__item" key={invitation.id}>
            <p>
              <strong>{invitation.responseTitle}</strong>: {invitation.invitedBy ? `${invitation.invitedBy.name} invited you` : 'You are invited'} as{' '}
              {roleLabel(invitation.role)}, {capacityLabel(invitation.capacity).toLowerCase()}
              {invitation.administrator ? ', administrator' : ''}. It expires {formatDate(invitation.expiresAt.slice(0, 10))}.
            </p>
            <div className="button-group">
              <button className="button button--small" type="button" disabled={busy} onClick={() => act(invitation, 'accept')} aria-label={`Accept the invitation to ${invitation.responseTitle}`}>
                Accept
              </button>
              <button
                className="button button--secondary button--small"
                type="button"
                disabled={busy}
                onClick={() => act(invitation, 'decline')}
                aria-label={`Decline the invitation to ${invitation.responseTitle}`}
              >
                Decline
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
