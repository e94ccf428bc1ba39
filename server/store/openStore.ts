import type { Store } from './Store';
import { openSqliteStore } from './sqlite/openSqliteStore';

/** Opens the store the configuration names: SQLite in the data folder (the embedded default). */
export async function openStore(options: { dataDir: string }): Promise<Store> {
  return openSqliteStore(options.dataDir);
}
