import type { ResponseDetail } from '../../shared/api';
import { canSetChiefCommentsDate, canSetUp } from '../../shared/permissions';
import { Link } from '../router/Link';
import { activityPath, membersPath, setupPath } from '../setup/paths';

/** Whether a member has anything to do on the set-up page: sections, or the chief's comments date. */
export function hasSetUpPage(response: ResponseDetail): boolean {
  return canSetUp(response.me, response) || canSetChiefCommentsDate(response.me, response);
}

/** The response's other pages, from the response page: Members, Set-up (if any), Activity. */
export function ResponseLinks({ response }: { response: ResponseDetail }) {
  return (
    <nav className="response-links" aria-label="This response">
      <ul className="response-links__list">
        <li>
          <Link className="response-links__link" href={membersPath(response.id)}>
            Members
          </Link>
        </li>
        {hasSetUpPage(response) && (
          <li>
            <Link className="response-links__link" href={setupPath(response.id)}>
              Set-up
            </Link>
          </li>
        )}
        <li>
          <Link className="response-links__link" href={activityPath(response.id)}>
            Activity
          </Link>
        </li>
      </ul>
    </nav>
  );
}
