import './notifications.css';
import { useAccount } from '../auth/account';
import { Link } from '../router/Link';
import { parseRoute, useLocation } from '../router/router';
import { pageCarriesUserEvents, useUnreadCount, useUserEvents } from './notificationStore';

/** The header's links for a signed-in person: notifications with the unread count (live), and the outbox for administrators. */
export function HeaderLinks() {
  // A response page's own socket brings the user's events: the page opens one socket, not two.
  useUserEvents(pageCarriesUserEvents(parseRoute(useLocation())));
  const unread = useUnreadCount();
  const account = useAccount();
  return (
    <>
      {account?.administersInstallation && (
        <Link className="header__notifications" href="/outbox">
          Outbox
        </Link>
      )}
      <Link className="header__notifications" href="/notifications">
        Notifications
        {unread !== null && unread > 0 && (
          <span className="unread-count">
            {unread}
            <span className="visually-hidden"> unread</span>
          </span>
        )}
      </Link>
    </>
  );
}
