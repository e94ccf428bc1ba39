import './notifications.css';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { notificationListSchema, unreadSchema, type notificationSchema } from '../../shared/schemas/notifications';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { formatDateTime } from '../format/dates';
import { Link } from '../router/Link';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';
import { onNotification, unreadChanged, useUnreadCount } from './notificationStore';

type Notification = z.infer<typeof notificationSchema>;

/** The signed-in person's notifications, newest first, live; each links to its place. */
export function NotificationsPage() {
  usePageTitle('Notifications');
  const unread = useUnreadCount();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const load = useCallback(async (before?: number) => {
    try {
      const page = await api('GET', before ? `/api/notifications?before=${before}` : '/api/notifications', notificationListSchema);
      setItems((current) => (before && current ? [...current, ...page.notifications] : page.notifications));
      setNextBefore(page.nextBefore);
      unreadChanged(page.unread);
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  }, []);

  useEffect(() => {
    void load();
    return onNotification((event) => setItems((current) => (current && !current.some((n) => n.id === event.notification.id) ? [event.notification, ...current] : current)));
  }, [load]);

  const markRead = async (ids?: number[]) => {
    try {
      const answer = await api('POST', '/api/notifications/read', unreadSchema, ids ? { ids } : {});
      unreadChanged(answer.unread);
      setItems((current) => current?.map((n) => (!ids || ids.includes(n.id) ? { ...n, read: true } : n)) ?? null);
    } catch (error) {
      setErrors([errorMessage(error)]);
    }
  };

  return (
    <>
      <h1>Notifications</h1>
      <p>
        <Link href="/preferences">Choose what Countersign e-mails you</Link>
      </p>
      <ErrorSummary errors={errors} focus={false} />
      <p role="status">{unread === null ? '' : unread === 0 ? 'Nothing unread.' : `${unread} unread.`}</p>
      {unread !== null && unread > 0 && (
        <p>
          <button className="button button--secondary button--small" type="button" onClick={() => void markRead()}>
            Mark all as read
          </button>
        </p>
      )}
      {items === null && <p role="status">Loading your notifications…</p>}
      {items !== null && items.length === 0 && <p>You have no notifications yet.</p>}
      {items !== null && items.length > 0 && (
        <ul className="notification-list">
          {items.map((n) => (
            <li className={n.read ? 'notification-list__item' : 'notification-list__item notification-list__item--unread'} key={n.id}>
              <p className="notification-list__title">
                {!n.read && <span className="visually-hidden">Unread: </span>}
                <Link href={n.path} onClick={() => (n.read ? undefined : void markRead([n.id]))}>
                  {n.title}
                </Link>
              </p>
              {n.detail && <p className="notification-list__detail">{n.detail}</p>}
              <p className="notification-list__meta">
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                {!n.read && (
                  <>
                    {' · '}
                    <button className="button button--link" type="button" onClick={() => void markRead([n.id])} aria-label={`Mark as read: ${n.title}`}>
                      Mark as read
                    </button>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {nextBefore !== null && (
        <button className="button button--secondary" type="button" onClick={() => void load(nextBefore)}>
          Show older notifications
        </button>
      )}
    </>
  );
}
