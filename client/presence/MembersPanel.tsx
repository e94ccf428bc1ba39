import { useState } from 'react';
import type { Member, ResponseDetail } from '../../shared/api';
import { canManageMembers } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { errorMessage } from '../api/ApiError';
import { apiCall } from '../api/http';
import { ErrorSummary } from '../ui/ErrorSummary';
import { AddMemberForm } from './AddMemberForm';
import { InviteForm } from './InviteForm';
import { MemberChangeControl } from './MemberChangeControl';
import { capacityLabel } from './memberOptions';

interface MembersPanelProps {
  response: ResponseDetail;
  /** User ids with an open connection to the response. */
  online: ReadonlySet<string>;
  /** The signed-in user's id (administrators cannot remove themselves here). */
  userId: string;
  onChanged: () => void;
}

/** Who is in the response, who is online now, and (for administrators) adding people. */
export function MembersPanel({ response, online, userId, onChanged }: MembersPanelProps) {
  const administer = canManageMembers(response.me, response);
  const [errors, setErrors] = useState<string[]>([]);

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
      <ErrorSummary errors={errors} title="The member was not removed" />
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
      {administer && (
        <>
          <AddMemberForm response={response} onChanged={onChanged} />
          <InviteForm response={response} />
        </>
      )}
    </section>
  );
}
