import { useEffect, useState } from 'react';
import { canSetChiefCommentsDate, canSetUp } from '../../shared/permissions';
import { signInPathFor } from '../auth/safeReturnPath';
import { ResponseUnavailable } from '../sections/ResponseUnavailable';
import { useLiveResponse } from '../sections/useLiveResponse';
import { usePageTitle } from '../ui/usePageTitle';
import { ResponseSubpage } from '../layout/ResponseSubpage';
import { AddSectionForm } from './AddSectionForm';
import { ChiefCommentsDateForm } from './ChiefCommentsDateForm';
import { ImportRecommendations } from './ImportRecommendations';
import { SetupSectionList } from './SetupSectionList';

/** Whether the page was opened straight after creating the response (`?created=1`). */
function justCreated(): boolean {
  return new URLSearchParams(window.location.search).get('created') === '1';
}

/**
 * A response's set-up, until it is published: for administrators, its sections in order, moved,
 * renamed, reassigned or removed, a section added, the report's recommendations imported; for
 * them and the PCC's signatory, the date for the Chief Constable's comments. It stays live, so
 * two administrators see each other's changes.
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
  usePageTitle(response ? `Set up the response: ${response.title}` : live.status === 'failed' ? 'Response not available' : 'Loading response');

  if (live.status === 'loading') return <p role="status">Loading the response…</p>;
  if (live.status === 'failed') return <ResponseUnavailable failure={live} />;
  if (!response) return null;

  const setUp = canSetUp(response.me, response);
  const setDate = canSetChiefCommentsDate(response.me, response);
  const onChanged = () => void live.refresh();

  return (
    <ResponseSubpage response={response} title="Set up the response">
      {!setUp && !setDate && (
        <p>
          {response.state === 'published'
            ? 'The response is published and can no longer change.'
            : 'Only an administrator of this response can set it up. Ask one of its administrators.'}
        </p>
      )}
      {setUp && created && (
        <div className="notice">
          <p className="notice__title">The response was created</p>
          <p>Import the report's recommendations below, arrange the sections, then add the members on the Members page.</p>
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
      {setUp && (
        <>
          <SetupSectionList response={response} refresh={live.refresh} announce={setAnnouncement} />
          <ImportRecommendations response={response} refresh={live.refresh} announce={setAnnouncement} />
          <AddSectionForm response={response} refresh={live.refresh} announce={setAnnouncement} />
        </>
      )}
      {setDate && (
        <section className="setup-block" aria-labelledby="chief-date-heading">
          <h2 id="chief-date-heading">The Chief Constable's comments</h2>
          <ChiefCommentsDateForm response={response} onChanged={onChanged} />
        </section>
      )}
      {!setUp && setDate && (
        <p>Only an administrator of this response can change its sections. Ask one of its administrators.</p>
      )}
    </ResponseSubpage>
  );
}
