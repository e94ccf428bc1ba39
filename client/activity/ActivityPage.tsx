import { ResponseSubpage } from '../layout/ResponseSubpage';
import { ResponseUnavailable } from '../sections/ResponseUnavailable';
import { useLiveResponse } from '../sections/useLiveResponse';
import { usePageTitle } from '../ui/usePageTitle';
import { ActivityPanel } from './ActivityPanel';

/**
 * A response's activity record on a page of its own: the latest page, kept live, and earlier
 * pages on request (ActivityPanel).
 */
export function ActivityPage({ responseId }: { responseId: string }) {
  const live = useLiveResponse(responseId);
  const response = live.status === 'ready' ? live.response : null;
  usePageTitle(response ? `Activity: ${response.title}` : live.status === 'failed' ? 'Response not available' : 'Loading response');

  if (live.status === 'loading') return <p role="status">Loading the response…</p>;
  if (live.status === 'failed') return <ResponseUnavailable failure={live} />;
  if (!response) return null;

  return (
    <ResponseSubpage response={response} title="Activity record">
      <p>Everything that has happened to this response, newest first. Entries are never changed or removed.</p>
      <ActivityPanel responseId={response.id} events={live.activity} earlierBefore={live.activityBefore} sections={response.sections} />
    </ResponseSubpage>
  );
}
