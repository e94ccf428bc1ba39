import { useEffect, useState } from 'react';
import { canSetUp } from '../../shared/permissions';
import { signInPathFor } from '../auth/safeReturnPath';
import { Link } from '../router/Link';
import { ResponseUnavailable } from '../sections/ResponseUnavailable';
import { useLiveResponse } from '../sections/useLiveResponse';
import { usePageTitle } from '../ui/usePageTitle';
import { AddSectionForm } from './AddSectionForm';
import { ImportRecommendations } from './ImportRecommendations';
import { responsePath } from './paths';
import { SetupSectionList } from './SetupSectionList';

/** Whether the page was opened straight after creating the response (`?created=1`). */
function justCreated(): boolean {
  return new URLSearchParams(window.location.search).get('created') === '1';
}

/**
 * A response's set-up (administrators, until it is published): its sections in order, moved,
 * renamed, reassigned or removed; a section added; the report's recommendations imported.
 * It stays live, so two administrators see each other's changes.
 */
export function SetupPage({ responseId }: { responseId: string }) {
  const live = useLiveResponse(responseId);
  const [announcement, setAnnouncement] = useState('');
  const [created] = useState(justCreated);
  // Say it once: a reload or a later visit should not announce the creation again.
  useEffect(() => {
    if (created) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, [created]);
  const response = live.status === 'ready' ? live.response : null;
  usePageTitle(response ? `Set up sections: ${response.title}` : live.status === 'failed' ? 'Response not available' : 'Loading response');

  if (live.status === 'loading') return <p role="status">Loading the response…</p>;
  if (live.status === 'failed') return <ResponseUnavailable failure={live} />;
  if (!response) return null;

  const back = (
    <p>
      <Link className="back-link" href={responsePath(response.id)}>
        Back to the response
      </Link>
    </p>
  );
  const heading = (
    <>
      <p className="caption">{response.title}</p>
      <h1>Set up sections</h1>
    </>
  );

  if (!canSetUp(response.me, response)) {
    return (
      <>
        {back}
        {heading}
        <p>
          {response.state === 'published'
            ? 'The response is published and can no longer change.'
            : 'Only an administrator of this response can set up its sections. Ask one of its administrators.'}
        </p>
      </>
    );
  }

  return (
    <>
      {back}
      {heading}
      {created && (
        <div className="notice">
          <p className="notice__title">The response was created</p>
          <p>Import the report's recommendations below, arrange the sections, then add the members from the response page.</p>
        </div>
      )}
      {live.stoppedCode !== null && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">This page is no longer kept up to date.</p>
          <p>
            <a href={signInPathFor(window.location.pathname)}>Sign in again</a> to carry on.
          </p>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <SetupSectionList response={response} refresh={live.refresh} announce={setAnnouncement} />
      <ImportRecommendations response={response} refresh={live.refresh} announce={setAnnouncement} />
      <AddSectionForm response={response} refresh={live.refresh} announce={setAnnouncement} />
    </>
  );
}
