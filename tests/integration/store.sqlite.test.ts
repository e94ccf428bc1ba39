// The storage contract on SQLite (the embedded default).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../server/store/sqlite/openSqliteStore';
import { DATABASE_FILE } from '../../server/store/sqlite/openDatabase';
import type { Store } from '../../server/store/Store';
import { describeStoreContract } from '../store/storeContract';

describeStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-contract-'));
  let store: Store = openSqliteStore(dir);
  return {
    get store() {
      return store;
    },
    async raw(sql) {
      // A second connection to the file, as anyone with access to the data folder has.
      const db = new Database(path.join(dir, DATABASE_FILE));
      try {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all() as Array<Record<string, unknown>>;
        statement.run();
        return [];
      } finally {
        db.close();
      }
    },
    async reopen() {
      await store.close();
      store = openSqliteStore(dir);
    },
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
