import { useCallback, useMemo, useState } from 'react';
import type { User } from '../../shared/api';
import { ActivityPanel } from '../activity/ActivityPanel';
import { signInPathFor } from '../auth/safeReturnPath';
import { formatDate } from '../format/dates';
import { MembersPanel } from '../presence/MembersPanel';
import { DeadlineText } from '../responses/DeadlineText';
import { responseStateLabel } from '../responses/responseState';
import { ResponseSetupBar } from '../setup/ResponseSetupBar';
import { PublishPanel } from '../signoff/PublishPanel';
import { stoppedMessage } from '../sync/closeCodes';
import { localCopyNames } from '../sync/localCopies';
import { PageSyncContext, type PageSync } from '../sync/PageSyncContext';
import { SaveStatusBanner } from '../sync/SaveStatusBanner';
import { SaveStatusContext, SaveStatusRegistry } from '../sync/SaveStatusRegistry';
import { useWarnBeforeLeaving } from '../sync/useWarnBeforeLeaving';
import { ThreadsPanel } from '../threads/ThreadsPanel';
import { ThreadsProvider, usePageThreads } from '../threads/ThreadsContext';
import { useHashTarget } from '../notifications/useHashTarget';
import { usePageTitle } from '../ui/usePageTitle';
import { groupSections } from './groupSections';
import { RecommendationsTable } from './RecommendationsTable';
import { SectionCard } from './SectionCard';
import type { SectionContext } from './SectionBody';
import { ResponseUnavailable } from './ResponseUnavailable';
import { useLiveResponse } from './useLiveResponse';

/** One response: its sections to write and sign off, its members and its activity. */
export function ResponsePage({ responseId, user }: { responseId: string; user: User }) {
  const threads = usePageThreads(responseId);
  const live = useLiveResponse(responseId, threads.listeners);
  const [registry] = useState(() => new SaveStatusRegistry());
  useWarnBeforeLeaving(registry);
  // Listed once, as the page opens (beside its first requests), for every section's editor.
  const [copiesAtOpen] = useState(() => localCopyNames(user.id));
  const connection = live.status === 'ready' ? live.connection : null;
  const pageSync = useMemo<PageSync | null>(() => (connection ? { connection, copiesAtOpen } : null), [connection, copiesAtOpen]);
  const [sectionStop, setSectionStop] = useState<number | null>(null);
  const onStopped = useCallback((code: number) => setSectionStop((current) => current ?? code), []);
  const response = live.status === 'ready' ? live.response : null;
  usePageTitle(response?.title ?? (live.status === 'failed' ? 'Response not available' : 'Loading response'));
  useHashTarget(response !== null);

  const stoppedCode = live.status === 'ready' ? (live.stoppedCode ?? sectionStop) : null;
  const refresh = live.status === 'ready' ? live.refresh : null;
  const context = useMemo<SectionContext | null>(
    () =>
      response && refresh
        ? {
            response,
            userName: user.name,
            stopped: stoppedCode !== null,
            onChanged: () => void refresh(),
            onStopped,
          }
        : null,
    [response, refresh, user.name, stoppedCode, onStopped],
  );
  // Rebuilt only when the response changes, so that the memoised sections below are not
  // re-rendered by presence or activity events (the page re-renders for those).
  const groups = useMemo(() => (response ? groupSections(response.sections) : []), [response]);

  if (live.status === 'loading') return <p role="status">Loading the response…</p>;
  if (live.status === 'failed') return <ResponseUnavailable failure={live} />;
  if (!response || !context || !pageSync) return null;

  return (
    <PageSyncContext.Provider value={pageSync}>
      <SaveStatusContext.Provider value={registry}>
        <ThreadsProvider threads={threads} response={response} userId={user.id}>
          <div className="response-header">
            <h1>{response.title}</h1>
            <dl className="facts">
              <div className="facts__row">
                <dt>Report</dt>
                <dd>
                  <a href={response.report.url}>{response.report.title}</a>, published {formatDate(response.report.publishedOn)}
                </dd>
              </div>
              <div className="facts__row">
                <dt>Deadline</dt>
                <dd>
                  <DeadlineText deadline={response.deadline} published={response.state === 'published'} />
                </dd>
              </div>
              <div className="facts__row">
                <dt>State</dt>
                <dd>{responseStateLabel(response.state)}</dd>
              </div>
            </dl>
            <ResponseSetupBar response={response} onChanged={context.onChanged} />
          </div>
          {stoppedCode !== null && (
            <div className="alert alert--error" role="alert">
              <p className="alert__title">{stoppedMessage(stoppedCode)}</p>
              <p>
                The text on this page is no longer saved. Copy anything you need, then{' '}
                <a href={signInPathFor(window.location.pathname)}>sign in again</a>.
              </p>
            </div>
          )}
          <SaveStatusBanner registry={registry} />
          <div className="response-layout">
            <div className="response-main">
              {groups.map((group) =>
                group.kind === 'single' ? (
                  <SectionCard key={group.section.id} section={group.section} context={context} />
                ) : (
                  <RecommendationsTable key={group.rows[0]?.section.id} rows={group.rows} context={context} />
                ),
              )}
              <PublishPanel response={response} onChanged={context.onChanged} />
            </div>
            <div className="response-side">
              <ThreadsPanel response={response} />
              <MembersPanel response={response} online={live.online} userId={user.id} onChanged={context.onChanged} />
              <ActivityPanel responseId={response.id} events={live.activity} earlierBefore={live.activityBefore} sections={response.sections} />
            </div>
          </div>
        </ThreadsProvider>
      </SaveStatusContext.Provider>
    </PageSyncContext.Provider>
  );
}
