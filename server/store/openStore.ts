import type { Store } from './Store';
import { openPostgresStore } from './postgres/openPostgresStore';
import { openSqliteStore } from './sqlite/openSqliteStore';

/**
 * Opens the store the configuration names: PostgreSQL when `databaseUrl` is a postgres:// URL,
 * else SQLite in the data folder (the embedded default).
 */
export async function openStore(options: { dataDir: string; databaseUrl?: string | null }): Promise<Store> {
  if (options.databaseUrl) return openPostgresStore(options.databaseUrl);
  return openSqliteStore(options.dataDir);
}
