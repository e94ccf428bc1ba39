import type { WebSocket } from 'ws';
import type { ServerEvent } from '../../shared/api';
import { MAX_BUFFERED_BYTES } from './limits';

/** Where an open page receives events: its event socket, or its multiplexed socket's control channel. */
export interface EventSink {
  /** Sends one event's JSON text (a page that has stopped reading is dropped instead). */
  sendEvent(json: string): void;
  close(code: number, reason: string): void;
}

interface Listener {
  sink: EventSink;
  userId: string;
  sessionHash: string;
}

/** An event socket (`/events/<responseId>`, `/events`): each event is one text frame. */
export function webSocketEventSink(socket: WebSocket): EventSink {
  return {
    sendEvent(json) {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) socket.terminate();
      else socket.send(json);
    },
    close: (code, reason) => socket.close(code, reason),
  };
}

/** The key of the event sockets that follow no response, only their user's notifications (`/events`). */
export const USER_STREAM = '#user';

/**
 * The open response pages: the server pushes changes (sign-offs, members, publication,
 * activity) and presence (who has the response open) to them at once.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  /** Adds a page's sink; call the returned function when the page's socket closes. */
  add(responseId: string, listener: Listener): () => void {
    let set = this.listeners.get(responseId);
    if (!set) {
      set = new Set();
      this.listeners.set(responseId, set);
    }
    const listeners = set;
    listeners.add(listener);
    if (responseId !== USER_STREAM) this.publishPresence(responseId);
    return () => {
      if (!listeners.delete(listener)) return;
      if (listeners.size === 0 && this.listeners.get(responseId) === listeners) this.listeners.delete(responseId);
      if (responseId !== USER_STREAM) this.publishPresence(responseId);
    };
  }

  /**
   * Sends an event to every open page of one user, whatever response (if any) it shows: its
   * `/events` socket, or a response page's multiplexed socket (control channel).
   */
  publishToUser(userId: string, event: ServerEvent): void {
    const json = JSON.stringify(event);
    for (const set of this.listeners.values()) {
      for (const { sink, userId: owner } of set) if (owner === userId) sink.sendEvent(json);
    }
  }

  /** Sends an event to every open page of a response. */
  publish(responseId: string, event: ServerEvent): void {
    const set = this.listeners.get(responseId);
    if (!set) return;
    const json = JSON.stringify(event);
    for (const { sink } of set) sink.sendEvent(json);
  }

  /** The users who have a response open now. */
  online(responseId: string): string[] {
    return [...new Set([...(this.listeners.get(responseId) ?? [])].map((listener) => listener.userId))];
  }

  /** The sessions that have event sockets open. */
  sessionHashes(): Set<string> {
    const hashes = new Set<string>();
    for (const set of this.listeners.values()) for (const listener of set) hashes.add(listener.sessionHash);
    return hashes;
  }

  /** Closes the sockets a predicate picks (a member removed, a session ended). */
  closeWhere(predicate: (responseId: string, listener: Listener) => boolean, code: number, reason: string): void {
    for (const [responseId, set] of this.listeners) {
      for (const listener of set) {
        if (predicate(responseId, listener)) listener.sink.close(code, reason);
      }
    }
  }

  private publishPresence(responseId: string): void {
    this.publish(responseId, { type: 'presence', online: this.online(responseId) });
  }
}
