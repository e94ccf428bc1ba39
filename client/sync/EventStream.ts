// The response's event socket: server-pushed changes, presence and activity, reconnecting
// with backoff until the server says the session or membership is gone.
import type { ServerEvent } from '../../shared/api';
import { eventsPath } from '../../shared/protocol';
import { serverEventSchema } from '../../shared/schemas/responses';
import { shouldReconnectAfter } from './closeCodes';
import { wsBase } from './wsBase';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/** What an EventStream reports to its owner. */
export interface EventStreamHandlers {
  onEvent(event: ServerEvent): void;
  /** The socket opened (again): anything missed while closed should be fetched. */
  onOpen(): void;
  /** The server closed the stream for good (4401, 4403). */
  onStopped(code: number): void;
  /** The socket closed or failed to open; it will retry unless `onStopped` follows. */
  onClose?(): void;
}

/** Parses a received text frame with the shared schema; null for anything else. */
export function parseServerEvent(text: string): ServerEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = serverEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A self-reconnecting socket on `/events/<responseId>`. */
export class EventStream {
  private socket: WebSocket | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly responseId: string,
    private readonly handlers: EventStreamHandlers,
  ) {
    this.open();
  }

  private open(): void {
    if (this.closed) return;
    const socket = new WebSocket(wsBase() + eventsPath(this.responseId));
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      this.handlers.onOpen();
    };
    socket.onmessage = (message: MessageEvent<unknown>) => {
      if (typeof message.data !== 'string') return;
      const event = parseServerEvent(message.data);
      if (event) this.handlers.onEvent(event);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket || this.closed) return;
      this.socket = null;
      this.handlers.onClose?.();
      if (!shouldReconnectAfter(event.code)) {
        this.handlers.onStopped(event.code);
        return;
      }
      this.retryTimer = setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    };
  }

  /** Closes the socket and stops reconnecting. */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
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
