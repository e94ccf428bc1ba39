import type { UpdateStore } from '../UpdateStore';
import type { SqliteConnection } from './SqliteConnection';

interface PendingAppend {
  sectionId: string;
  data: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * UpdateStore on SQLite (the table `section_updates`). The appends of one turn of the event loop
 * (every room's updates that arrived together) are committed in one transaction: a commit costs
 * the same for one row as for fifty, and no append resolves before its commit.
 */
export class SqliteUpdateStore implements UpdateStore {
  private readonly selectAll;
  private readonly insert;
  private readonly deleteAll;
  private readonly insertBatch;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;

  constructor(private readonly conn: SqliteConnection) {
    const { db } = conn;
    this.selectAll = db.prepare<[string], { data: Buffer }>('SELECT data FROM section_updates WHERE section_id = ? ORDER BY id');
    this.insert = db.prepare<[string, Buffer]>('INSERT INTO section_updates (section_id, data) VALUES (?, ?)');
    this.deleteAll = db.prepare<[string]>('DELETE FROM section_updates WHERE section_id = ?');
    this.insertBatch = db.transaction((batch: PendingAppend[]) => {
      for (const append of batch) this.insert.run(append.sectionId, append.data);
    });
  }

  load(sectionId: string): Promise<Uint8Array[]> {
    return this.conn.run(() => {
      this.flushNow();
      return this.selectAll.all(sectionId).map((row) => new Uint8Array(row.data));
    });
  }

  append(sectionId: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ sectionId, data: toBuffer(update), resolve, reject });
      this.scheduleFlush();
    });
  }

  compact(sectionId: string, state: Uint8Array): Promise<void> {
    return this.conn.run(() => {
      // Appends asked for before this compaction are stored before it, so it replaces them.
      this.flushNow();
      this.conn.db.transaction(() => {
        this.deleteAll.run(sectionId);
        this.insert.run(sectionId, toBuffer(state));
      })();
    });
  }

  deleteSection(sectionId: string): Promise<void> {
    return this.conn.run(() => {
      this.flushNow();
      this.deleteAll.run(sectionId);
    });
  }

  /** Commits every pending append (before the database is closed, say). */
  flush(): Promise<void> {
    return this.conn.run(() => this.flushNow());
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      // Not inside someone's open transaction: its rollback would take our rows with it.
      void this.conn.run(() => {
        this.flushScheduled = false;
        this.flushNow();
      });
    });
  }

  private flushNow(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    try {
      this.insertBatch(batch);
      for (const append of batch) append.resolve();
    } catch {
      // One row the database refuses must not fail the others: each on its own, so only the
      // appends that really fail are retried by their rooms.
      for (const append of batch) {
        try {
          this.insert.run(append.sectionId, append.data);
          append.resolve();
        } catch (error) {
          append.reject(error);
        }
      }
    }
  }
}
