import type { SqliteDatabase } from './openDatabase';
import type { UpdateStore } from './UpdateStore';

interface PendingAppend {
  sectionId: string;
  data: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * UpdateStore on SQLite. The appends of one turn of the event loop (every room's updates that
 * arrived together) are committed in one transaction: a commit costs the same for one row as for
 * fifty, and no append resolves before its commit.
 */
export class SqliteUpdateStore implements UpdateStore {
  private readonly selectAll;
  private readonly insert;
  private readonly deleteAll;
  private readonly insertBatch;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;

  constructor(private readonly db: SqliteDatabase) {
    this.selectAll = db.prepare<[string], { data: Buffer }>(
      'SELECT data FROM section_updates WHERE section_id = ? ORDER BY id',
    );
    this.insert = db.prepare<[string, Buffer]>('INSERT INTO section_updates (section_id, data) VALUES (?, ?)');
    this.deleteAll = db.prepare<[string]>('DELETE FROM section_updates WHERE section_id = ?');
    this.insertBatch = db.transaction((batch: PendingAppend[]) => {
      for (const append of batch) this.insert.run(append.sectionId, append.data);
    });
  }

  async load(sectionId: string): Promise<Uint8Array[]> {
    this.flush();
    return this.selectAll.all(sectionId).map((row) => new Uint8Array(row.data));
  }

  append(sectionId: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
      this.pending.push({ sectionId, data, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async compact(sectionId: string, state: Uint8Array): Promise<void> {
    // Appends asked for before this compaction are stored before it, so it replaces them.
    this.flush();
    this.db.transaction(() => {
      this.deleteAll.run(sectionId);
      this.insert.run(sectionId, Buffer.from(state.buffer, state.byteOffset, state.byteLength));
    })();
  }

  /** Commits every pending append now (also before the database is closed). */
  flush(): void {
    this.flushScheduled = false;
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
