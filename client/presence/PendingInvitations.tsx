import { useCallback, useEffect, useState } from 'react';
import type { InvitationInfo, ResponseDetail } from '../../shared/api';
import { roleLabel } from '../../shared/roles';
import { invitationListSchema } from '../../shared/schemas/invitations';
import { errorMessage } from '../api/ApiError';
import { api, apiCall } from '../api/http';
import { formatDate } from '../format/dates';
import { ErrorSummary } from '../ui/ErrorSummary';
import { capacityLabel } from './memberOptions';

/** The response's invitations not yet accepted (its administrators), each with "Withdraw". */
export function PendingInvitations({ response }: { response: ResponseDetail }) {
  const [invitations, setInvitations] = useState<InvitationInfo[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const path = `/api/responses/${encodeURIComponent(response.id)}/invitations`;

  const load = useCallback(async () => {
    try {
      setInvitations((await api('GET', path, invitationListSchema)).invitations);
    } catch {
      // Secondary: the members list stays usable.
    }
  }, [path]);

  // Each new copy of the response (after any change to it, an invitation included) reloads the list.
  useEffect(() => {
    void load();
  }, [load, response]);

  const withdraw = async (invitation: InvitationInfo) => {
    setErrors([]);
    try {
      await apiCall('DELETE', `${path}/${encodeURIComponent(invitation.id)}`);
      await load();
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  };

  if (invitations.length === 0 && errors.length === 0) return null;
  return (
    <div className="pending-invitations">
      <h3>Invited, not yet joined</h3>
      <ErrorSummary errors={errors} title="The invitation was not withdrawn" />
      <ul className="members">
        {invitations.map((invitation) => (
          <li className="members__item" key={invitation.id}>
            <span className="members__name">{invitation.email}</span>
            <span className="members__detail">
              {roleLabel(invitation.role)}, {capacityLabel(invitation.capacity).toLowerCase()}
              {invitation.administrator ? ', administrator' : ''}
            </span>
            <span className="hint">Expires {formatDate(invitation.expiresAt.slice(0, 10))}</span>
            <button className="button button--link" type="button" onClick={() => withdraw(invitation)} aria-label={`Withdraw the invitation to ${invitation.email}`}>
              Withdraw
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
