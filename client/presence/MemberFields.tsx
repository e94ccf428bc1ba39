import { useId } from 'react';
import { CAPACITIES, type Capacity, type Membership, type RoleId } from '../../shared/model';
import { roleLabel } from '../../shared/roles';
import { capacityLabel } from './memberOptions';

/** The values of the add-member and invite forms. */
export interface MemberDraft extends Membership {
  email: string;
}

interface MemberFieldsProps {
  value: MemberDraft;
  roles: RoleId[];
  onChange: (next: MemberDraft) => void;
}

function isCapacity(value: string): value is Capacity {
  return (CAPACITIES as readonly string[]).includes(value);
}

/** Role, capacity and administrator: what a membership is, in every member form. */
export function MembershipFields<T extends Membership>({
  value,
  roles,
  onChange,
  autoFocus = false,
}: {
  value: T;
  roles: RoleId[];
  onChange: (next: T) => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <>
      <div className="form-group">
        <label className="label" htmlFor={`${id}-role`}>
          Role
        </label>
        <select
          className="select"
          id={`${id}-role`}
          autoFocus={autoFocus}
          value={value.role}
          onChange={(event) => onChange({ ...value, role: event.target.value })}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="label" htmlFor={`${id}-capacity`}>
          Capacity
        </label>
        <select
          className="select"
          id={`${id}-capacity`}
          value={value.capacity}
          onChange={(event) => {
            if (isCapacity(event.target.value)) onChange({ ...value, capacity: event.target.value });
          }}
        >
          {CAPACITIES.map((capacity) => (
            <option key={capacity} value={capacity}>
              {capacityLabel(capacity)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group checkbox">
        <input
          className="checkbox__input"
          id={`${id}-admin`}
          type="checkbox"
          checked={value.administrator}
          onChange={(event) => onChange({ ...value, administrator: event.target.checked })}
        />
        <label className="checkbox__label" htmlFor={`${id}-admin`}>
          Administrator (can set up the response and manage members)
        </label>
      </div>
    </>
  );
}

/** Email, then the membership: the fields of the add-member and invite forms. */
export function MemberFields({ value, roles, onChange }: MemberFieldsProps) {
  const id = useId();
  return (
    <>
      <div className="form-group">
        <label className="label" htmlFor={`${id}-email`}>
          Email address
        </label>
        <input
          className="input"
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={value.email}
          onChange={(event) => onChange({ ...value, email: event.target.value })}
        />
      </div>
      <MembershipFields value={value} roles={roles} onChange={onChange} />
    </>
  );
}

/** An empty draft. */
export function emptyDraft(): MemberDraft {
  return { email: '', role: 'pcc', capacity: 'drafter', administrator: false };
}
