// Moving a deployment's whole record between databases with `countersign export` and `import`:
// SQLite -> PostgreSQL -> SQLite, equal by counts and hashes at every step, and the moved
// record served as it was; damaged files and occupied databases refused without a trace; and
// `countersign backup`, a consistent copy of the embedded database while the server writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUMP_TABLES } from '../../server/store/dump/tables';
import { openSqliteStore } from '../../server/store/sqlite/openSqliteStore';
import type { AuditPage, PublicationInfo, ResponseDetail, Thread } from '../../shared/api';
import { runCountersign, onPostgres, onSqlite, type CliRun } from '../helpers/cli';
import { api, appendParagraph, connectSection, fragmentText, login, serverRoundTrip } from '../helpers/clients';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../helpers/postgres';
import { demoCookies, publishSample, writeSection, type DemoCookies } from '../helpers/publishSample';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';
import { docFromUpdates } from '../../server/content/sectionContent';

let server: TestServer;
let cookies: DemoCookies;
let sample: ResponseDetail;
let publication: PublicationInfo;
/** What the source server answered before the move. */
let before: { detail: ResponseDetail; audit: AuditPage; threads: Thread[]; html: string };
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-move-'));
const databases: TestDatabase[] = [];

const file = (name: string) => path.join(folder, name);

/** The summary line of an export file: every table's count and hash. */
function summaryOf(exported: string): { summary: Record<string, { rows: number; sha256: string }>; sha256: string } {
  const lines = fs.readFileSync(exported, 'utf8').trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as { summary: Record<string, { rows: number; sha256: string }>; sha256: string };
}

/** Everything in an export file but its first line (when and from where it was exported). */
function bodyOf(exported: string): string {
  return fs.readFileSync(exported, 'utf8').split('\n').slice(1).join('\n');
}

function expectSuccess(run: CliRun): void {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  // The source: SQLite, whatever COUNTERSIGN_TEST_STORE says.
  server = await startTestServer({ config: { databaseUrl: null } });
  cookies = await demoCookies(server.url);
  const draft = (await api<{ responses: Array<{ id: string; title: string }> }>(server.url, cookies.pcc, 'GET', '/api/responses')).body.responses;
  const sampleId = draft.find((response) => response.title.includes('Wiltshire'))!.id;
  const detail = (await api<ResponseDetail>(server.url, cookies.pcc, 'GET', `/api/responses/${sampleId}`)).body;
  const prose = detail.sections.find((section) => section.ownerRole === 'pcc' && section.kind === 'prose')!;
  // Text with authorship (compacted when the writer leaves), a thread with a reply, an invitation, a suggestion.
  await writeSection(server.url, cookies.pcc, sampleId, prose.id, 'Moved with everything else — “quoted”, ünïcode and all.');
  const thread = await api<Thread>(server.url, cookies.chief, 'POST', `/api/responses/${sampleId}/threads`, { sectionId: prose.id, body: 'Is this figure right?' });
  expect(thread.status).toBe(201);
  await api(server.url, cookies.pcc, 'POST', `/api/responses/${sampleId}/threads/${thread.body.id}/comments`, { body: 'Yes: checked with finance.' });
  expect((await api(server.url, cookies.pcc, 'POST', `/api/responses/${sampleId}/invitations`, { email: 'deputy@example.org', role: 'pcc', capacity: 'drafter' })).status).toBe(201);
  const { store } = server.server.context;
  const suggestion = await store.suggestions.create({
    responseId: sampleId,
    sectionId: prose.id,
    anchor: { start: 'AQID', end: 'BAUG', quote: 'figure' },
    insert: 'a corrected figure',
    by: { userId: 'someone', name: 'Sam Taylor', role: 'chief_constable' },
  });
  await store.suggestions.addComment(suggestion.id, { userId: 'someone', name: 'Sam Taylor' }, 'See the finance note');
  // Publication waits for neither.
  expect((await api(server.url, cookies.pcc, 'POST', `/api/responses/${sampleId}/threads/${thread.body.id}/resolve`)).status).toBe(200);
  await store.suggestions.decide(suggestion.id, { state: 'rejected', by: { userId: 'u', name: 'Alex Morgan', role: 'pcc' }, at: new Date().toISOString() }, ['open']);
  // Sign-offs with their versions, the publication with its seal, the hash-chained activity record.
  ({ sample, publication } = await publishSample(server.url, cookies));
  const recommendation = sample.sections.find((section) => section.kind === 'recommendation')!;
  const update = await api(server.url, cookies[recommendation.ownerRole === 'pcc' ? 'pcc' : recommendation.ownerRole === 'chief_constable' ? 'chief' : 'lead'], 'POST', `/api/responses/${sample.id}/recommendations/${recommendation.id}/updates`, {
    status: 'in_progress',
    note: 'The regional board agreed a plan',
  });
  expect(update.status).toBe(201);
  await store.tracking.addCarryover({ sectionId: 'follow-up-section', responseId: 'follow-up', fromSectionId: recommendation.id, fromResponseId: sample.id });
  const chief = (await store.users.findByEmail('chief@example.org'))!;
  await store.notifications.setPreferences(chief.id, { mentioned: 'digest' });

  before = {
    detail: (await api<ResponseDetail>(server.url, cookies.pcc, 'GET', `/api/responses/${sample.id}`)).body,
    audit: (await api<AuditPage>(server.url, cookies.pcc, 'GET', `/api/responses/${sample.id}/audit`)).body,
    threads: (await api<{ threads: Thread[] }>(server.url, cookies.pcc, 'GET', `/api/responses/${sample.id}/threads`)).body.threads,
    html: await fetchText(`${server.url}${publication.htmlUrl}`),
  };
  await server.stop();
}, 120_000);

afterAll(async () => {
  await server?.dispose();
  for (const database of databases) await database.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('countersign export and import', () => {
  let postgres: TestDatabase;

  it('moves the record SQLite -> PostgreSQL -> SQLite, every table equal by count and hash', async () => {
    expectSuccess(await runCountersign(['export', file('from-sqlite.jsonl')], onSqlite(server.dataDir)));
    const original = summaryOf(file('from-sqlite.jsonl'));
    // Every table the export knows has rows here, so each kind of value has made the trip.
    for (const table of DUMP_TABLES) expect(original.summary[table.name]?.rows, table.name).toBeGreaterThan(0);

    postgres = await freshDatabase();
    const imported = await runCountersign(['import', file('from-sqlite.jsonl')], onPostgres(postgres.url));
    expectSuccess(imported);
    expect(imported.stdout).toContain('Verified');
    expect(imported.stdout).toContain(original.sha256);

    expectSuccess(await runCountersign(['export', file('from-postgres.jsonl')], onPostgres(postgres.url)));
    expect(summaryOf(file('from-postgres.jsonl'))).toEqual(original);

    const back = fs.mkdtempSync(path.join(folder, 'back-'));
    expectSuccess(await runCountersign(['import', file('from-postgres.jsonl')], onSqlite(back)));
    expectSuccess(await runCountersign(['export', file('back-in-sqlite.jsonl')], onSqlite(back)));
    expect(summaryOf(file('back-in-sqlite.jsonl'))).toEqual(original);
    // Not only the hashes: the files are the same, line for line, but for when and where they were made.
    expect(bodyOf(file('from-postgres.jsonl'))).toBe(bodyOf(file('from-sqlite.jsonl')));
    expect(bodyOf(file('back-in-sqlite.jsonl'))).toBe(bodyOf(file('from-sqlite.jsonl')));

    // The activity record's hash chain still verifies on PostgreSQL.
    const verified = await runCountersign(['verify'], onPostgres(postgres.url));
    expect(verified.stdout).toContain('Result: OK');
    expect(verified.code).toBe(0);
  }, 120_000);

  it('serves the moved record as it was, to members signing in again (sessions are not moved)', async () => {
    const moved = await startTestServer({ config: { databaseUrl: postgres.url } });
    try {
      expect((await api(moved.url, cookies.pcc, 'GET', `/api/responses/${sample.id}`)).status).toBe(401);
      const pcc = await login(moved.url, 'pcc@example.org');
      expect((await api<ResponseDetail>(moved.url, pcc, 'GET', `/api/responses/${sample.id}`)).body).toEqual(before.detail);
      expect((await api<AuditPage>(moved.url, pcc, 'GET', `/api/responses/${sample.id}/audit`)).body).toEqual(before.audit);
      expect((await api<{ threads: Thread[] }>(moved.url, pcc, 'GET', `/api/responses/${sample.id}/threads`)).body.threads).toEqual(before.threads);
      expect(await fetchText(`${moved.url}${publication.htmlUrl}`)).toBe(before.html);
      // New entries carry on after the imported ones (a statutory step: the response is published).
      const step = await api(moved.url, pcc, 'PUT', `/api/responses/${sample.id}/statutory-steps`, { sentToHmicfrsOn: before.detail.report.publishedOn });
      expect(step.status).toBe(200);
      const audit = (await api<AuditPage>(moved.url, pcc, 'GET', `/api/responses/${sample.id}/audit`)).body.events;
      expect(audit[audit.length - 1]!.id).toBeGreaterThan(before.audit.events[before.audit.events.length - 1]!.id);
      // The text a member typed, with who typed it.
      const prose = before.detail.sections.find((section) => section.ownerRole === 'pcc' && section.kind === 'prose')!;
      expect(fragmentText(docFromUpdates(await moved.server.context.store.updates.load(prose.id)))).toContain('Moved with everything else');
    } finally {
      await moved.stop();
    }
  });

  it('refuses to import into a database that holds anything', async () => {
    const refused = await runCountersign(['import', file('from-sqlite.jsonl')], onPostgres(postgres.url));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not empty/);
    expect(refused.stderr).toContain('Nothing was imported');
  });

  it('refuses a damaged file and leaves the database as empty as it was', async () => {
    const text = fs.readFileSync(file('from-sqlite.jsonl'), 'utf8');
    fs.writeFileSync(file('damaged.jsonl'), text.replace('Yes: checked with finance.', 'No: never checked at all.'));
    const target = await freshDatabase();
    const refused = await runCountersign(['import', file('damaged.jsonl')], onPostgres(target.url));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/thread_comments in the file is damaged/);
    for (const table of ['users', 'responses', 'audit_events', 'thread_comments']) {
      expect(Number((await queryDatabase<{ n: string }>(target.url, `SELECT COUNT(*) AS n FROM ${table}`))[0]!.n), table).toBe(0);
    }
    // Cut short: refused too.
    fs.writeFileSync(file('cut.jsonl'), text.slice(0, Math.floor(text.length / 2)));
    const cut = await runCountersign(['import', file('cut.jsonl')], onPostgres(target.url));
    expect(cut.code).toBe(1);
  });

  it('refuses to export a database with a table it does not know, rather than leave it behind', async () => {
    const copy = fs.mkdtempSync(path.join(folder, 'unknown-'));
    fs.copyFileSync(path.join(server.dataDir, 'countersign.db'), path.join(copy, 'countersign.db'));
    const store = openSqliteStore(copy);
    store.connection.db.exec('CREATE TABLE extra_notes (id TEXT PRIMARY KEY, body TEXT)');
    await store.close();
    const refused = await runCountersign(['export', file('unknown.jsonl')], onSqlite(copy));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/extra_notes is not one the export knows/);
    expect(fs.existsSync(file('unknown.jsonl'))).toBe(false);
  });
});

describe('countersign backup', () => {
  it('copies the embedded database consistently while the server is writing', async () => {
    const live = await startTestServer({ config: { databaseUrl: null } });
    try {
      const pcc = await login(live.url, 'pcc@example.org');
      const detail = (await api<{ responses: Array<{ id: string; title: string }> }>(live.url, pcc, 'GET', '/api/responses')).body.responses[0]!;
      const section = (await api<ResponseDetail>(live.url, pcc, 'GET', `/api/responses/${detail.id}`)).body.sections.find((s) => s.ownerRole === 'pcc')!;
      const writer = connectSection(live.url, pcc, detail.id, section.id);
      await waitFor(() => expect(writer.provider.synced).toBe(true));
      appendParagraph(writer.doc, 'Saved before the backup began.');
      await serverRoundTrip(writer.provider);
      // The server goes on writing while the copy is made.
      let typing = true;
      const typed = (async () => {
        for (let i = 0; typing; i++) {
          appendParagraph(writer.doc, `during the backup ${i}`);
          await serverRoundTrip(writer.provider);
        }
      })();
      const backup = await runCountersign(['backup', file('backup.db')], onSqlite(live.dataDir));
      typing = false;
      await typed;
      writer.destroy();
      expectSuccess(backup);
      expect(backup.stdout).toContain('integrity check ok');

      const restored = fs.mkdtempSync(path.join(folder, 'restored-'));
      fs.copyFileSync(file('backup.db'), path.join(restored, 'countersign.db'));
      const store = openSqliteStore(restored);
      try {
        const text = fragmentText(docFromUpdates(await store.updates.load(section.id)));
        expect(text).toContain('Saved before the backup began.');
        expect(await store.users.count()).toBe(5);
      } finally {
        await store.close();
      }
    } finally {
      await live.dispose();
    }
  }, 60_000);

  it('is refused on PostgreSQL, pointing to pg_dump', async () => {
    const refused = await runCountersign(['backup', file('never.db')], onPostgres('postgres://countersign@127.0.0.1:1/none'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pg_dump/);
    expect(fs.existsSync(file('never.db'))).toBe(false);
  });
});
