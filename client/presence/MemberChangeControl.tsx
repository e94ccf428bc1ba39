import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Member, ResponseDetail } from '../../shared/api';
import type { Membership } from '../../shared/model';
import { memberSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { ErrorSummary } from '../ui/ErrorSummary';
import { MembershipFields } from './MemberFields';
import { roleOptions } from './memberOptions';

interface MemberChangeControlProps {
  response: ResponseDetail;
  member: Member;
  onChanged: () => void;
}

/**
 * "Change" beside a member (administrators): their role, capacity and whether they administer
 * the response, saved with `PATCH …/members/:userId`. The server refuses to leave a response
 * without an administrator, and the form says so.
 */
export function MemberChangeControl({ response, member, onChanged }: MemberChangeControlProps) {
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
      await api(
        'PATCH',
        `/api/responses/${encodeURIComponent(response.id)}/members/${encodeURIComponent(member.userId)}`, memberSchema,
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
          <MembershipFields value={draft} roles={roleOptions(response)} onChange={setDraft} autoFocus />
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
