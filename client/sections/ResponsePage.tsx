import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { User } from '../../shared/api';
import { canPublish } from '../../shared/permissions';
import { signInPathFor } from '../auth/safeReturnPath';
import { formatDate } from '../format/dates';
import { DeadlineText } from '../responses/DeadlineText';
import { responseStateLabel } from '../responses/responseState';
import { PublishPanel } from '../signoff/PublishPanel';
import { stoppedMessage } from '../sync/closeCodes';
import { SaveStatusBanner } from '../sync/SaveStatusBanner';
import { localCopyNames } from '../sync/localCopies';
import { PageSyncContext, type PageSync } from '../sync/PageSyncContext';
import { SaveStatusContext, SaveStatusRegistry } from '../sync/SaveStatusRegistry';
import { useWarnBeforeLeaving } from '../sync/useWarnBeforeLeaving';
import { ThreadsNotice } from '../threads/ThreadsNotice';
import { ThreadsProvider, usePageThreads } from '../threads/ThreadsContext';
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel';
import { SuggestionsProvider, usePageSuggestions } from '../suggestions/SuggestionsContext';
import { useHashTarget } from '../notifications/useHashTarget';
import { usePageTitle } from '../ui/usePageTitle';
import { ContentsNav, type ContentsExtra, type PresenceKnowledge } from './ContentsNav';
import { groupSections } from './groupSections';
import { RecommendationsTable } from './RecommendationsTable';
import { ResponseLinks } from './ResponseLinks';
import { SectionCard } from './SectionCard';
import type { SectionContext } from './SectionBody';
import { SectionPresence, SectionPresenceContext } from './SectionPresence';
import { ResponseUnavailable } from './ResponseUnavailable';
import { useLiveResponse } from './useLiveResponse';

/**
 * Whether some section is offline or stopped, re-rendering only when that changes (the page
 * must not re-render at every keystroke's save).
 */
function useSectionsUnreachable(registry: SaveStatusRegistry): boolean {
  return useSyncExternalStore(registry.subscribe, () => {
    const summary = registry.getSnapshot();
    return summary.offline > 0 || summary.stopped > 0;
  });
}

/** The id of the publish panel's place on the page, for the contents list and blockers. */
export const PUBLISH_ANCHOR = 'publish';
/** The id of the suggestions list's place on the page, for the contents list. */
export const SUGGESTIONS_ANCHOR = 'suggestions';

/**
 * One response, for writing, reading and signing: its contents, its sections with their
 * threads, and publishing. Members, set-up and activity have pages of their own.
 */
export function ResponsePage({ responseId, user }: { responseId: string; user: User }) {
  const threads = usePageThreads(responseId);
  const suggestions = usePageSuggestions(responseId);
  const live = useLiveResponse(responseId, {
    ...threads.listeners,
    ...suggestions.listeners,
    onOpen: () => {
      threads.listeners.onOpen();
      suggestions.listeners.onOpen();
    },
  });
  const [registry] = useState(() => new SaveStatusRegistry());
  const [visitors] = useState(() => new SectionPresence());
  useWarnBeforeLeaving(registry);
  const unreachable = useSectionsUnreachable(registry);
  // Listed once, as the page opens (beside its first requests), for every section's editor.
  const [copiesAtOpen] = useState(() => localCopyNames(user.id));
  const socket = live.status === 'ready' ? live.socket : null;
  const pageSync = useMemo<PageSync | null>(() => (socket ? { connection: socket, copiesAtOpen } : null), [socket, copiesAtOpen]);
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

  // Who is where is known only while the page's sockets are up.
  const presence: PresenceKnowledge =
    stoppedCode !== null || live.connection === 'closed' || unreachable
      ? 'unknown'
      : live.connection === 'open'
        ? 'known'
        : 'pending';
  const extras: ContentsExtra[] = [
    { anchor: SUGGESTIONS_ANCHOR, title: 'Suggestions' },
    ...(response.publication || canPublish(response.me, response)
      ? [{ anchor: PUBLISH_ANCHOR, title: response.publication ? 'Published' : 'Publish' }]
      : []),
  ];
  const publishable = extras.some((extra) => extra.anchor === PUBLISH_ANCHOR);
  const chiefDue = response.state === 'drafting' ? response.chiefCommentsDueOn : null;

  const page = (
    <SaveStatusContext.Provider value={registry}>
      <SectionPresenceContext.Provider value={visitors}>
        <ThreadsProvider threads={threads} response={response} userId={user.id}>
          <div className="response-page">
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
                {chiefDue && (
                  <div className="facts__row">
                    <dt>Chief Constable's comments due</dt>
                    <dd>{formatDate(chiefDue)}</dd>
                  </div>
                )}
                <div className="facts__row">
                  <dt>State</dt>
                  <dd>{responseStateLabel(response.state)}</dd>
                </div>
              </dl>
              <ResponseLinks response={response} />
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
            <ThreadsNotice />
            <div className="response-status">
              <SaveStatusBanner registry={registry} />
            </div>
            <div className="response-layout">
              <div className="response-contents">
                <ContentsNav response={response} presence={presence} extras={extras} />
              </div>
              <div className="response-main">
                {groups.map((group) =>
                  group.kind === 'single' ? (
                    <SectionCard key={group.section.id} section={group.section} context={context} />
                  ) : (
                    <RecommendationsTable key={group.rows[0]?.section.id} rows={group.rows} context={context} />
                  ),
                )}
                <div className="response-suggestions" id={SUGGESTIONS_ANCHOR} tabIndex={-1}>
                  <SuggestionsPanel response={response} />
                </div>
                {publishable && (
                  <div className="response-publish" id={PUBLISH_ANCHOR} tabIndex={-1}>
                    <PublishPanel response={response} onChanged={context.onChanged} />
                  </div>
                )}
              </div>
            </div>
          </div>
        </ThreadsProvider>
      </SectionPresenceContext.Provider>
    </SaveStatusContext.Provider>
  );
  return (
    <PageSyncContext.Provider value={pageSync}>
      <SuggestionsProvider suggestions={suggestions} response={response} userId={user.id}>
        {page}
      </SuggestionsProvider>
    </PageSyncContext.Provider>
  );
}
