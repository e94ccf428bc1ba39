import fs from 'node:fs';
import path from 'node:path';
import { openPostgresDump } from '../postgres/PgDump';
import { DATABASE_FILE } from '../sqlite/openDatabase';
import { openSqliteDump } from '../sqlite/SqliteDump';
import type { DatabaseDump } from './DatabaseDump';

/**
 * The configured database for export or import: PostgreSQL at `databaseUrl`, else SQLite in
 * `dataDir`. An export never creates a database (`mustExist`); an import may.
 */
export async function openDump(options: { dataDir: string; databaseUrl: string | null; mustExist: boolean }): Promise<DatabaseDump> {
  if (options.databaseUrl) return openPostgresDump(options.databaseUrl);
  const file = path.join(options.dataDir, DATABASE_FILE);
  if (options.mustExist && !fs.existsSync(file)) throw new Error(`there is no Countersign database at ${file}`);
  return openSqliteDump(options.dataDir);
}
