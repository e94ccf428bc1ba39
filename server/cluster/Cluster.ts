// What instances that share one database tell each other. The database is the record and the
// arbiter (what is stored, in what order, whether a section is signed off); the cluster only
// carries news of it, so that rooms and event sockets on every instance show it at once. A
// message lost (Redis down, an instance restarting) costs liveness, never data: a room can
// always catch up from the database (see ClusterRelay).
import { randomUUID } from 'node:crypto';
import type { ServerEvent } from '../../shared/api';

/** News from one instance to the others. Binary payloads are base64. */
export type ClusterMessage =
  /** An update the sender stored (its row is committed): rooms of that section apply and relay it. */
  | { kind: 'update'; responseId: string; sectionId: string; update: string; userId: string | null }
  /** A presence (awareness) change from the sender's connections to a section. */
  | { kind: 'presence'; responseId: string; sectionId: string; update: string }
  /** A room opened on the sender: rooms of that section elsewhere send it their presence. */
  | { kind: 'presenceQuery'; responseId: string; sectionId: string }
  /** Access may have changed (sign-off, reopen, membership, section removed): ask the gate again. */
  | { kind: 'access'; responseId: string; sectionId: string | null }
  /** An event for a response's open pages. */
  | { kind: 'event'; responseId: string; event: ServerEvent }
  /** An event for one user's open pages. */
  | { kind: 'userEvent'; userId: string; event: ServerEvent }
  /** Who has a response open on the sender (its whole list, replacing the last). */
  | { kind: 'online'; responseId: string; userIds: string[] }
  /** A session ended (sign-out): close its sockets. */
  | { kind: 'session'; sessionHash: string }
  /** The sender may have failed to send news (it lost Redis for a while): catch up from the database. */
  | { kind: 'resync' };

/** The link between instances. */
export interface Cluster {
  /** This instance's id, fresh at each start. */
  readonly instanceId: string;
  /** Whether news reaches the other instances now (false while Redis is unreachable). */
  readonly connected: boolean;
  /** Sends news to every other instance (never back to this one); never throws. */
  publish(message: ClusterMessage): void;
  /** Takes news from the other instances. */
  onMessage(handler: (message: ClusterMessage, from: string) => void): void;
  /** Called after a time in which news from others may have been missed (Redis came back). */
  onResync(handler: () => void): void;
  close(): Promise<void>;
}

/** One instance alone: nothing to tell, nothing to hear. */
export class SingleInstance implements Cluster {
  readonly instanceId = randomUUID();
  readonly connected = true;

  publish(): void {}

  onMessage(): void {}

  onResync(): void {}

  async close(): Promise<void> {}
}
