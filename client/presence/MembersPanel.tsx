import '../notifications/notifications.css';
import { useState } from 'react';
import type { Member, ResponseDetail } from '../../shared/api';
import { canManageMembers } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { errorMessage } from '../api/ApiError';
import { apiCall } from '../api/http';
import { ErrorSummary } from '../ui/ErrorSummary';
import { useAccount } from '../auth/account';
import { navigate } from '../router/router';
import { InviteForm } from './InviteForm';
import { MemberChangeControl } from './MemberChangeControl';
import { capacityLabel } from './memberOptions';
import { PendingInvitations } from './PendingInvitations';

interface MembersPanelProps {
  response: ResponseDetail;
  /** User ids with an open connection to the response. */
  online: ReadonlySet<string>;
  /** The signed-in user's id (administrators cannot remove themselves here). */
  userId: string;
  onChanged: () => void;
}

/** Who is in the response, who is online now, (for administrators) inviting people, and leaving it. */
export function MembersPanel({ response, online, userId, onChanged }: MembersPanelProps) {
  const administer = canManageMembers(response.me, response);
  const account = useAccount();
  // An organisation's administrator may invite people to the roles their organisation holds.
  const holdsARole = (response.roleHolders ?? []).some((h) => h.organisationId !== null && account?.administersOrganisations.includes(h.organisationId));
  const invite = response.state === 'drafting' && (administer || holdsARole);
  const organisations = response.organisations ?? [];
  const organisationName = (id: string | null | undefined) => organisations.find((o) => o.id === id)?.name ?? 'No organisation of this installation';
  const [errors, setErrors] = useState<string[]>([]);

  const leave = async () => {
    if (!window.confirm(`Leave “${response.title}”? You will need a new invitation to come back.`)) return;
    setErrors([]);
    try {
      await apiCall('POST', `/api/responses/${encodeURIComponent(response.id)}/leave`);
      navigate('/', { replace: true });
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  };

  const remove = async (member: Member) => {
    if (!window.confirm(`Remove ${member.name} from this response?`)) return;
    setErrors([]);
    try {
      await apiCall(
        'DELETE',
        `/api/responses/${encodeURIComponent(response.id)}/members/${encodeURIComponent(member.userId)}`,
      );
      onChanged();
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  };

  return (
    <section className="panel" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <ErrorSummary errors={errors} title="That did not work" />
      <ul className="members">
        {response.members.map((member) => {
          const isOnline = online.has(member.userId);
          return (
            <li className="members__item" key={member.userId}>
              <span className="members__name">
                {member.name}
                {member.userId === userId ? ' (you)' : ''}
              </span>
              <span className="members__detail">
                {roleLabel(member.role)}, {capacityLabel(member.capacity).toLowerCase()}
                {member.administrator ? ', administrator' : ''}
              </span>
              {organisations.length > 1 && <span className="members__organisation">{organisationName(member.organisationId)}</span>}
              <span className={isOnline ? 'presence presence--online' : 'presence'}>
                <span className="presence__dot" aria-hidden="true" />
                {isOnline ? 'online' : 'offline'}
              </span>
              {administer && <MemberChangeControl response={response} member={member} onChanged={onChanged} />}
              {administer && member.userId !== userId && (
                <button
                  className="button button--link"
                  type="button"
                  onClick={() => remove(member)}
                  aria-label={`Remove ${member.name}`}
                >
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {administer && <PendingInvitations response={response} />}
      {invite && <InviteForm response={response} onChanged={onChanged} />}
      <p>
        <button className="button button--secondary button--small" type="button" onClick={leave}>
          Leave this response
        </button>
      </p>
    </section>
  );
}
