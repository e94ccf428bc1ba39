// The storage contract on PostgreSQL (a fresh database on a real server: tests/helpers/postgres.ts).
import { openPostgresStore } from '../../server/store/postgres/openPostgresStore';
import type { Store } from '../../server/store/Store';
import { createTestDatabase, queryDatabase } from '../helpers/postgres';
import { describeStoreContract } from '../store/storeContract';

describeStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  let store: Store = await openPostgresStore(database.url);
  return {
    get store() {
      return store;
    },
    raw: (sql) => queryDatabase(database.url, sql),
    async reopen() {
      await store.close();
      store = await openPostgresStore(database.url);
    },
    async dispose() {
      await store.close();
      await database.drop();
    },
  };
});
