import { useEffect, useId, useMemo, useState } from 'react';
import { ukToday } from '../../shared/deadline';
import { roleLabel } from '../../shared/roles';
import { trackerBodySchema } from '../../shared/schemas/tracking';
import { hmicfrsViewLabel, RECOMMENDATION_STATUSES, ragRating, statusLabel } from '../../shared/tracking';
import type { TrackerBody } from '../../shared/trackingApi';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDate } from '../format/dates';
import { Link } from '../router/Link';
import { navigate, useLocation } from '../router/router';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';
import { RagTag } from './RagTag';
import { applyFilters, parseFilters, ragCounts, recommendationPath, trackerPath, type TrackerFilters } from './trackerFilters';
import './tracking.css';

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; body: TrackerBody };

const SUMMARY: Array<{ rating: keyof ReturnType<typeof ragCounts>; label: string }> = [
  { rating: 'red', label: 'Red (overdue)' },
  { rating: 'amber', label: 'Amber (due within 28 days)' },
  { rating: 'green', label: 'Green' },
  { rating: 'no_target', label: 'No target date' },
  { rating: 'complete', label: 'Complete' },
  { rating: 'followed_up', label: 'Tracked in a follow-up' },
];

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Every recommendation of every response the member can see, filtered, with RAG ratings and exports. */
export function TrackerPage() {
  usePageTitle('Recommendation tracker');
  const location = useLocation();
  const filters = parseFilters(location.split('?')[1] ?? '');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const today = ukToday();
  const id = useId();

  useEffect(() => {
    let live = true;
    api('GET', '/api/recommendations', trackerBodySchema).then(
      (body) => live && setLoad({ status: 'ready', body }),
      (error: unknown) => live && setLoad({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, []);

  const setFilter = (change: Partial<TrackerFilters>) => navigate(trackerPath({ ...filters, ...change }), { replace: true });

  const body = load.status === 'ready' ? load.body : null;
  const titles = useMemo(() => new Map(body?.responses.map((response) => [response.id, response.title]) ?? []), [body]);
  const owners = useMemo(() => [...new Set(body?.recommendations.map((item) => item.owner) ?? [])].sort(), [body]);
  const shown = body ? applyFilters(body.recommendations, filters, today) : [];
  const counts = ragCounts(shown, today);

  return (
    <>
      <h1>Recommendation tracker</h1>
      <p>
        Every recommendation of the responses you are a member of, and what is being done about it. The RAG rating counts from
        each target date: red once it has passed, amber within 28 days of it.
      </p>
      <div className="tracker-actions">
        <a href="/api/recommendations.csv" download>
          Download as CSV
        </a>
        <a href="/api/recommendations.xlsx" download>
          Download as a spreadsheet (XLSX)
        </a>
        <button className="button button--secondary" type="button" onClick={() => window.print()}>
          Print the summary
        </button>
      </div>

      {load.status === 'loading' && <p role="status">Loading the recommendations…</p>}
      {load.status === 'failed' && <ErrorSummary errors={[load.message]} focus={false} />}

      {body && (
        <>
          <form className="tracker-filters" role="search" aria-label="Filter the recommendations" onSubmit={(event) => event.preventDefault()}>
            <div className="form-group">
              <label className="label" htmlFor={`${id}-response`}>
                Response
              </label>
              <select className="select" id={`${id}-response`} value={filters.responseId ?? ''} onChange={(event) => setFilter({ responseId: event.target.value || null })}>
                <option value="">All responses</option>
                {body.responses.map((response) => (
                  <option key={response.id} value={response.id}>
                    {response.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="label" htmlFor={`${id}-owner`}>
                Owner
              </label>
              <select className="select" id={`${id}-owner`} value={filters.owner ?? ''} onChange={(event) => setFilter({ owner: event.target.value || null })}>
                <option value="">All owners</option>
                {owners.map((owner) => (
                  <option key={owner} value={owner}>
                    {roleLabel(owner)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="label" htmlFor={`${id}-status`}>
                Status
              </label>
              <select
                className="select"
                id={`${id}-status`}
                value={filters.status ?? ''}
                onChange={(event) => setFilter({ status: parseFilters(`status=${event.target.value}`).status })}
              >
                <option value="">All statuses</option>
                {RECOMMENDATION_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {statusLabel(status)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group checkbox">
              <input
                className="checkbox__input"
                id={`${id}-overdue`}
                type="checkbox"
                checked={filters.overdue}
                onChange={(event) => setFilter({ overdue: event.target.checked })}
              />
              <label htmlFor={`${id}-overdue`}>Overdue only</label>
            </div>
          </form>

          <p className="tracker-count" role="status">
            Showing {shown.length} of {plural(body.recommendations.length, 'recommendation')}
          </p>
          <p className="print-only">Printed {formatDate(today)}.</p>

          <section className="tracker-summary" aria-labelledby={`${id}-summary`}>
            <h2 id={`${id}-summary`}>Summary</h2>
            <ul className="tracker-summary__list">
              {SUMMARY.filter(({ rating }) => counts[rating] > 0 || ['red', 'amber', 'green'].includes(rating)).map(({ rating, label }) => (
                <li key={rating}>
                  {label}: <strong>{counts[rating]}</strong>
                </li>
              ))}
            </ul>
          </section>

          {shown.length === 0 ? (
            <p>{body.recommendations.length === 0 ? 'None of your responses has recommendations yet.' : 'No recommendation matches these filters.'}</p>
          ) : (
            <div className="table-wrapper">
              <table className="table tracker-table">
                <caption className="visually-hidden">Recommendations and their actions</caption>
                <thead>
                  <tr>
                    <th scope="col">Recommendation</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Status</th>
                    <th scope="col">Target date</th>
                    <th scope="col">RAG</th>
                    <th scope="col">Last update</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((item) => {
                    const last = item.updates.at(-1);
                    const responseTitle = titles.get(item.responseId) ?? '';
                    return (
                      <tr key={`${item.responseId}/${item.sectionId}`}>
                        <td>
                          <Link href={recommendationPath(item.responseId, item.sectionId)}>
                            {item.title}
                            <span className="visually-hidden"> of {responseTitle}</span>
                          </Link>
                          <span className="tracker-table__response" aria-hidden="true">
                            {responseTitle}
                          </span>
                        </td>
                        <td>{item.ownerLabel}</td>
                        <td>
                          {statusLabel(item.status)}
                          {item.hmicfrsView && <span className="tracker-table__response">{hmicfrsViewLabel(item.hmicfrsView)}</span>}
                        </td>
                        <td>{item.targetDate ? formatDate(item.targetDate) : 'None'}</td>
                        <td>
                          <RagTag rag={ragRating(item, today)} />
                        </td>
                        <td>{last ? `${formatDate(ukToday(new Date(last.at)))}, ${last.by.name}` : 'None yet'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
