import type { AuthorshipRange } from '../../history/authorship';
import { SectionLockedError } from '../errors';
import { coveredRows } from '../stateCoverage';
import type { UpdateAuthor, UpdateStore } from '../UpdateStore';
import { type UpdateRow, type AuthorshipRow, toBuffer, rangesOfRows, toAuthorshipRange } from '../rows/updateRows';
import type { Sql } from './PgConnection';

interface PendingAppend {
  sectionId: string;
  data: Buffer;
  author: UpdateAuthor | null;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// Rows in the order of the arrays, refusing signed-off sections (see the function in migrations.ts).
const APPEND_ROWS = 'SELECT countersign_append_updates($1::text[], $2::bytea[], $3::text[], $4::timestamptz[]) AS refused';

/** Appends wait at most this many to a statement (four parameters each, far below PostgreSQL's limits). */
const MAX_ROWS_PER_INSERT = 1_000;

/**
 * The appends of one turn of the event loop (every room's updates that arrived together), written
 * in one INSERT: a commit costs the same for one row as for fifty, and no append resolves before
 * its commit. One write at a time: while one commits, the next turns' appends gather for the next,
 * so under load the batches grow instead of the round trips.
 */
export class AppendQueue {
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private writing: Promise<void> | null = null;
  /** Settles when the latest append asked for has been written or has failed. */
  private latest: Promise<void> = Promise.resolve();

  constructor(private readonly sql: Sql) {}

  append(sectionId: string, update: Uint8Array, author: UpdateAuthor | null): Promise<void> {
    const appended = new Promise<void>((resolve, reject) => {
      this.pending.push({ sectionId, data: toBuffer(update), author, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.drain();
      });
    });
    this.latest = appended.then(
      () => undefined,
      () => undefined,
    );
    return appended;
  }

  /**
   * Resolves once every append asked for so far has been written (or has failed). Appends are
   * written in order, so that is when the latest one settles; later ones are not waited for.
   */
  flushed(): Promise<void> {
    if (this.pending.length > 0) void this.drain();
    return this.latest;
  }

  private drain(): Promise<void> {
    this.writing ??= this.writeAll().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  private async writeAll(): Promise<void> {
    while (this.pending.length > 0) await this.write(this.pending.splice(0, MAX_ROWS_PER_INSERT));
  }

  private async write(batch: PendingAppend[]): Promise<void> {
    try {
      const refused = await appendRows(this.sql, batch);
      for (const append of batch) {
        if (refused.has(append.sectionId)) append.reject(new SectionLockedError(append.sectionId));
        else append.resolve();
      }
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One row the database refuses must not fail the others: each on its own, so only the
      // appends that really fail are retried by their rooms.
      for (const append of batch) {
        try {
          if ((await appendRows(this.sql, [append])).has(append.sectionId)) append.reject(new SectionLockedError(append.sectionId));
          else append.resolve();
        } catch (rowError) {
          append.reject(rowError);
        }
      }
    }
  }
}

/** Appends rows in one round trip; resolves with the sections refused (signed off). */
async function appendRows(sql: Sql, batch: Array<Pick<PendingAppend, 'sectionId' | 'data' | 'author'>>): Promise<Set<string>> {
  const { rows } = await sql.query<{ refused: string }>(APPEND_ROWS, [
    batch.map((append) => append.sectionId),
    batch.map((append) => append.data),
    batch.map((append) => append.author?.userId ?? null),
    batch.map((append) => append.author?.at ?? null),
  ]);
  return new Set(rows.map((row) => row.refused));
}

/** Adds rows as they are (a compacted state), without the sign-off check. */
async function insertRows(sql: Sql, rows: Array<{ sectionId: string; data: Buffer }>): Promise<void> {
  await sql.query('INSERT INTO section_updates (section_id, data) SELECT * FROM unnest($1::text[], $2::bytea[])', [
    rows.map((row) => row.sectionId),
    rows.map((row) => row.data),
  ]);
}

/**
 * UpdateStore on PostgreSQL (the tables `section_updates` and `section_authorship`). On the pool
 * its appends go through an AppendQueue; in a transaction they are part of it.
 */
export class PgUpdateStore implements UpdateStore {
  constructor(
    private readonly sql: Sql,
    private readonly queue: AppendQueue | null,
  ) {}

  async load(sectionId: string): Promise<Uint8Array[]> {
    await this.queue?.flushed();
    // As base64 rather than pg's hex: a large section's state arrives as text a third bigger
    // than its bytes, not twice as big (and is decoded straight into them).
    const { rows } = await this.sql.query<{ data: string }>("SELECT encode(data, 'base64') AS data FROM section_updates WHERE section_id = $1 ORDER BY id", [sectionId]);
    return rows.map((row) => new Uint8Array(Buffer.from(row.data, 'base64')));
  }

  async append(sectionId: string, update: Uint8Array, author: UpdateAuthor | null = null): Promise<void> {
    if (this.queue) return this.queue.append(sectionId, update, author);
    if ((await appendRows(this.sql, [{ sectionId, data: toBuffer(update), author }])).has(sectionId)) throw new SectionLockedError(sectionId);
  }

  async compact(sectionId: string, state: Uint8Array): Promise<void> {
    // Appends asked for before this compaction are stored before it, so it replaces them.
    await this.queue?.flushed();
    await this.sql.atomically(async (sql) => {
      // Only rows read here are replaced (by id): one another instance appends meanwhile stays.
      const { rows } = await sql.query<UpdateRow>('SELECT id, data, user_id, at FROM section_updates WHERE section_id = $1 ORDER BY id FOR UPDATE', [
        sectionId,
      ]);
      // A row another instance stored that this state does not hold yet stays as it is. Who wrote
      // what moves from the rows the state covers into the merged ranges before the rows go.
      const { covered, ranges } = coveredRows(
        state,
        rows.map((row) => ({ id: row.id, data: new Uint8Array(row.data), userId: row.user_id, at: row.at })),
      );
      if (ranges.length > 0) {
        await sql.query(
          `INSERT INTO section_authorship (section_id, kind, client, clock, length, user_id, at)
           SELECT $1, r.kind, r.client, r.clock, r.length, r.user_id, r.at
           FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::timestamptz[]) WITH ORDINALITY
             AS r(kind, client, clock, length, user_id, at, n)
           ORDER BY r.n`,
          [
            sectionId,
            ranges.map((range) => range.kind),
            ranges.map((range) => range.client),
            ranges.map((range) => range.clock),
            ranges.map((range) => range.length),
            ranges.map((range) => range.userId),
            ranges.map((range) => range.at),
          ],
        );
      }
      const last = covered[covered.length - 1];
      if (!last) {
        await insertRows(sql, [{ sectionId, data: toBuffer(state) }]);
        return;
      }
      // The state takes the place of the last row it replaces.
      await sql.query('DELETE FROM section_updates WHERE id = ANY($1::bigint[])', [covered.slice(0, -1).map((row) => row.id)]);
      await sql.query('UPDATE section_updates SET data = $2, user_id = NULL, at = NULL WHERE id = $1', [last.id, toBuffer(state)]);
    });
  }

  async authorship(sectionId: string): Promise<AuthorshipRange[]> {
    await this.queue?.flushed();
    // One statement, so one snapshot: a compaction moving rows into ranges meanwhile is seen
    // whole or not at all, never twice or not at all.
    const { rows } = await this.sql.query<AuthorshipRow & { compacted: boolean; data: Buffer | null }>(
      `SELECT true AS compacted, id, kind, client, clock, length, user_id, at, NULL::bytea AS data
         FROM section_authorship WHERE section_id = $1
       UNION ALL
       SELECT false, id, NULL, NULL, NULL, NULL, user_id, at, data
         FROM section_updates WHERE section_id = $1
       ORDER BY compacted DESC, id`,
      [sectionId],
    );
    const compacted = rows.filter((row) => row.compacted).map(toAuthorshipRange);
    const stored = rows.filter((row) => !row.compacted).map((row) => ({ data: row.data!, user_id: row.user_id, at: row.at }));
    return [...compacted, ...rangesOfRows(stored)];
  }

  async deleteSection(sectionId: string): Promise<void> {
    await this.queue?.flushed();
    await this.sql.atomically(async (sql) => {
      await sql.query('DELETE FROM section_updates WHERE section_id = $1', [sectionId]);
      await sql.query('DELETE FROM section_authorship WHERE section_id = $1', [sectionId]);
    });
  }

  /** Writes every pending append (before the pool is closed, say). */
  async flush(): Promise<void> {
    await this.queue?.flushed();
  }
}
