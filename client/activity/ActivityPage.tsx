import { useEffect, useRef, useState } from 'react';
import { ResponseSubpage } from '../layout/ResponseSubpage';
import { ResponseUnavailable } from '../sections/ResponseUnavailable';
import { useLiveResponse } from '../sections/useLiveResponse';
import { usePageTitle } from '../ui/usePageTitle';
import { ActivityPanel } from './ActivityPanel';
import { useActivityLog } from './useActivityLog';

function entries(n: number): string {
  return n === 1 ? '1 earlier entry' : `${n} earlier entries`;
}

/** A response's activity record on a page of its own: newest first, earlier entries a page at a time. */
export function ActivityPage({ responseId }: { responseId: string }) {
  const live = useLiveResponse(responseId);
  const log = useActivityLog(responseId, live.status === 'ready' ? live.activity : []);
  const [said, setSaid] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const hadEarlier = useRef(false);
  // The button goes once the start of the record is reached: focus goes to what it said, not the page.
  useEffect(() => {
    const gone = hadEarlier.current && !log.hasEarlier;
    hadEarlier.current = log.hasEarlier;
    if (gone && (!document.activeElement || document.activeElement === document.body)) statusRef.current?.focus();
  }, [log.hasEarlier]);
  const response = live.status === 'ready' ? live.response : null;
  usePageTitle(response ? `Activity: ${response.title}` : live.status === 'failed' ? 'Response not available' : 'Loading response');

  if (live.status === 'loading') return <p role="status">Loading the response…</p>;
  if (live.status === 'failed') return <ResponseUnavailable failure={live} />;
  if (!response) return null;

  const showEarlier = async () => {
    const added = await log.showEarlier();
    if (added === 0) return;
    setSaid(`${entries(added)} shown, at the end of the list.`);
  };

  return (
    <ResponseSubpage response={response} title="Activity record">
      <p>Everything that has happened to this response, newest first. Entries are never changed or removed.</p>
      {log.status === 'loading' && <p role="status">Loading the activity record…</p>}
      {log.status === 'failed' && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">The activity record could not be loaded</p>
          <p>{log.error}</p>
          <button className="button button--secondary" type="button" onClick={log.retry}>
            Try again
          </button>
        </div>
      )}
      {log.status === 'ready' && (
        <>
          <ActivityPanel events={log.events} sections={response.sections} />
          <p className="hint activity-page__status" role="status" ref={statusRef} tabIndex={-1}>
            {said}
          </p>
          {log.error && (
            <p className="thread-error" role="alert">
              Earlier entries could not be loaded: {log.error}
            </p>
          )}
          {log.hasEarlier ? (
            <button className="button button--secondary" type="button" onClick={() => void showEarlier()} aria-disabled={log.loadingEarlier || undefined}>
              Show earlier activity
            </button>
          ) : (
            log.events.length > 0 && <p className="hint">This is the start of the record.</p>
          )}
        </>
      )}
    </ResponseSubpage>
  );
}
