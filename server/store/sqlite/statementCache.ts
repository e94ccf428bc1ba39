import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './openDatabase';

/**
 * `db.prepare` that compiles each SQL text once and hands back the same statement after that:
 * the stores run the same few queries on every request and every socket upgrade.
 */
export function statementCache(db: SqliteDatabase): SqliteDatabase['prepare'] {
  const statements = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return prepare as SqliteDatabase['prepare'];
}
