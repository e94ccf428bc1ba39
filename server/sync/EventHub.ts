import type { WebSocket } from 'ws';
import type { ServerEvent } from '../../shared/api';
import { MAX_BUFFERED_BYTES } from './limits';

interface Listener {
  socket: WebSocket;
  userId: string;
  sessionHash: string;
}

/** The key of the event sockets that follow no response, only their user's notifications (`/events`). */
export const USER_STREAM = '#user';

/**
 * The event sockets of open response pages: the server pushes changes (sign-offs, members,
 * publication, activity) and presence (who has the response open) to them at once.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  add(responseId: string, listener: Listener): void {
    let set = this.listeners.get(responseId);
    if (!set) {
      set = new Set();
      this.listeners.set(responseId, set);
    }
    set.add(listener);
    listener.socket.on('close', () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(responseId);
      if (responseId !== USER_STREAM) this.publishPresence(responseId);
    });
    if (responseId !== USER_STREAM) this.publishPresence(responseId);
  }

  /** Sends an event to every open page of one user, whatever response (if any) it shows. */
  publishToUser(userId: string, event: ServerEvent): void {
    const text = JSON.stringify(event);
    for (const set of this.listeners.values()) {
      for (const { socket, userId: owner } of set) {
        if (owner !== userId || socket.readyState !== socket.OPEN) continue;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) socket.terminate();
        else socket.send(text);
      }
    }
  }

  /** Sends an event to every open page of a response. */
  publish(responseId: string, event: ServerEvent): void {
    const set = this.listeners.get(responseId);
    if (!set) return;
    const text = JSON.stringify(event);
    for (const { socket } of set) {
      if (socket.readyState !== socket.OPEN) continue;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) socket.terminate();
      else socket.send(text);
    }
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
        if (predicate(responseId, listener)) listener.socket.close(code, reason);
      }
    }
  }

  private publishPresence(responseId: string): void {
    this.publish(responseId, { type: 'presence', online: this.online(responseId) });
  }
}
