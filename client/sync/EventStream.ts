// The response's events (server-pushed changes, presence and activity) as the page receives
// them: on its multiplexed socket's control channel (ResponseConnection), each event the JSON
// the `/events/<responseId>` socket sends as a text frame.
import type { ServerEvent } from '../../shared/api';
import { serverEventSchema } from '../../shared/schemas/responses';

/** What the page's connection reports to its owner about the event stream. */
export interface EventStreamHandlers {
  onEvent(event: ServerEvent): void;
  /** The socket opened (again): anything missed while closed should be fetched. */
  onOpen(): void;
  /** The server closed the stream for good (4401, 4403). */
  onStopped(code: number): void;
  /** The socket closed or failed to open; it will retry unless `onStopped` follows. */
  onClose?(): void;
}

/** Parses an event's JSON text with the shared schema; null for anything else. */
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
