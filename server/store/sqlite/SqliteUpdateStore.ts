import type { AuthorshipRange } from '../../history/authorship';
import { SectionLockedError } from '../errors';
import { coveredRows } from '../stateCoverage';
import type { UpdateAuthor, UpdateStore } from '../UpdateStore';
import { type UpdateRow, type AuthorshipRow, toBuffer, rangesOfRows, toAuthorshipRange } from '../rows/updateRows';
import type { SqliteConnection } from './SqliteConnection';

interface PendingAppend {
  sectionId: string;
  data: Buffer;
  author: UpdateAuthor | null;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * UpdateStore on SQLite (the tables `section_updates` and `section_authorship`). The appends of
 * one turn of the event loop (every room's updates that arrived together) are committed in one
 * transaction: a commit costs the same for one row as for fifty, and no append resolves before
 * its commit. An append to a signed-off section is refused when it would be committed.
 */
export class SqliteUpdateStore implements UpdateStore {
  private readonly selectAll;
  private readonly selectWithAuthors;
  private readonly insert;
  private readonly deleteAll;
  private readonly deleteOne;
  private readonly sectionState;
  private readonly insertBatch;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;

  constructor(private readonly conn: SqliteConnection) {
    const { db } = conn;
    this.selectAll = db.prepare<[string], { data: Buffer }>('SELECT data FROM section_updates WHERE section_id = ? ORDER BY id');
    this.selectWithAuthors = db.prepare<[string], UpdateRow>('SELECT id, data, user_id, at FROM section_updates WHERE section_id = ? ORDER BY id');
    this.insert = db.prepare<[string, Buffer, string | null, string | null]>('INSERT INTO section_updates (section_id, data, user_id, at) VALUES (?, ?, ?, ?)');
    this.deleteAll = db.prepare<[string]>('DELETE FROM section_updates WHERE section_id = ?');
    this.deleteOne = db.prepare<[number]>('DELETE FROM section_updates WHERE id = ?');
    // The batch's signed-off sections in one statement (their ids as one JSON array).
    this.sectionState = db.prepare<[string], { id: string }>(
      "SELECT s.id FROM json_each(?) AS j JOIN sections AS s ON s.id = j.value WHERE s.state = 'signed_off'",
    );
    this.insertBatch = db.transaction((batch: PendingAppend[]) => {
      for (const append of batch) this.insertOne(append);
    });
  }

  load(sectionId: string): Promise<Uint8Array[]> {
    return this.conn.run(() => {
      this.flushNow();
      return this.selectAll.all(sectionId).map((row) => new Uint8Array(row.data));
    });
  }

  append(sectionId: string, update: Uint8Array, author: UpdateAuthor | null = null): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ sectionId, data: toBuffer(update), author, resolve, reject });
      this.scheduleFlush();
    });
  }

  compact(sectionId: string, state: Uint8Array): Promise<void> {
    return this.conn.run(() => {
      // Appends asked for before this compaction are stored before it, so it replaces them.
      this.flushNow();
      this.conn.db.transaction(() => {
        const rows = this.selectWithAuthors.all(sectionId).map((row) => ({ id: row.id, data: new Uint8Array(row.data), userId: row.user_id, at: row.at }));
        // Who wrote what moves from the rows the state covers into the merged ranges before the rows go.
        const { covered, ranges } = coveredRows(state, rows);
        const insertRange = this.conn.sql(
          'INSERT INTO section_authorship (section_id, kind, client, clock, length, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        for (const range of ranges) insertRange.run(sectionId, range.kind, range.client, range.clock, range.length, range.userId, range.at);
        if (covered.length === rows.length) this.deleteAll.run(sectionId);
        else for (const row of covered) this.deleteOne.run(row.id);
        this.insert.run(sectionId, toBuffer(state), null, null);
      })();
    });
  }

  authorship(sectionId: string): Promise<AuthorshipRange[]> {
    return this.conn.run(() => {
      this.flushNow();
      const compacted = this.conn
        .sql<[string], AuthorshipRow>('SELECT kind, client, clock, length, user_id, at FROM section_authorship WHERE section_id = ? ORDER BY id')
        .all(sectionId)
        .map(toAuthorshipRange);
      return [...compacted, ...rangesOfRows(this.selectWithAuthors.all(sectionId))];
    });
  }

  deleteSection(sectionId: string): Promise<void> {
    return this.conn.run(() => {
      this.flushNow();
      this.conn.db.transaction(() => {
        this.deleteAll.run(sectionId);
        this.conn.sql('DELETE FROM section_authorship WHERE section_id = ?').run(sectionId);
      })();
    });
  }

  /** Commits every pending append (before the database is closed, say). */
  flush(): Promise<void> {
    return this.conn.run(() => this.flushNow());
  }

  private insertOne(append: PendingAppend): void {
    this.insert.run(append.sectionId, append.data, append.author?.userId ?? null, append.author?.at ?? null);
  }

  /** The sections of a batch that are signed off, looked up once each. */
  private lockedSections(batch: PendingAppend[]): Set<string> {
    const ids = new Set<string>();
    for (const append of batch) ids.add(append.sectionId);
    return new Set(this.sectionState.all(JSON.stringify([...ids])).map((row) => row.id));
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
    if (this.pending.length === 0) return;
    if (this.conn.inOwnTransaction) {
      // Not inside someone's transaction: its rollback would take rows already acknowledged.
      void this.conn.released().then(() => this.scheduleFlush());
      return;
    }
    let batch = this.pending;
    this.pending = [];
    const locked = this.lockedSections(batch);
    if (locked.size > 0) {
      for (const append of batch) if (locked.has(append.sectionId)) append.reject(new SectionLockedError(append.sectionId));
      batch = batch.filter((append) => !locked.has(append.sectionId));
      if (batch.length === 0) return;
    }
    try {
      this.insertBatch(batch);
      for (const append of batch) append.resolve();
    } catch {
      // One row the database refuses must not fail the others: each on its own, so only the
      // appends that really fail are retried by their rooms.
      for (const append of batch) {
        try {
          this.insertOne(append);
          append.resolve();
        } catch (error) {
          append.reject(error);
        }
      }
    }
  }
}
