// Countersign under test: a data folder prepared with the server's own store code (a bench
// response, its sections and enough members to stay under the per-user socket limit), then
// the server as `npm start` runs it (bundle and node options, see compile.ts) on loopback.
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import type { User } from '../../shared/api';
import { hashPassword } from '../../server/auth/passwords';
import { SESSION_COOKIE, startSession } from '../../server/auth/sessions';
import { sessionPolicyOf } from '../../server/auth/sessions';
import { loadConfig } from '../../server/config';
import { openSqliteStore } from '../../server/store/sqlite/openSqliteStore';
import { DATABASE_FILE } from '../../server/store/sqlite/openDatabase';
import { MAX_CONNECTIONS_PER_USER } from '../../server/sync/limits';
import { openClient } from './clients';
import { newDataDir } from './tmp';
import { buildCountersign, startNodeOptions } from './compile';
import { jsonLine, spawnServer, type ServerProcess } from './spawn';
import { PhaseMeter } from '../proc';
import { SERVER_LABELS, type BenchClient, type ClientOptions, type ClientSpec, type ServerSetup, type ServerUnderTest } from './types';

/** Connections we put on one user: under the server's limit, with room for reconnects. */
const CONNECTIONS_PER_USER = Math.floor(MAX_CONNECTIONS_PER_USER * 0.75);

interface Prepared {
  dataDir: string;
  /** docName -> { responseId, sectionId } */
  docs: Map<string, { responseId: string; sectionId: string }>;
  docNames: string[];
  cookies: string[];
}

async function prepare(setup: ServerSetup): Promise<Prepared> {
  const dataDir = newDataDir('countersign');
  const store = openSqliteStore(dataDir);
  try {
    const passwordHash = await hashPassword(`bench-${Math.random().toString(36).slice(2)}-password`);
    const userCount = Math.max(1, Math.ceil(setup.maxConnections / CONNECTIONS_PER_USER));
    const users: User[] = [];
    for (let index = 0; index < userCount; index++) {
      users.push(await store.users.create({ email: `bench${index}@example.org`, name: `Bench writer ${index}`, passwordHash }));
    }
    const responseCount = Math.max(1, Math.min(setup.responses ?? 1, setup.docs));
    const docs = new Map<string, { responseId: string; sectionId: string }>();
    const docNames: string[] = [];
    await store.transaction(async (tx) => {
      const responseIds: string[] = [];
      for (let r = 0; r < responseCount; r++) {
        const response = await tx.responses.create({
          title: `Benchmark response ${r + 1}`,
          report: { title: `Benchmark report ${r + 1}`, publishedOn: '2026-01-05', url: 'https://www.justiceinspectorates.gov.uk/hmicfrs/' },
        });
        responseIds.push(response.id);
        for (const user of users) {
          await tx.members.set(response.id, user.id, { role: 'pcc', capacity: 'drafter', administrator: false });
        }
      }
      for (let d = 0; d < setup.docs; d++) {
        const responseId = responseIds[d % responseCount]!;
        const section = await tx.responses.addSection(responseId, { kind: 'prose', title: `Section ${d + 1}`, ownerRole: 'pcc' });
        const name = `${responseId}/${section.id}`;
        docs.set(name, { responseId, sectionId: section.id });
        docNames.push(name);
      }
    });
    if (setup.seed) {
      const seeded = docs.get(docNames[setup.seed.docIndex]!)!;
      // The section's log as the sync server writes it: one row per update received (committed together).
      await Promise.all(setup.seed.updates.map((update) => store.updates.append(seeded.sectionId, update)));
    }
    const policy = sessionPolicyOf(loadConfig({}));
    const cookies = [];
    for (const user of users) cookies.push(`${SESSION_COOKIE}=${(await startSession(store, user.id, policy)).token}`);
    return { dataDir, docs, docNames, cookies };
  } finally {
    await store.close();
  }
}

async function launch(prepared: Prepared, setup: ServerSetup): Promise<ServerUnderTest> {
  const server: ServerProcess = await spawnServer({
    script: buildCountersign(),
    nodeOptions: startNodeOptions(),
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      COUNTERSIGN_DATA: prepared.dataDir,
      COUNTERSIGN_DEMO: '0',
      COUNTERSIGN_LOG: 'info',
    },
    readyLine: (line) => {
      const json = jsonLine(line);
      if (!json || json.event !== 'server.started' || typeof json.url !== 'string') return null;
      return Number(new URL(json.url).port);
    },
    cpuProfileDir: setup.cpuProfileDir,
  });
  const wsUrl = `ws://127.0.0.1:${server.port}`;
  const socketsPerUser = prepared.cookies.map(() => 0);

  const clientSpec = (docName: string): { spec: ClientSpec; release: () => void } => {
    const target = prepared.docs.get(docName);
    if (!target) throw new Error(`unknown document ${docName}`);
    // The least loaded user, so that no user reaches the per-user socket limit.
    let user = 0;
    for (let i = 1; i < socketsPerUser.length; i++) if (socketsPerUser[i]! < socketsPerUser[user]!) user = i;
    if (socketsPerUser[user]! >= CONNECTIONS_PER_USER) throw new Error('more connections than the setup planned (maxConnections)');
    socketsPerUser[user]! += 1;
    return {
      spec: { client: 'y-websocket', serverUrl: `${wsUrl}/sync/${target.responseId}`, roomName: target.sectionId, cookie: prepared.cookies[user]! },
      release: () => {
        socketsPerUser[user]! -= 1;
      },
    };
  };
  const connect = (docName: string, doc: Y.Doc = new Y.Doc(), options: ClientOptions = {}): BenchClient => {
    const { spec, release } = clientSpec(docName);
    return openClient(spec, doc, options, release);
  };

  const withStore = async <T>(work: (store: ReturnType<typeof openSqliteStore>) => T | Promise<T>): Promise<T> => {
    const store = openSqliteStore(prepared.dataDir);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };

  return {
    kind: 'countersign',
    label: SERVER_LABELS.countersign,
    wsUrl,
    pid: server.pid,
    dataDir: prepared.dataDir,
    docNames: prepared.docNames,
    persistence: 'SQLite (WAL, synchronous=NORMAL): every update stored before it is relayed; compacted every 500 updates and on unload',
    connect,
    clientSpec,
    meter: () => new PhaseMeter(server.pid, { start: () => server.markWindow('fromMs'), end: () => server.markWindow('toMs') }),
    memory: (gc) => server.memory(gc),
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      return launch(prepared, { ...setup, seed: undefined });
    },
    readStoredText: async (docName) => {
      const target = prepared.docs.get(docName)!;
      const updates = await withStore((store) => store.updates.load(target.sectionId));
      const doc = new Y.Doc();
      Y.transact(doc, () => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
      const text = doc.getText('t').toString();
      doc.destroy();
      return text;
    },
    storedBytes: async (docName) => {
      const target = prepared.docs.get(docName)!;
      const row = await withStore((store) =>
        store.connection.db
          .prepare<[string], { bytes: number | null; rows: number }>(
            'SELECT SUM(length(data)) AS bytes, COUNT(*) AS rows FROM section_updates WHERE section_id = ?',
          )
          .get(target.sectionId),
      );
      const fileBytes = fs.statSync(path.join(prepared.dataDir, DATABASE_FILE)).size;
      return { bytes: row?.bytes ?? 0, rows: row?.rows ?? 0, note: `section_updates blobs (database file ${(fileBytes / 1024).toFixed(0)} kB)` };
    },
  };
}

export async function startCountersign(setup: ServerSetup): Promise<ServerUnderTest> {
  return launch(await prepare(setup), setup);
}
