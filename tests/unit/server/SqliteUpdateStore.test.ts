// The SQLite update log: appends of one event-loop turn share a commit, none resolves before it,
// and a row the database refuses fails only its own append.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DATABASE_FILE, openDatabase, type SqliteDatabase } from '../../../server/store/sqlite/openDatabase';
import { SqliteConnection } from '../../../server/store/sqlite/SqliteConnection';
import { SqliteUpdateStore } from '../../../server/store/sqlite/SqliteUpdateStore';

let dir: string;
let db: SqliteDatabase;
let store: SqliteUpdateStore;

/** What another connection to the same file sees: only committed rows. */
function committedRows(): number {
  const reader = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  try {
    return (reader.prepare('SELECT count(*) AS n FROM section_updates').get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-updates-'));
  db = openDatabase(dir);
  store = new SqliteUpdateStore(new SqliteConnection(db));
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SqliteUpdateStore', () => {
  it('commits the appends of one turn together, and resolves each only once committed', async () => {
    const appended = Array.from({ length: 50 }, (_, i) => store.append(`s${i % 5}`, new Uint8Array([i])));
    expect(committedRows()).toBe(0);
    const commits: number[] = [];
    await Promise.all(appended.map((append) => append.then(() => commits.push(committedRows()))));
    expect(commits.every((rows) => rows === 50)).toBe(true);
    expect((await store.load('s3')).map((update) => update[0])).toEqual([3, 8, 13, 18, 23, 28, 33, 38, 43, 48]);
  });

  it('fails only the append whose row the database refuses', async () => {
    db.exec(`CREATE TRIGGER refuse_bad BEFORE INSERT ON section_updates WHEN NEW.section_id = 'bad'
             BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const results = await Promise.allSettled([
      store.append('good', new Uint8Array([1])),
      store.append('bad', new Uint8Array([2])),
      store.append('good', new Uint8Array([3])),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.load('good')).map((update) => update[0])).toEqual([1, 3]);
    expect(await store.load('bad')).toEqual([]);
  });

  it('stores pending appends before a load or a compaction reads or replaces them', async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('t').insert(0, 'a');
    void store.append('s', updates[0]!);
    expect(await store.load('s')).toEqual([updates[0]]);
    doc.getText('t').insert(1, 'b');
    void store.append('s', updates[1]!);
    const state = Y.encodeStateAsUpdate(doc);
    await store.compact('s', state);
    expect(await store.load('s')).toEqual([state]);
  });

  it('commits what is pending when flushed before the database closes', () => {
    void store.append('s', new Uint8Array([7]));
    store.flush();
    db.close();
    expect(committedRows()).toBe(1);
  });
});
