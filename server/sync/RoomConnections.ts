import { encodeSyncStep1, encodeUpdate } from '../../shared/syncMessages';
import { SharedMessage } from './binaryFrame';
import type { Connection } from './Connection';

/**
 * A room's connections, and those still waiting for our state vector. Our state vector only
 * asks a client for what it has that we lack (a client is synced by our answer to its own
 * SyncStep1), so it can wait until the document is built.
 */
export class RoomConnections {
  readonly all = new Set<Connection>();
  private readonly waiting = new Set<Connection>();

  get size(): number {
    return this.all.size;
  }

  add(connection: Connection): void {
    this.all.add(connection);
  }

  /** Removes a connection; false if it was not here. */
  remove(connection: Connection): boolean {
    this.waiting.delete(connection);
    return this.all.delete(connection);
  }

  /** Sends a connection our state vector, or keeps it waiting while there is none yet (null). */
  greet(connection: Connection, stateVector: Uint8Array | null): void {
    if (stateVector) connection.send(encodeSyncStep1(stateVector));
    else this.waiting.add(connection);
  }

  /** The document is built: every waiting connection gets its state vector. */
  greetWaiting(stateVector: Uint8Array): void {
    for (const connection of this.waiting) connection.send(encodeSyncStep1(stateVector));
    this.waiting.clear();
  }

  /** Relays an update to every connection but `from`, as one shared encoding. */
  relay(update: Uint8Array, from: Connection | null): void {
    const message = new SharedMessage(encodeUpdate(update));
    for (const connection of this.all) {
      if (connection !== from) connection.sendShared(message);
    }
  }

  /** Closes every connection (the sockets' close handlers remove them). */
  closeAll(code: number, reason: string): void {
    for (const connection of this.all) connection.close(code, reason);
  }

  /** The room is going: nobody is waiting for a greeting any more. */
  stopGreeting(): void {
    this.waiting.clear();
  }
}
