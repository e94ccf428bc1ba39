import { useState, type FormEvent } from 'react';
import type { Member, ResponseDetail } from '../../shared/api';
import type { AddMemberRequest } from '../../shared/schemas/requests';
import { memberSchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { ErrorSummary } from '../ui/ErrorSummary';
import { emptyDraft, MemberFields } from './MemberFields';
import { roleOptions } from './memberOptions';

/** Adds an existing user to the response (administrators). */
export function AddMemberForm({ response, onChanged }: { response: ResponseDetail; onChanged: () => void }) {
  const [draft, setDraft] = useState(emptyDraft);
  const [errors, setErrors] = useState<string[]>([]);
  const [added, setAdded] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded('');
    if (!draft.email.trim()) {
      setErrors(['Enter the email address of the person to add']);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const body: AddMemberRequest = { ...draft, email: draft.email.trim() };
      const member = await api('POST', `/api/responses/${encodeURIComponent(response.id)}/members`, memberSchema, body);
      setAdded(`${member.name} was added.`);
      setDraft(emptyDraft());
      onChanged();
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="side-form" onSubmit={submit} noValidate aria-labelledby="add-member-heading">
      <h3 id="add-member-heading">Add member</h3>
      <ErrorSummary errors={errors} title="The member was not added" />
      <MemberFields value={draft} roles={roleOptions(response)} onChange={setDraft} />
      <div className="button-group">
        <button className="button" type="submit" disabled={busy}>
          Add member
        </button>
        <span className="hint" role="status">
          {added}
        </span>
      </div>
    </form>
  );
}
