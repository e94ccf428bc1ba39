// Countersign's data folder, prepared and read with the server's own store code, in a process of
// its own: the store imports the app's yjs (compaction keeps authorship, read from the updates),
// and the bench process holds the bench's (singleCopies.ts). This process loads only the app's:
// the server modules import it from the root's node_modules, and the compaction here takes the
// very same module (appYjs below), never the bench's. Bytes cross between the two processes as
// files (updateFile.ts), never Yjs objects.
//
// Run by countersignData.ts as `node --import tsx bench/servers/countersignStore.ts <request.json>`;
// writes its answer as JSON to the request's `answer` path.
import { checkNoSecondYjs } from '../singleCopies';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as YTypes from 'yjs';
import type { User } from '../../shared/api';
import { hashPassword } from '../../server/auth/passwords';
import { sessionPolicyOf, SESSION_COOKIE, startSession } from '../../server/auth/sessions';
import { loadConfig } from '../../server/config';
import { SectionHistory } from '../../server/history/SectionHistory';
import { DATABASE_FILE } from '../../server/store/sqlite/openDatabase';
import { openSqliteStore } from '../../server/store/sqlite/openSqliteStore';
import type { StoreAnswer, StoreRequest, SeedPlan, StoredBytes } from './countersignStoreProtocol';
import { readUpdates, writeUpdates } from './updateFile';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
type Store = ReturnType<typeof openSqliteStore>;

/** The app's yjs, the same module instance the server code imports (its ESM entry, by real path). */
async function appYjs(): Promise<typeof YTypes> {
  const folder = fs.realpathSync(path.join(ROOT, 'node_modules', 'yjs'));
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { exports: { '.': { import: string } } };
  return (await import(pathToFileURL(path.join(folder, manifest.exports['.'].import)).href)) as typeof YTypes;
}

/**
 * Stores a section's history as the sync server would have: each update appended with its
 * author, the log compacted (the document's state replacing it, authorship kept as ranges)
 * every `compactAfter` updates as Room and SectionLog do, and versions recorded by the server's
 * SectionHistory from what is stored, with the time of the edit they follow.
 */
async function seed(store: Store, sectionId: string, plan: SeedPlan, users: User[]): Promise<{ rowsAppended: number; compactions: number; versions: number }> {
  const Y = await appYjs();
  const updates = readUpdates(plan.updatesFile);
  const storedAt = (index: number): number => Date.parse(plan.startAt) + index * plan.msPerUpdate;
  let clock = storedAt(0);
  const history = new SectionHistory(store, 5 * 60 * 1000, () => clock);
  const authorOf = (index: number): User | null => {
    if (!plan.authors) return null;
    let user = plan.authors[0]!.user;
    for (const change of plan.authors) if (change.from <= index) user = change.user;
    return users[user]!;
  };
  const versionsAfter = new Map(plan.versions.map((version) => [version.after, version]));
  // The room's document, to compact from: deleted content kept, as the room keeps it.
  const doc = plan.compactAfter === null ? null : new Y.Doc({ gc: false });
  let sinceCompaction = 0;
  let compactions = 0;
  let pending: Array<Promise<void>> = [];
  for (let index = 0; index < updates.length; index++) {
    const update = updates[index]!;
    const author = authorOf(index);
    // Appends of a stretch are committed together (the store batches one event-loop turn).
    pending.push(store.updates.append(sectionId, update, author ? { userId: author.id, at: new Date(storedAt(index)).toISOString() } : null));
    if (doc) Y.applyUpdate(doc, update);
    sinceCompaction += 1;
    const version = versionsAfter.get(index);
    const compactNow = plan.compactAfter !== null && sinceCompaction >= plan.compactAfter;
    if (compactNow || version) {
      await Promise.all(pending);
      pending = [];
    }
    if (compactNow && doc) {
      await store.updates.compact(sectionId, Y.encodeStateAsUpdate(doc));
      sinceCompaction = 1;
      compactions += 1;
    }
    if (version) {
      clock = storedAt(index);
      const by = users[version.user]!;
      await history.recordStored(sectionId, 'named', { name: version.name, createdBy: { userId: by.id, name: by.name, role: 'pcc' } });
    }
  }
  await Promise.all(pending);
  doc?.destroy();
  return { rowsAppended: updates.length, compactions, versions: plan.versions.length };
}

async function prepare(request: Extract<StoreRequest, { op: 'prepare' }>): Promise<StoreAnswer> {
  const store = openSqliteStore(request.dataDir);
  try {
    const passwordHash = await hashPassword(`bench-${Math.random().toString(36).slice(2)}-password`);
    const users: User[] = [];
    for (let index = 0; index < request.users; index++) {
      users.push(await store.users.create({ email: `bench${index}@example.org`, name: `Bench writer ${index}`, passwordHash }));
    }
    const responseCount = Math.max(1, Math.min(request.responses, request.docs));
    const docs: Array<{ responseId: string; sectionId: string }> = [];
    await store.transaction(async (tx) => {
      const responseIds: string[] = [];
      for (let r = 0; r < responseCount; r++) {
        const response = await tx.responses.create({
          title: `Benchmark response ${r + 1}`,
          report: { title: `Benchmark report ${r + 1}`, publishedOn: '2026-01-05', url: 'https://www.justiceinspectorates.gov.uk/hmicfrs/' },
        });
        responseIds.push(response.id);
        for (const user of users) await tx.members.set(response.id, user.id, { role: 'pcc', capacity: 'drafter', administrator: false });
      }
      for (let d = 0; d < request.docs; d++) {
        const responseId = responseIds[d % responseCount]!;
        const section = await tx.responses.addSection(responseId, { kind: 'prose', title: `Section ${d + 1}`, ownerRole: 'pcc' });
        docs.push({ responseId, sectionId: section.id });
      }
    });
    const seeded = request.seed ? await seed(store, docs[request.seed.docIndex]!.sectionId, request.seed, users) : null;
    const policy = sessionPolicyOf(loadConfig({}));
    const cookies: string[] = [];
    for (const user of users) cookies.push(`${SESSION_COOKIE}=${(await startSession(store, user.id, policy)).token}`);
    return { op: 'prepare', docs, cookies, userIds: users.map((user) => user.id), seeded };
  } finally {
    await store.close();
  }
}

/** What a section takes in the database: its update log, its authorship ranges, its versions. */
function storedBytes(store: Store, dataDir: string, sectionId: string): StoredBytes {
  const { db } = store.connection;
  const one = <T>(sql: string): T => db.prepare<[string], T>(sql).get(sectionId)!;
  const updates = one<{ bytes: number | null; rows: number; data: number | null }>(
    `SELECT SUM(length(section_id) + length(data) + coalesce(length(user_id), 0) + coalesce(length(at), 0)) AS bytes, SUM(length(data)) AS data, COUNT(*) AS rows
     FROM section_updates WHERE section_id = ?`,
  );
  // Every column of each row at the size SQLite's record format gives it (text and blobs at
  // their length, integers in 1 to 8 bytes), without the per-row and page overhead.
  const integer = (column: string): string =>
    `(CASE WHEN ${column} BETWEEN -128 AND 127 THEN 1 WHEN ${column} BETWEEN -32768 AND 32767 THEN 2 WHEN ${column} BETWEEN -8388608 AND 8388607 THEN 3
           WHEN ${column} BETWEEN -2147483648 AND 2147483647 THEN 4 WHEN ${column} BETWEEN -140737488355328 AND 140737488355327 THEN 6 ELSE 8 END)`;
  const authorship = one<{ bytes: number | null; rows: number }>(
    `SELECT SUM(length(section_id) + length(kind) + ${integer('client')} + ${integer('clock')} + ${integer('length')} + length(user_id) + length(at)) AS bytes, COUNT(*) AS rows
     FROM section_authorship WHERE section_id = ?`,
  );
  const versions = one<{ bytes: number | null; rows: number; snapshots: number | null; content: number | null }>(
    `SELECT SUM(length(section_id) + length(snapshot) + length(content_json) + length(text) + length(hash) + length(id) + length(kind) + length(created_at)
               + coalesce(length(name), 0) + coalesce(length(created_by), 0) + coalesce(length(created_by_name), 0) + coalesce(length(created_by_role), 0)
               + coalesce(length(content), 0)) AS bytes,
            SUM(length(snapshot)) AS snapshots, SUM(length(content_json) + length(text) + coalesce(length(content), 0)) AS content, COUNT(*) AS rows
     FROM section_versions WHERE section_id = ?`,
  );
  return {
    updates: { bytes: updates.bytes ?? 0, dataBytes: updates.data ?? 0, rows: updates.rows },
    authorship: { bytes: authorship.bytes ?? 0, rows: authorship.rows },
    versions: { bytes: versions.bytes ?? 0, rows: versions.rows, snapshotBytes: versions.snapshots ?? 0, contentBytes: versions.content ?? 0 },
    databaseFileBytes: fs.statSync(path.join(dataDir, DATABASE_FILE)).size,
  };
}

async function answer(request: StoreRequest): Promise<StoreAnswer> {
  switch (request.op) {
    case 'prepare':
      return prepare(request);
    case 'read': {
      const store = openSqliteStore(request.dataDir);
      try {
        const sections: StoreAnswer & { op: 'read' } = { op: 'read', files: {}, bytes: {} };
        for (const sectionId of request.sectionIds) {
          const file = path.join(path.dirname(request.answer), `stored-${sectionId}.bin`);
          writeUpdates(file, await store.updates.load(sectionId));
          sections.files[sectionId] = file;
          sections.bytes[sectionId] = storedBytes(store, request.dataDir, sectionId);
        }
        return sections;
      } finally {
        await store.close();
      }
    }
    default: {
      const exhaustive: never = request;
      throw new Error(`unknown request ${JSON.stringify(exhaustive)}`);
    }
  }
}

const requestFile = process.argv[2];
if (!requestFile) throw new Error('usage: countersignStore.ts <request.json>');
const request = JSON.parse(fs.readFileSync(requestFile, 'utf8')) as StoreRequest;
const result = await answer(request);
checkNoSecondYjs();
fs.writeFileSync(request.answer, JSON.stringify(result));
