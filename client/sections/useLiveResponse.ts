// A response as it is now: fetched over HTTP, refetched whenever the event stream says it
// changed, with who is online and the activity log kept up to date from the same stream. The
// stream is the control channel of the page's one socket (ResponseConnection), which the
// sections' editors share; it also brings the user's own events (notifications), which the page
// hands to the header's count instead of opening the `/events` socket.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent, ResponseDetail, Suggestion, Thread } from '../../shared/api';
import { LIVE_ACTIVITY_PAGE_SIZE } from '../activity/useEarlierActivity';
import { ApiError, errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { CLOSE_UNAUTHENTICATED } from '../../shared/protocol';
import { auditPageSchema, responseDetailSchema } from '../../shared/schemas/responses';
import { notificationReceived, userEventsReopened } from '../notifications/notificationStore';
import { ResponseConnection } from '../sync/ResponseConnection';

/** Where the response's event socket stands. */
export type StreamConnection = 'connecting' | 'open' | 'closed';

/** The state of the response page's data. */
export type LiveResponse =
  | { status: 'loading' }
  | { status: 'failed'; code: 'not_found' | 'signed_out' | 'error'; message: string }
  | {
      status: 'ready';
      response: ResponseDetail;
      online: ReadonlySet<string>;
      /**
       * The event socket: `open` while `online` is current; `closed` when it was lost (who is
       * online is unknown until it reopens); `connecting` before it first opened.
       */
      connection: StreamConnection;
      activity: AuditEvent[];
      /** Where the entries older than `activity` start (`?before=`), or null when it holds them all. */
      activityBefore: number | null;
      /** Set when the server ended the live connection for good (4401, 4403). */
      stoppedCode: number | null;
      /** The page's one socket, for the sections' channels. */
      socket: ResponseConnection;
      refresh: () => Promise<void>;
    };

function mergeActivity(current: AuditEvent[], incoming: AuditEvent[]): AuditEvent[] {
  const byId = new Map<number, AuditEvent>();
  for (const event of current) byId.set(event.id, event);
  for (const event of incoming) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Others who follow the same event stream (the threads, the suggestions). */
export interface LiveListeners {
  onThread(thread: Thread): void;
  onSuggestion?(suggestion: Suggestion): void;
  /** The socket opened, the first time or again. */
  onOpen(): void;
}

/** Loads `/api/responses/:id` and keeps it live. */
export function useLiveResponse(responseId: string, listeners?: LiveListeners): LiveResponse {
  const listenersRef = useRef(listeners);
  listenersRef.current = listeners;
  const [response, setResponse] = useState<ResponseDetail | null>(null);
  const [failure, setFailure] = useState<{ code: 'not_found' | 'signed_out' | 'error'; message: string } | null>(null);
  const [online, setOnline] = useState<ReadonlySet<string>>(new Set());
  const [connection, setConnection] = useState<StreamConnection>('connecting');
  const [activity, setActivity] = useState<AuditEvent[]>([]);
  // From the first page only: later reloads of the latest page merge into what is shown.
  const [activityBefore, setActivityBefore] = useState<number | null | undefined>(undefined);
  const [stoppedCode, setStoppedCode] = useState<number | null>(null);
  const [socket, setSocket] = useState<ResponseConnection | null>(null);
  // Answers can arrive out of order; only the latest request may set the state.
  const requestSeq = useRef(0);

  const refresh = useCallback(async () => {
    const seq = ++requestSeq.current;
    try {
      const detail = await api('GET', `/api/responses/${encodeURIComponent(responseId)}`, responseDetailSchema);
      if (seq === requestSeq.current) {
        setResponse(detail);
        setFailure(null);
      }
    } catch (error) {
      if (seq !== requestSeq.current) return;
      if (error instanceof ApiError && error.status === 401) {
        setFailure({ code: 'signed_out', message: 'Your session has ended. Sign in again to carry on.' });
      } else if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
        setFailure({ code: 'not_found', message: error.message });
      } else {
        setFailure({ code: 'error', message: errorMessage(error) });
      }
    }
  }, [responseId]);

  const loadActivity = useCallback(async () => {
    try {
      const body = await api('GET', `/api/responses/${encodeURIComponent(responseId)}/audit?limit=${LIVE_ACTIVITY_PAGE_SIZE}`, auditPageSchema);
      setActivity((current) => mergeActivity(current, body.events));
      setActivityBefore((current) => (current === undefined ? body.nextBefore : current));
    } catch {
      // The activity panel is secondary: the page stays usable, and the stream adds new entries.
    }
  }, [responseId]);

  useEffect(() => {
    setResponse(null);
    setFailure(null);
    setActivity([]);
    setActivityBefore(undefined);
    setOnline(new Set());
    setConnection('connecting');
    setStoppedCode(null);
    void refresh();
    void loadActivity();
    let opened = false;
    const stream = new ResponseConnection(responseId, {
      onOpen: () => {
        setConnection('open');
        listenersRef.current?.onOpen();
        userEventsReopened();
        // A reopened stream may have missed events while it was closed.
        if (opened) {
          void refresh();
          void loadActivity();
        }
        opened = true;
      },
      onEvent: (event) => {
        switch (event.type) {
          case 'changed':
            void refresh();
            break;
          case 'presence':
            setOnline(new Set(event.online));
            break;
          case 'audit':
            setActivity((current) => mergeActivity(current, [event.event]));
            break;
          case 'thread':
            listenersRef.current?.onThread(event.thread);
            break;
          case 'notification':
            notificationReceived(event);
            break;
          case 'suggestion':
            listenersRef.current?.onSuggestion?.(event.suggestion);
            break;
        }
      },
      onStopped: (code) => setStoppedCode(code),
      onClose: () => setConnection('closed'),
    });
    setSocket(stream);
    return () => {
      stream.close();
      setSocket(null);
    };
  }, [responseId, refresh, loadActivity]);

  if (failure && !response) return { status: 'failed', ...failure };
  if (!response || !socket) return { status: 'loading' };
  // A refetch that finds the session gone ends the live page just as a 4401 close does.
  const stopped = stoppedCode ?? (failure?.code === 'signed_out' ? CLOSE_UNAUTHENTICATED : null);
  return { status: 'ready', response, online, connection, activity, activityBefore: activityBefore ?? null, stoppedCode: stopped, refresh, socket };
}
