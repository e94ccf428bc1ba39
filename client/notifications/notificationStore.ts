// The signed-in person's unread count, kept live: fetched once, then updated by the
// `notification` events of their own event socket (`/events`), which reconnects with backoff.
// A response page opens no such socket: its one multiplexed socket carries the user's events on
// its control channel, and the page hands them here (notificationReceived, userEventsReopened).
// Pages that list notifications subscribe to hear of new ones.
import { useEffect, useSyncExternalStore } from 'react';
import type { ServerEvent } from '../../shared/api';
import { notificationListSchema } from '../../shared/schemas/notifications';
import { api } from '../api/http';
import { useSession } from '../auth/session';
import type { Route } from '../router/router';
import { parseServerEvent } from '../sync/EventStream';
import { shouldReconnectAfter } from '../sync/closeCodes';
import { wsBase } from '../sync/wsBase';

type NotificationEvent = Extract<ServerEvent, { type: 'notification' }>;

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

let unread: number | null = null;
const countListeners = new Set<() => void>();
const eventListeners = new Set<(event: NotificationEvent) => void>();

function setUnread(next: number | null): void {
  unread = next;
  for (const listener of countListeners) listener();
}

/** Sets the count after the page changed it (marked some read). */
export function unreadChanged(next: number): void {
  setUnread(next);
}

/** Hears of every new notification while subscribed. */
export function onNotification(listener: (event: NotificationEvent) => void): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

/** Takes in a notification that reached the page some other way (a response page's socket). */
export function notificationReceived(event: NotificationEvent): void {
  setUnread(event.unread);
  for (const listener of eventListeners) listener(event);
}

/** A socket that carries the user's events (re)opened: what came meanwhile is fetched. */
export function userEventsReopened(): void {
  void refreshCount();
}

/**
 * Whether a page carries the user's events on a socket of its own: the pages that follow a
 * response live (useLiveResponse), whose one multiplexed socket brings them.
 */
export function pageCarriesUserEvents(route: Route): boolean {
  return route.page === 'response' || route.page === 'setup' || route.page === 'members' || route.page === 'activity';
}

async function refreshCount(): Promise<void> {
  try {
    setUnread((await api('GET', '/api/notifications', notificationListSchema)).unread);
  } catch {
    // Shown again once the socket reconnects.
  }
}

/** The user's own event stream: one per signed-in page. */
class UserEvents {
  private socket: WebSocket | null = null;
  private retryMs = FIRST_RETRY_MS;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor() {
    this.open();
  }

  private open(): void {
    if (this.closed) return;
    const socket = new WebSocket(`${wsBase()}/events`);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      void refreshCount();
    };
    socket.onmessage = (message: MessageEvent<unknown>) => {
      if (typeof message.data !== 'string') return;
      const event = parseServerEvent(message.data);
      if (event?.type === 'notification') notificationReceived(event);
    };
    socket.onclose = (event) => {
      if (this.closed || this.socket !== socket) return;
      this.socket = null;
      if (!shouldReconnectAfter(event.code)) return;
      this.timer = setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    };
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onopen = null;
      socket.close();
    }
  }
}

function subscribe(listener: () => void): () => void {
  countListeners.add(listener);
  return () => countListeners.delete(listener);
}

/**
 * Keeps the user's event stream open while someone is signed in (call once, high in the app),
 * unless the page shown carries those events on its own socket (`carried`): then the page hands
 * them in, and the count stays as it is.
 */
export function useUserEvents(carried: boolean): void {
  const session = useSession();
  const userId = session.status === 'signedIn' ? session.user.id : null;
  useEffect(() => {
    if (!userId || carried) return;
    const events = new UserEvents();
    return () => events.close();
  }, [userId, carried]);
  // The count is someone's: it goes with their session.
  useEffect(() => {
    if (!userId) return;
    return () => setUnread(null);
  }, [userId]);
}

/** How many notifications are unread, or null before it is known. */
export function useUnreadCount(): number | null {
  return useSyncExternalStore(subscribe, () => unread);
}
