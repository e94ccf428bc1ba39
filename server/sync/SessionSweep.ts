// Ends the sockets of sessions that ended without a sign-out: past their fixed lifetime, or
// deleted (found idle by a request, ended by a password change elsewhere). A socket is
// authenticated once, at its upgrade; without this it would outlive its session for as long as
// it stayed open. Idleness is the HTTP side's to judge: an open socket is not a reason to end.
import { log } from '../log';
import type { Stores } from '../store/Store';
import type { SyncServer } from './SyncServer';

/** How often the sessions behind open sockets are checked, at most. */
export const SESSION_SWEEP_MS = 30_000;

export class SessionSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly options: {
      store: Pick<Stores, 'sessions'>;
      sync: Pick<SyncServer, 'rooms' | 'events' | 'closeSession'>;
      /** Sweeps this often; a quarter of the sessions' lifetime when that is shorter. */
      intervalMs: number;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Checks each session that has sockets open now; closes those of sessions that ended (4401). */
  sweep(now: Date = new Date()): Promise<void> {
    this.running ??= this.check(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async check(now: Date): Promise<void> {
    const { store, sync } = this.options;
    const hashes = new Set<string>();
    for (const room of sync.rooms.all()) {
      for (const connection of room.connections) if (!connection.isClosed) hashes.add(connection.identity.sessionHash);
    }
    for (const hash of sync.events.sessionHashes()) hashes.add(hash);
    for (const hash of hashes) {
      try {
        if (!(await store.sessions.find(hash, now))) sync.closeSession(hash);
      } catch (error) {
        log.error('sessions.sweep_failed', { error: String(error) });
        return;
      }
    }
  }
}
