// The tamper-evident record (issue 18): `countersign verify` passes on a real database the
// server wrote, and after a row is changed or removed directly in SQLite (behind the server's
// back, triggers dropped as an intruder would) it fails, naming the place. The command runs as
// a user runs it: a separate process, from the sources and from the esbuild bundle.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/store/sqlite/openDatabase';
import { MIGRATIONS } from '../../server/store/sqlite/migrations';
import type { PublicationInfo, ResponseDetail } from '../../shared/api';
import { addDays, ukToday } from '../../shared/deadline';
import { api } from '../helpers/clients';
import { demoCookies, publishSample } from '../helpers/publishSample';
import { startTestServer, type TestServer } from '../helpers/server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `node --import tsx server/cli.ts verify --data <dir>`, as `npm run verify` runs it. */
function verify(dataDir: string): Promise<Run> {
  return run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'verify', '--data', dataDir]);
}

let server: TestServer;
let sample: ResponseDetail;
let publication: PublicationInfo;
const folders: string[] = [];

/** A copy of the server's data folder to tamper with. */
function copyOfData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-verify-'));
  folders.push(dir);
  fs.copyFileSync(path.join(server.dataDir, DATABASE_FILE), path.join(dir, DATABASE_FILE));
  return dir;
}

/** Opens a data folder's database as an intruder would, with the append-only triggers gone. */
function tamper(dir: string, work: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, DATABASE_FILE));
  try {
    for (const { name } of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()) db.exec(`DROP TRIGGER ${name}`);
    work(db);
  } finally {
    db.close();
  }
}

function rowOf(dir: string, seq: number): { id: number; action: string } {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare<[string, number], { id: number; action: string }>('SELECT id, action FROM audit_events WHERE response_id = ? AND seq = ?').get(sample.id, seq)!;
  } finally {
    db.close();
  }
}

function place(seq: number, row: { id: number; action: string }): string {
  return `response "${sample.title}" (${sample.id}), activity entry ${seq} (row id ${row.id}, ${row.action})`;
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  const cookies = await demoCookies(server.url);
  ({ sample, publication } = await publishSample(server.url, cookies));
  const rec = sample.sections.find((section) => section.kind === 'recommendation')!;
  for (const body of [
    { status: 'in_progress', targetDate: addDays(ukToday(), 30), note: 'Started.' },
    { status: 'completed', note: 'Done.', links: ['https://example.org/evidence'] },
  ]) {
    const posted = await api(server.url, cookies.chief, 'POST', `/api/responses/${sample.id}/recommendations/${rec.id}/updates`, body);
    expect(posted.status).toBe(201);
  }
  // Stopped, so the database file is complete on disk (WAL checkpointed on close).
  await server.stop();
}, 60_000);

afterAll(async () => {
  await server?.dispose();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

describe('countersign verify', () => {
  it('passes on the database the server wrote, and says what it checked', async () => {
    const result = await verify(copyOfData());
    expect(result.stderr).toBe('');
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`ok    Activity record of response "${sample.title}" \\(${sample.id}\\): \\d+ entries, last entry \\d+`));
    expect(result.stdout).toMatch(
      new RegExp(`ok    Publication ${publication.id} of response ".*" \\(${sample.id}\\): page and DOCX match their SHA-256, 6 signed sections match their content, pins activity entry \\d+`),
    );
    expect(result.stdout).toContain('ok    Recommendation updates: 2, each checked against the activity entry that recorded it');
    expect(result.stdout).toMatch(/Result: OK\. 9 activity entries of 1 response, 1 publication and 2 recommendation updates checked/);
    expect(result.stdout).not.toContain('FAIL');
  });

  it('runs from the bundle that npm run build makes (node dist-server/cli.js verify)', async () => {
    const built = await run('npm', ['run', '--silent', 'build:server']);
    expect(built.code, built.stderr).toBe(0);
    const result = await run(process.execPath, ['dist-server/cli.js', 'verify'], { COUNTERSIGN_DATA: copyOfData() });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('Result: OK.');
  });

  it('names an activity entry whose content was changed', async () => {
    const dir = copyOfData();
    tamper(dir, (db) => db.prepare("UPDATE audit_events SET detail = detail || ' (amended)' WHERE response_id = ? AND seq = 5").run(sample.id));
    const result = await verify(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`FAIL  ${place(5, rowOf(dir, 5))}: was changed after it was written`);
    expect(result.stdout).toMatch(/Result: 1 problem found/);
  });

  it('names an entry that was changed and given a new hash, from the link the next entry keeps', async () => {
    const dir = copyOfData();
    const { auditEntryHash } = await import('../../server/store/recordHashes');
    tamper(dir, (db) => {
      const row = db.prepare<[string], Record<string, unknown>>('SELECT * FROM audit_events WHERE response_id = ? AND seq = 3').get(sample.id)!;
      const detail = 'Signed off by nobody';
      const hash = auditEntryHash({
        responseId: sample.id,
        seq: 3,
        prevHash: row.prev_hash as string,
        at: row.at as string,
        actorId: row.actor_id as string | null,
        actorName: row.actor_name as string | null,
        action: row.action as string,
        sectionId: row.section_id as string | null,
        detail,
      });
      db.prepare('UPDATE audit_events SET detail = ?, hash = ? WHERE id = ?').run(detail, hash, row.id);
    });
    const result = await verify(dir);
    expect(result.code).toBe(1);
    const row = rowOf(dir, 3);
    expect(result.stdout).toContain(`FAIL  response "${sample.title}" (${sample.id}), activity entry 3 (row id ${row.id}): was replaced or changed and its hash rewritten`);
    expect(result.stdout).not.toContain('activity entry 4 (');
  });

  it('names the place of a removed entry', async () => {
    const dir = copyOfData();
    const [before, after] = [rowOf(dir, 6), rowOf(dir, 8)];
    tamper(dir, (db) => db.prepare('DELETE FROM audit_events WHERE response_id = ? AND seq = 7').run(sample.id));
    const result = await verify(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `FAIL  response "${sample.title}" (${sample.id}): entry 7 is missing (between row ids ${before.id} and ${after.id}): removed from the activity record`,
    );
  });

  it('catches the newest entries removed up to the one the publication pinned', async () => {
    const dir = copyOfData();
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const pinned = db.prepare<[string], { audit_seq: number }>('SELECT audit_seq FROM publication_seals WHERE publication_id = ?').get(publication.id)!.audit_seq;
    db.close();
    tamper(dir, (db) => db.prepare('DELETE FROM audit_events WHERE response_id = ? AND seq >= ?').run(sample.id, pinned));
    const result = await verify(dir);
    expect(result.code).toBe(1);
    const where = `FAIL  publication ${publication.id} of response "${sample.title}" (${sample.id})`;
    expect(result.stdout).toContain(`${where}: pins activity entry ${pinned}, which is missing from the activity record: removed`);
    expect(result.stdout).toContain(`${where}: no entry of the activity record records this publication`);
  });

  it("names a publication whose page, seal or signed content was changed", async () => {
    const dir = copyOfData();
    const section = sample.sections[0]!;
    tamper(dir, (db) => {
      db.prepare("UPDATE publications SET html = replace(html, 'Wiltshire', 'Wessex') WHERE id = ?").run(publication.id);
      db.prepare('UPDATE signoffs SET content_json = ? WHERE section_id = ?').run('{"type":"doc","content":[]}', section.id);
      db.prepare('DELETE FROM publication_seals').run();
    });
    const result = await verify(dir);
    expect(result.code).toBe(1);
    const where = `FAIL  publication ${publication.id} of response "${sample.title}" (${sample.id})`;
    expect(result.stdout).toContain(`${where}: its page was changed`);
    expect(result.stdout).toContain(`${where}: its seal (the entry it pinned and its hashes) was removed`);
    expect(result.stdout).toContain(`${where}, section "${section.title}" (${section.id}): the content that was signed no longer hashes to the signed hash`);
  });

  it('names a recommendation update that was changed, and one that was removed', async () => {
    const changed = copyOfData();
    tamper(changed, (db) => db.prepare("UPDATE recommendation_updates SET status = 'completed', note = 'Done long ago.' WHERE id = 1").run());
    const first = await verify(changed);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(new RegExp(`FAIL  response "${sample.title}" \\(${sample.id}\\), recommendation update \\(row id 1, [^)]+\\): matches no activity entry`));

    const removed = copyOfData();
    tamper(removed, (db) => db.prepare('DELETE FROM recommendation_updates WHERE id = 2').run());
    const second = await verify(removed);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/FAIL {2}response ".*" \([^)]+\), activity entry \d+: records a recommendation update \(SHA-256 [0-9a-f]{12}…\) that is not in the database/);
  });

  it('refuses a folder without a database (exit 2), creating nothing', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-verify-'));
    folders.push(empty);
    const result = await verify(empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no Countersign database');
    expect(fs.readdirSync(empty)).toEqual([]);
  });
});

describe('a database from before the hash chain', () => {
  const CHAIN_MIGRATION = MIGRATIONS.findIndex((migration) => migration.includes('ADD COLUMN prev_hash'));

  it('has its existing entries chained when it is opened, and then verifies and catches changes', async () => {
    expect(CHAIN_MIGRATION).toBeGreaterThan(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-old-'));
    folders.push(dir);
    const db = new Database(path.join(dir, DATABASE_FILE));
    for (const migration of MIGRATIONS.slice(0, CHAIN_MIGRATION)) db.exec(migration);
    db.pragma(`user_version = ${CHAIN_MIGRATION}`);
    db.prepare("INSERT INTO responses (id, title, report_title, report_published_on, report_url, created_at) VALUES ('old', 'An old response', 'A report', '2024-01-05', 'https://example.org', '2024-01-06T09:00:00.000Z')").run();
    const insert = db.prepare("INSERT INTO audit_events (response_id, at, actor_id, actor_name, action, detail) VALUES (?, ?, 'u1', 'Ann Old', ?, ?)");
    insert.run('old', '2024-01-06T09:00:00.000Z', 'response.created', 'For the report "A report"');
    insert.run('other', '2024-01-06T09:30:00.000Z', 'response.created', 'Another response');
    insert.run('old', '2024-01-07T10:00:00.000Z', 'section.signed_off', 'PCC comments signed off');
    db.close();

    const first = await verify(dir);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('ok    Activity record of response "An old response" (old): 2 entries, last entry 2');

    const chained = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    expect(chained.prepare('SELECT response_id, seq FROM audit_events ORDER BY id').all()).toEqual([
      { response_id: 'old', seq: 1 },
      { response_id: 'other', seq: 1 },
      { response_id: 'old', seq: 2 },
    ]);
    chained.close();

    tamper(dir, (db2) => db2.prepare("UPDATE audit_events SET actor_name = 'Someone Else' WHERE id = 1").run());
    const second = await verify(dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('FAIL  response "An old response" (old), activity entry 1 (row id 1, response.created): was changed after it was written');
  });
});
