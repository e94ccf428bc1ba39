// One SQL statement on a test server's database from a connection of its own, as anyone with
// access to the data folder or the database server could run it: SQLite or PostgreSQL, whichever
// the server is on. Portable SQL only.
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../server/store/sqlite/openDatabase';
import { queryDatabase } from './postgres';
import type { TestServer } from './server';

/** Runs `sql` and resolves with the rows it returns (none for a statement that returns none). */
export async function directQuery(server: Pick<TestServer, 'dataDir' | 'database'>, sql: string): Promise<Array<Record<string, unknown>>> {
  if (server.database) return queryDatabase(server.database.url, sql);
  const db = new Database(path.join(server.dataDir, DATABASE_FILE));
  try {
    const statement = db.prepare(sql);
    if (statement.reader) return statement.all() as Array<Record<string, unknown>>;
    statement.run();
    return [];
  } finally {
    db.close();
  }
}
