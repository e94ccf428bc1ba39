import type { User } from '../../shared/api';
import { MembersPanel } from '../presence/MembersPanel';
import { ResponseSubpage } from '../layout/ResponseSubpage';
import { ResponseUnavailable } from '../sections/ResponseUnavailable';
import { useLiveResponse } from '../sections/useLiveResponse';
import { usePageTitle } from '../ui/usePageTitle';

/**
 * A response's members: who they are, who is online now, and (for administrators) adding,
 * changing and inviting them. While the live connection is down, who is online is unknown, and
 * the page says so instead of showing the last thing it heard.
 */
export function MembersPage({ responseId, user }: { responseId: string; user: User }) {
  const live = useLiveResponse(responseId);
  const response = live.status === 'ready' ? live.response : null;
  usePageTitle(response ? `Members: ${response.title}` : live.status === 'failed' ? 'Response not available' : 'Loading response');

  if (live.status === 'loading') return <p role="status">Loading the response…</p>;
  if (live.status === 'failed') return <ResponseUnavailable failure={live} />;
  if (!response) return null;

  const known = live.connection === 'open' && live.stoppedCode === null;
  const lost = live.connection === 'closed' || live.stoppedCode !== null;
  return (
    <ResponseSubpage response={response} title="Members and invitations">
      <p className={lost ? 'presence-note' : 'visually-hidden'} role="status">
        {lost ? 'Not connected: who is online is unknown until the connection returns.' : ''}
      </p>
      <div className={known ? 'members-page' : 'members-page members-page--presence-unknown'}>
        <MembersPanel response={response} online={live.online} userId={user.id} onChanged={() => void live.refresh()} />
      </div>
    </ResponseSubpage>
  );
}
