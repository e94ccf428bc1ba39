import type pg from 'pg';
import { inTransaction } from './PgConnection';
import { MIGRATIONS } from './migrations';

/** The advisory lock that lets one instance at a time migrate ("Coun" in ASCII). */
const MIGRATION_LOCK = 0x436f756e;

/**
 * Applies the migrations not yet recorded in `countersign_migrations`, all in one transaction.
 * Instances starting together take turns (an advisory lock): the first migrates, the others
 * find nothing left to do. READ COMMITTED, so that what is read after the lock is granted is
 * what the instance before us committed (a SERIALIZABLE snapshot would date from before the wait).
 */
export async function migrate(pool: pg.Pool): Promise<{ applied: number; version: number }> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS countersign_migrations (
      version integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const current = (await client.query<{ version: number }>('SELECT COALESCE(MAX(version), 0) AS version FROM countersign_migrations')).rows[0]!.version;
    if (current > MIGRATIONS.length) {
      throw new Error(`The database is from a newer Countersign (schema ${current}); refusing to open it`);
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version]!);
      await client.query('INSERT INTO countersign_migrations (version) VALUES ($1)', [version + 1]);
    }
    return { applied: MIGRATIONS.length - current, version: MIGRATIONS.length };
  }, 'READ COMMITTED');
}
