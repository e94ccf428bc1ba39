import { useState } from 'react';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import { canEdit } from '../../shared/permissions';
import { roleLabel } from '../../shared/roles';
import { z } from 'zod';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { ErrorSummary } from '../ui/ErrorSummary';

const askedSchema = z.object({ notified: z.number() });

/** "Ask for sign-off": a drafter tells the section's signatories it is ready (they are notified, and mailed as they chose). */
export function AskForSignOff({ response, section }: { response: ResponseDetail; section: Section }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  if (response.me.capacity !== 'drafter' || !canEdit(response.me, section, response)) return null;

  const ask = async () => {
    setBusy(true);
    setErrors([]);
    setDone('');
    try {
      const answer = await api('POST', `/api/responses/${encodeURIComponent(response.id)}/sections/${encodeURIComponent(section.id)}/request-signoff`, askedSchema, {});
      setDone(`The ${roleLabel(section.ownerRole)}’s ${answer.notified === 1 ? 'signatory was' : `${answer.notified} signatories were`} asked to sign it off.`);
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signoff">
      <ErrorSummary errors={errors} title="The signatories were not asked" />
      <button className="button button--secondary" type="button" onClick={ask} disabled={busy}>
        Ask for sign-off
      </button>
      <p className="hint" role="status">
        {done}
      </p>
    </div>
  );
}
