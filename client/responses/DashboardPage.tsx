import { useEffect, useState } from 'react';
import type { ResponseListBody, ResponseSummary } from '../../shared/api';
import { responseListBodySchema } from '../../shared/schemas/responses';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDate } from '../format/dates';
import { Link } from '../router/Link';
import { NEW_RESPONSE_PATH } from '../setup/paths';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';
import { useAccount } from '../auth/account';
import { DeadlineText } from './DeadlineText';
import { MyInvitations } from './MyInvitations';
import { responseStateLabel } from './responseState';

/** The table's columns; on narrow screens each cell is shown under its column's name. */
const COLUMNS = ['Response', 'Report', 'State', 'Deadline', 'Sections signed off', 'Open threads'];

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; responses: ResponseSummary[] };

/** The signed-in user's responses. */
export function DashboardPage() {
  usePageTitle('Your responses');
  const account = useAccount();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    api('GET', '/api/responses', responseListBodySchema).then(
      (body) => live && setLoad({ status: 'ready', responses: body.responses }),
      (error: unknown) => live && setLoad({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <>
      <h1>Your responses</h1>
      <MyInvitations />
      {account?.mayCreateResponses && (
        <p>
          <Link className="button" href={NEW_RESPONSE_PATH}>
            New response
          </Link>
        </p>
      )}
      {load.status === 'loading' && <p role="status">Loading your responses…</p>}
      {load.status === 'failed' && <ErrorSummary errors={[load.message]} focus={false} />}
      {load.status === 'ready' && load.responses.length === 0 && (
        <p>You are not a member of any response yet. An administrator of a response can invite you; invitations show here.</p>
      )}
      {load.status === 'ready' && load.responses.length > 0 && (
        <div className="table-wrapper">
          {/* Explicit roles keep the table a table for screen readers when narrow screens show it as cards. */}
          <table className="table table--cards" role="table">
            <caption className="visually-hidden">Your responses</caption>
            <thead role="rowgroup">
              <tr role="row">
                {COLUMNS.map((column) => (
                  <th scope="col" role="columnheader" key={column}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody role="rowgroup">
              {load.responses.map((response) => (
                <tr key={response.id} role="row">
                  <td role="cell" className="table__primary">
                    <Link href={`/responses/${encodeURIComponent(response.id)}`}>{response.title}</Link>
                  </td>
                  <td role="cell" data-label="Report">
                    {response.report.title}
                    <br />
                    <span className="hint">Published {formatDate(response.report.publishedOn)}</span>
                  </td>
                  <td role="cell" data-label="State">
                    {responseStateLabel(response.state)}
                  </td>
                  <td role="cell" data-label="Deadline">
                    <DeadlineText deadline={response.deadline} published={response.state === 'published'} />
                  </td>
                  <td role="cell" data-label="Sections signed off">
                    {response.sectionsSignedOff} of {response.sectionsTotal}
                  </td>
                  <td role="cell" data-label="Open threads">
                    {response.openThreads}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
