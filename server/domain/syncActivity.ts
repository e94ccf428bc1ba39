// What the sync rooms report, put on the activity record without letting one member flood it:
// refused writes are recorded once per member and section an hour, with how many there were.
import { log } from '../log';
import type { RoomHooks } from '../sync/RoomOptions';
import { recordActivity, type ActivityContext } from './activity';

const WINDOW_MS = 60 * 60 * 1000;

interface Window {
  responseId: string;
  sectionId: string;
  actor: { userId: string; name: string };
  start: string;
  count: number;
}

export class SyncActivity {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly context: ActivityContext) {}

  /** The hooks to give the rooms. */
  readonly hooks: RoomHooks = {
    onRefusedWrite: (room, connection) => {
      const actor = { userId: connection.identity.userId, name: connection.identity.name };
      this.refused(room.responseId, room.sectionId, actor);
    },
    onLargeDeletion: (room, connection, deleted, before) => {
      const share = before > 0 ? Math.round((deleted / before) * 100) : 100;
      this.record({
        responseId: room.responseId,
        actor: { userId: connection.identity.userId, name: connection.identity.name },
        action: 'text.deleted',
        sectionId: room.sectionId,
        detail: `Deleted ${deleted.toLocaleString('en-GB')} characters in one change (${share}% of the section's text)`,
      });
    },
  };

  private refused(responseId: string, sectionId: string, actor: Window['actor']): void {
    const key = `${sectionId}/${actor.userId}`;
    const now = new Date();
    const open = this.windows.get(key);
    if (open && now.getTime() - Date.parse(open.start) < WINDOW_MS) {
      open.count += 1;
      return;
    }
    if (open) this.summarise(open);
    this.windows.set(key, { responseId, sectionId, actor, start: now.toISOString(), count: 1 });
    this.record({ responseId, actor, action: 'write.refused', sectionId, detail: 'An edit to a section this member may not write was refused' });
  }

  /** Writes the counts still open (on shutdown). */
  flush(): Promise<void> {
    const pending = [...this.windows.values()].map((window) => this.summarise(window));
    this.windows.clear();
    return Promise.all(pending).then(() => undefined);
  }

  private summarise(window: Window): Promise<void> {
    if (window.count <= 1) return Promise.resolve();
    return this.record({
      responseId: window.responseId,
      actor: window.actor,
      action: 'write.refused',
      sectionId: window.sectionId,
      detail: `${window.count} edits to a section this member may not write were refused since ${window.start}`,
    });
  }

  private record(event: Parameters<typeof recordActivity>[1]): Promise<void> {
    return recordActivity(this.context, event).then(
      () => undefined,
      (error: unknown) => log.error('audit.append_failed', { action: event.action, error: String(error) }),
    );
  }
}
