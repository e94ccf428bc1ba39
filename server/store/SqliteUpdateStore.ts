import type { SqliteDatabase } from './openDatabase';
import type { UpdateStore } from './UpdateStore';

/** UpdateStore on SQLite. better-sqlite3 is synchronous, so each call is done when it returns. */
export class SqliteUpdateStore implements UpdateStore {
  private readonly selectAll;
  private readonly insert;
  private readonly deleteAll;

  constructor(private readonly db: SqliteDatabase) {
    this.selectAll = db.prepare<[string], { data: Buffer }>(
      'SELECT data FROM section_updates WHERE section_id = ? ORDER BY id',
    );
    this.insert = db.prepare<[string, Buffer]>('INSERT INTO section_updates (section_id, data) VALUES (?, ?)');
    this.deleteAll = db.prepare<[string]>('DELETE FROM section_updates WHERE section_id = ?');
  }

  async load(sectionId: string): Promise<Uint8Array[]> {
    return this.selectAll.all(sectionId).map((row) => new Uint8Array(row.data));
  }

  async append(sectionId: string, update: Uint8Array): Promise<void> {
    this.insert.run(sectionId, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
  }

  async compact(sectionId: string, state: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.deleteAll.run(sectionId);
      this.insert.run(sectionId, Buffer.from(state.buffer, state.byteOffset, state.byteLength));
    })();
  }
}
