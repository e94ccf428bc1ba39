import type { ResponseDetail } from '../../shared/api';
import { formatDate } from '../format/dates';
import { Link } from '../router/Link';
import { canSetChiefCommentsDate, canSetUp } from '../../shared/permissions';
import { ChiefCommentsDateForm } from './ChiefCommentsDateForm';
import { setupPath } from './paths';

/**
 * On the response page, under its facts: "Set up sections" for administrators, and the date for
 * the Chief Constable's comments (set by the PCC's signatory or an administrator, shown to all).
 */
export function ResponseSetupBar({ response, onChanged }: { response: ResponseDetail; onChanged: () => void }) {
  const drafting = response.state === 'drafting';
  const setUp = canSetUp(response.me, response);
  const setDate = canSetChiefCommentsDate(response.me, response);
  const due = response.chiefCommentsDueOn;
  if (!setUp && !setDate && !(drafting && due)) return null;
  return (
    <div className="setup-bar">
      {setUp && (
        <p>
          <Link className="button button--secondary" href={setupPath(response.id)}>
            Set up sections
          </Link>
        </p>
      )}
      {setDate && <ChiefCommentsDateForm response={response} onChanged={onChanged} />}
      {!setDate && drafting && due && <p>The Chief Constable's comments are due by {formatDate(due)}.</p>}
    </div>
  );
}
