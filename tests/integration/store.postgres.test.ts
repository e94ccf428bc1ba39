// The storage contract on PostgreSQL (a fresh database on a real server: tests/helpers/postgres.ts).
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/store/postgres/migrations';
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

describe('PostgreSQL migrations', () => {
  it('are applied at open, recorded once each, and not again at the next open', async () => {
    const database = await createTestDatabase();
    try {
      // Two instances starting at once: one migrates, the other finds nothing left to do.
      const [a, b] = await Promise.all([openPostgresStore(database.url), openPostgresStore(database.url)]);
      await Promise.all([a.close(), b.close()]);
      const versions = async () => (await queryDatabase<{ version: number }>(database.url, 'SELECT version FROM countersign_migrations ORDER BY version')).map((row) => row.version);
      expect(await versions()).toEqual(MIGRATIONS.map((_, i) => i + 1));
      const again = await openPostgresStore(database.url);
      await again.close();
      expect(await versions()).toEqual(MIGRATIONS.map((_, i) => i + 1));
    } finally {
      await database.drop();
    }
  });

  it('refuse a database from a newer Countersign', async () => {
    const database = await createTestDatabase();
    try {
      await (await openPostgresStore(database.url)).close();
      await queryDatabase(database.url, 'INSERT INTO countersign_migrations (version) VALUES ($1)', [MIGRATIONS.length + 1]);
      await expect(openPostgresStore(database.url)).rejects.toThrow(/newer Countersign/);
    } finally {
      await database.drop();
    }
  });
});
