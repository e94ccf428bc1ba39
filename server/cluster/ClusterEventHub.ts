// The event hub of an instance among several: events published here reach the open pages on
// every instance, and "who has this response open" is the union of every instance's list.
import type { ServerEvent } from '../../shared/api';
import { EventHub } from '../sync/EventHub';
import type { Cluster } from './Cluster';

/** Each instance repeats its lists this often, so that a departed instance's users drop off. */
export const ONLINE_REPEAT_MS = 20_000;
/** Another instance's list is forgotten once this old (it died without saying so). */
const ONLINE_FORGET_MS = 3 * ONLINE_REPEAT_MS;

interface RemoteList {
  userIds: string[];
  at: number;
}

export class ClusterEventHub extends EventHub {
  /** Other instances' lists: instance id -> response id -> who is there. */
  private readonly remote = new Map<string, Map<string, RemoteList>>();
  /** Responses that have had event sockets here, whose (perhaps empty) list is repeated. */
  private readonly announced = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly cluster: Cluster) {
    super();
    this.timer = setInterval(() => this.repeatLists(), ONLINE_REPEAT_MS);
    this.timer.unref();
  }

  override publish(responseId: string, event: ServerEvent): void {
    if (event.type === 'presence') {
      // The hub's own presence event: tell the others our list; pages here get everyone's.
      this.announce(responseId);
      super.publish(responseId, { type: 'presence', online: this.online(responseId) });
      return;
    }
    super.publish(responseId, event);
    this.cluster.publish({ kind: 'event', responseId, event });
  }

  override publishToUser(userId: string, event: ServerEvent): void {
    super.publishToUser(userId, event);
    this.cluster.publish({ kind: 'userEvent', userId, event });
  }

  override online(responseId: string): string[] {
    const now = Date.now();
    const users = new Set(super.online(responseId));
    for (const lists of this.remote.values()) {
      const list = lists.get(responseId);
      if (list && now - list.at < ONLINE_FORGET_MS) for (const userId of list.userIds) users.add(userId);
    }
    return [...users];
  }

  /** Whether any page here has the response open. */
  hasPagesHere(responseId: string): boolean {
    return super.online(responseId).length > 0;
  }

  /** An event another instance published: for the pages here only. */
  publishHere(responseId: string, event: ServerEvent): void {
    super.publish(responseId, event);
  }

  /** A user's event another instance published: for their pages here only. */
  publishToUserHere(userId: string, event: ServerEvent): void {
    super.publishToUser(userId, event);
  }

  /** Another instance's list of who has a response open. */
  takeOnline(from: string, responseId: string, userIds: string[]): void {
    let lists = this.remote.get(from);
    if (!lists) {
      lists = new Map();
      this.remote.set(from, lists);
    }
    const before = this.online(responseId);
    // An instance new to this response has not heard our list yet: it hears it now (once).
    const newcomer = !lists.has(responseId) && userIds.length > 0;
    if (userIds.length === 0) lists.delete(responseId);
    else lists.set(responseId, { userIds, at: Date.now() });
    if (lists.size === 0) this.remote.delete(from);
    const after = this.online(responseId);
    if (!sameUsers(before, after)) super.publish(responseId, { type: 'presence', online: after });
    if (newcomer && super.online(responseId).length > 0) this.announce(responseId);
  }

  close(): void {
    clearInterval(this.timer);
  }

  private announce(responseId: string): void {
    const userIds = super.online(responseId);
    if (userIds.length > 0) this.announced.add(responseId);
    else this.announced.delete(responseId);
    this.cluster.publish({ kind: 'online', responseId, userIds });
  }

  private repeatLists(): void {
    for (const responseId of [...this.announced]) this.announce(responseId);
    // Lists of instances that stopped repeating them go, and pages here are told.
    const now = Date.now();
    for (const [from, lists] of this.remote) {
      for (const [responseId, list] of lists) {
        if (now - list.at < ONLINE_FORGET_MS) continue;
        lists.delete(responseId);
        super.publish(responseId, { type: 'presence', online: this.online(responseId) });
      }
      if (lists.size === 0) this.remote.delete(from);
    }
  }
}

function sameUsers(a: string[], b: string[]): boolean {
  return a.length === b.length && new Set([...a, ...b]).size === a.length;
}
