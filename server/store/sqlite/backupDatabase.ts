import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from './openDatabase';

export interface BackupResult {
  file: string;
  bytes: number;
  /** The schema version (PRAGMA user_version) of the copy. */
  schema: number;
  /** Rows of each table in the copy. */
  tables: Array<[string, number]>;
}

/**
 * Copies the data folder's SQLite database to `target` with SQLite's online backup, while the
 * server may be running: the copy is one consistent moment of the database (WAL readers never
 * block the server's writes), checked with PRAGMA integrity_check before it is put in place.
 */
export async function backupDatabase(dataDir: string, target: string): Promise<BackupResult> {
  const source = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(source)) throw new Error(`there is no Countersign database at ${source}`);
  if (fs.existsSync(target)) throw new Error(`${target} exists already; give a new file`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Every remaining page in one step: a write by the server between steps would make SQLite
    // start the copy again.
    await db.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    db.close();
  }
  try {
    fs.chmodSync(partial, 0o600);
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    try {
      const integrity = copy.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`the copy failed SQLite's integrity check: ${String(integrity)}`);
      const schema = copy.pragma('user_version', { simple: true }) as number;
      const names = copy.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
      const tables = names.map(({ name }): [string, number] => [name, copy.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`).get()!.n]);
      fs.renameSync(partial, target);
      return { file: target, bytes: fs.statSync(target).size, schema, tables };
    } finally {
      copy.close();
    }
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
