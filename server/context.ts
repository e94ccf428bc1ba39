import type { AuditEvent } from '../shared/api';
import type { Config } from './config';
import type { NewAuditEvent } from './store/AuditLog';
import type { Store } from './store/Store';
import type { SyncServer } from './sync/SyncServer';

/** What the HTTP routes work with. */
export interface ServerContext {
  config: Config;
  store: Store;
  sync: SyncServer;
}

/** Appends to a response's activity record and pushes the entry to its open pages. */
export function recordActivity(context: Pick<ServerContext, 'store' | 'sync'>, event: NewAuditEvent): AuditEvent {
  const entry = context.store.audit.append(event);
  context.sync.events.publish(event.responseId, { type: 'audit', event: entry });
  return entry;
}

/** Tells a response's open pages that it changed, so they fetch it again. */
export function announceChange(context: Pick<ServerContext, 'sync'>, responseId: string, reason: string): void {
  context.sync.events.publish(responseId, { type: 'changed', reason });
}
