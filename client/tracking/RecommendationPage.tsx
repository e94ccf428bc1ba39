import { useCallback, useEffect, useState } from 'react';
import { ukToday } from '../../shared/deadline';
import { roleLabel } from '../../shared/roles';
import { responseRecommendationsBodySchema } from '../../shared/schemas/tracking';
import { describeTrackingBlocker, hmicfrsViewLabel, ragRating, statusLabel, trackingBlocker } from '../../shared/tracking';
import type { CarryLink, ResponseRecommendationsBody, TrackedRecommendation } from '../../shared/trackingApi';
import { ApiError, errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDate, formatDateTime } from '../format/dates';
import { Link } from '../router/Link';
import { responsePath } from '../setup/paths';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';
import { RagTag } from './RagTag';
import { RecommendationUpdateForm } from './RecommendationUpdateForm';
import { recommendationPath, trackerPath } from './trackerFilters';
import './tracking.css';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; notFound: boolean; message: string }
  | { status: 'ready'; body: ResponseRecommendationsBody; item: TrackedRecommendation };

function CarryText({ link, before }: { link: CarryLink; before: string }) {
  const name = link.responseTitle ?? 'a response you are not a member of';
  return (
    <>
      {before}{' '}
      {link.responseTitle ? <Link href={recommendationPath(link.responseId, link.sectionId)}>{name}</Link> : name}
    </>
  );
}

/** One recommendation after publication: its action now, its whole history, and the form to update it. */
export function RecommendationPage({ responseId, sectionId }: { responseId: string; sectionId: string }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const today = ukToday();

  const fetchIt = useCallback(async () => {
    try {
      const body = await api('GET', `/api/responses/${encodeURIComponent(responseId)}/recommendations`, responseRecommendationsBodySchema);
      const item = body.recommendations.find((candidate) => candidate.sectionId === sectionId);
      setLoad(item ? { status: 'ready', body, item } : { status: 'failed', notFound: true, message: 'That recommendation was not found' });
    } catch (error) {
      setLoad({ status: 'failed', notFound: error instanceof ApiError && error.status === 404, message: errorMessage(error) });
    }
  }, [responseId, sectionId]);

  useEffect(() => {
    setLoad({ status: 'loading' });
    void fetchIt();
  }, [fetchIt]);

  const item = load.status === 'ready' ? load.item : null;
  const response = load.status === 'ready' ? load.body.response : null;
  usePageTitle(item && response ? `${item.title}: ${response.title}` : load.status === 'failed' ? 'Recommendation not available' : 'Loading recommendation');

  if (load.status === 'loading') return <p role="status">Loading the recommendation…</p>;
  if (load.status === 'failed' || !item || !response) {
    return (
      <>
        <h1>{load.status === 'failed' && load.notFound ? 'Recommendation not available' : 'The recommendation could not be loaded'}</h1>
        <ErrorSummary errors={[load.status === 'failed' ? load.message : '']} focus={false} />
        <p>
          <Link href={trackerPath()}>Go to the recommendation tracker</Link>
        </p>
      </>
    );
  }

  const blocker = trackingBlocker(response.me, { kind: 'recommendation', ownerRole: item.owner, supersededByPublishedFollowUp: item.supersededByPublishedFollowUp }, response);
  const updatesNewestFirst = [...item.updates].reverse();

  return (
    <>
      <p>
        <Link className="back-link" href={trackerPath({ responseId: response.id })}>
          Back to the tracker
        </Link>
      </p>
      <p className="caption">
        <Link href={responsePath(response.id)}>{response.title}</Link>
      </p>
      <h1>{item.title}</h1>
      <blockquote className="tracking-quote">{item.text}</blockquote>

      <h2>The action now</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Owner</dt>
          <dd>{roleLabel(item.owner)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Status</dt>
          <dd>{statusLabel(item.status)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>HMICFRS’s view</dt>
          <dd>{item.hmicfrsView ? hmicfrsViewLabel(item.hmicfrsView) : 'Not known yet'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Target date</dt>
          <dd>{item.targetDate ? formatDate(item.targetDate) : 'None'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>RAG</dt>
          <dd>
            <RagTag rag={ragRating(item, today)} />
          </dd>
        </div>
        {item.carriedFrom && (
          <div className="summary-list__row">
            <dt>Carried over</dt>
            <dd>
              <CarryText link={item.carriedFrom} before="From" />
            </dd>
          </div>
        )}
        {item.carriedTo && (
          <div className="summary-list__row">
            <dt>Followed up</dt>
            <dd>
              <CarryText link={item.carriedTo} before="In" />
            </dd>
          </div>
        )}
      </dl>

      <h2>Update the action</h2>
      {blocker ? (
        <p>{describeTrackingBlocker(blocker, roleLabel(item.owner))}.</p>
      ) : (
        <RecommendationUpdateForm
          recommendation={item}
          onSaved={(updated) => setLoad({ status: 'ready', body: load.body, item: updated })}
        />
      )}

      <h2>History</h2>
      {updatesNewestFirst.length === 0 ? (
        <p>No update yet.</p>
      ) : (
        <ol className="tracking-history" reversed>
          {updatesNewestFirst.map((update, index) => (
            <li className="tracking-history__item" key={`${update.at}-${index}`}>
              <h3>
                {statusLabel(update.status)}, <time dateTime={update.at}>{formatDateTime(update.at)}</time>
              </h3>
              <p className="tracking-history__meta">
                {update.by.name}
                {update.targetDate ? `; target date ${formatDate(update.targetDate)}` : '; no target date'}
                {update.hmicfrsView ? `; ${hmicfrsViewLabel(update.hmicfrsView)}` : ''}
                {update.carriedOver ? '; recorded on an earlier response' : ''}
              </p>
              {update.note && <p className="tracking-history__note">{update.note}</p>}
              {update.links.length > 0 && (
                <ul className="tracking-links" aria-label="Evidence">
                  {update.links.map((link) => (
                    <li key={link}>
                      <a href={link} rel="noreferrer">
                        {link}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
