import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Member, ResponseDetail } from '../../shared/api';
import { CAPACITIES, type Capacity, type Membership } from '../../shared/model';
import { roleLabel } from '../../shared/roles';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { ErrorSummary } from '../ui/ErrorSummary';
import { capacityLabel, roleOptions } from './memberOptions';

interface MemberChangeControlProps {
  response: ResponseDetail;
  member: Member;
  onChanged: () => void;
}

function isCapacity(value: string): value is Capacity {
  return (CAPACITIES as readonly string[]).includes(value);
}

/**
 * "Change" beside a member (administrators): their role, capacity and whether they administer
 * the response, saved with `PATCH …/members/:userId`. The server refuses to leave a response
 * without an administrator, and the form says so.
 */
export function MemberChangeControl({ response, member, onChanged }: MemberChangeControlProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Membership>({ role: member.role, capacity: member.capacity, administrator: member.administrator });
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  // Back to "Change" when the form closes, so keyboard users keep their place.
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const start = () => {
    setDraft({ role: member.role, capacity: member.capacity, administrator: member.administrator });
    setErrors([]);
    setOpen(true);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    try {
      await api<Member>(
        'PATCH',
        `/api/responses/${encodeURIComponent(response.id)}/members/${encodeURIComponent(member.userId)}`,
        draft,
      );
      setOpen(false);
      onChanged();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        className="button button--link"
        type="button"
        ref={button}
        aria-label={`Change ${member.name}`}
        aria-expanded={open}
        onClick={() => (open ? setOpen(false) : start())}
      >
        Change
      </button>
      {open && (
        <form className="member-change" onSubmit={submit} noValidate aria-label={`Change ${member.name}`}>
          <ErrorSummary errors={errors} title={`${member.name} was not changed`} />
          <div className="form-group">
            <label className="label" htmlFor={`${id}-role`}>
              Role
            </label>
            <select
              className="select"
              id={`${id}-role`}
              autoFocus
              value={draft.role}
              onChange={(event) => setDraft({ ...draft, role: event.target.value })}
            >
              {roleOptions(response).map((role) => (
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
              value={draft.capacity}
              onChange={(event) => {
                if (isCapacity(event.target.value)) setDraft({ ...draft, capacity: event.target.value });
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
              checked={draft.administrator}
              onChange={(event) => setDraft({ ...draft, administrator: event.target.checked })}
            />
            <label className="checkbox__label" htmlFor={`${id}-admin`}>
              Administrator (can set up the response and manage members)
            </label>
          </div>
          <div className="button-group">
            <button className="button" type="submit" disabled={busy}>
              Save changes
            </button>
            <button className="button button--secondary" type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </>
  );
}
