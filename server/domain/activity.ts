import type { AuditEvent } from '../../shared/api';
import type { NewAuditEvent } from '../store/records';
import type { Stores } from '../store/Store';
import type { EventHub } from '../sync/EventHub';

/** What recording activity needs: the store, and the open pages to push entries to. */
export interface ActivityContext {
  store: Stores;
  sync: { events: EventHub };
}

/** Appends to a response's activity record and pushes the entry to its open pages. */
export async function recordActivity(context: ActivityContext, event: NewAuditEvent): Promise<AuditEvent> {
  const entry = await context.store.audit.append(event);
  context.sync.events.publish(event.responseId, { type: 'audit', event: entry });
  return entry;
}

/** Tells a response's open pages that it changed, so they fetch it again. */
export function announceChange(context: { sync: { events: EventHub } }, responseId: string, reason: string): void {
  context.sync.events.publish(responseId, { type: 'changed', reason });
}

/** Who did something, as the activity record names them. */
export function actorOf(user: { id: string; name: string }): { userId: string; name: string } {
  return { userId: user.id, name: user.name };
}
