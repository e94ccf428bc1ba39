// history.test.ts again, with the server on PostgreSQL: every CI run, so the two databases cannot drift.
import '../helpers/onPostgres';
import { expect, it } from 'vitest';
import { startTestServer } from '../helpers/server';
import './history.test';

it('runs these tests with the server on PostgreSQL', async () => {
  const server = await startTestServer({ demo: false });
  try {
    expect(server.database?.url).toMatch(/^postgres:\/\//);
    expect(server.server.context.config.databaseUrl).toBe(server.database?.url);
  } finally {
    await server.dispose();
  }
});
