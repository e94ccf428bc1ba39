// PostgreSQL restarting (a fast shutdown: every session cut off at once) while members on two
// instances type:
// updates not yet stored are retried until the database is back, never acknowledged before, never
// dropped; both instances recover by themselves, and every client ends with every edit, as the
// database does. The PostgreSQL cluster is this test's own (it is stopped and started), even
// when CI provides one. (Not an immediate shutdown: the test cluster runs with fsync and
// synchronous_commit off, for speed, so a crash of it loses commits it had confirmed, as
// PostgreSQL documents; a production database keeps synchronous_commit on.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResponseDetail } from '../../shared/api';
import { docFromUpdates } from '../../server/content/sectionContent';
import { openStore } from '../../server/store/openStore';
import { startChildServer, type ChildServer } from '../helpers/childServer';
import { connectSection, fragmentText, login, sampleResponse, type SectionClient } from '../helpers/clients';
import { MarkerEditor, markerProblems } from '../helpers/markerEditor';
import { testCluster, type TestCluster } from '../helpers/postgres';
import { redisPrefix, startTestRedis, type TestRedis } from '../helpers/redis';
import { seededRandom } from '../helpers/seededRandom';
import { waitFor } from '../helpers/waitFor';

const SEED = Number(process.env.CLUSTER_SEED ?? 0xfa17_2026);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let postgres: TestCluster;
let databaseUrl: string;
let redis: TestRedis;
let a: ChildServer;
let b: ChildServer;
let sample: ResponseDetail;
let cookie: string;
const clients: SectionClient[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([testCluster(), startTestRedis()]);
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE countersign_faults');
  await admin.end();
  const url = new URL(postgres.adminUrl);
  url.pathname = '/countersign_faults';
  databaseUrl = url.toString();
  const env = { COUNTERSIGN_DATABASE_URL: databaseUrl, COUNTERSIGN_REDIS_URL: redis.url, COUNTERSIGN_REDIS_PREFIX: redisPrefix() };
  a = await startChildServer({ env });
  b = await startChildServer({ env });
  cookie = await login(a.url, 'pcc@example.org');
  sample = await sampleResponse(b.url, cookie);
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all([a?.dispose(), b?.dispose()]);
  await redis?.stop();
});

describe('PostgreSQL restarting under two instances', () => {
  it('stores every edit typed on A and on B across a restart, acknowledging none before it is stored', { timeout: 60_000 }, async () => {
    const section = sample.sections.find((s) => s.ownerRole === 'pcc' && s.state === 'drafting')!;
    const editors = [a, b].map((server, i) => {
      const client = connectSection(server.url, cookie, sample.id, section.id, { acks: '1' }, { maxBackoffTime: 300 });
      clients.push(client);
      return new MarkerEditor(i + 1, client, seededRandom(SEED + i));
    });
    await waitFor(() => expect(editors.every((editor) => editor.client.provider.synced)).toBe(true), 20_000);
    let typing = true;
    const loops = editors.map(async (editor) => {
      while (typing) {
        editor.edit();
        await sleep(15);
      }
    });
    await waitFor(() => expect(Math.min(...editors.map((editor) => editor.acknowledged.size))).toBeGreaterThan(10));
    await postgres.stop('fast');
    // Acknowledgements of what was committed before the stop may still be on their way.
    await sleep(300);
    const acknowledgedWhileUp = editors.map((editor) => new Set(editor.acknowledged));
    await sleep(1_000);
    // Nothing was acknowledged while the database was down.
    editors.forEach((editor, i) => expect(editor.acknowledged.size).toBe(acknowledgedWhileUp[i]!.size));
    await postgres.start();
    // Both instances take writes again by themselves.
    await waitFor(() => editors.forEach((editor, i) => expect(editor.acknowledged.size).toBeGreaterThan(acknowledgedWhileUp[i]!.size + 10)), 20_000);
    typing = false;
    await Promise.all(loops);

    const inserted = editors.flatMap((editor) => editor.inserted);
    const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-faults-'));
    const store = await openStore({ dataDir: storeDir, databaseUrl });
    try {
      await waitFor(async () => {
        const stored = fragmentText(docFromUpdates(await store.updates.load(section.id)));
        expect(markerProblems(stored, editors.map((editor) => editor.client.text()), inserted)).toEqual([]);
      }, 20_000, 100);
    } finally {
      await store.close();
      fs.rmSync(storeDir, { recursive: true, force: true });
    }
  });
});
