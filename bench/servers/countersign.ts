// Countersign under test: a data folder prepared with the server's own store code (a bench
// response, its sections and enough members to stay under the per-user socket limit), in a
// process of its own (countersignStore.ts: the store uses the app's yjs, this process the
// bench's), then the server as `npm start` runs it (bundle and node options, see compile.ts)
// on loopback.
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { COMPACT_AFTER_UPDATES, MAX_CONNECTIONS_PER_USER } from '../../server/sync/limits';
import { textOfUpdates } from '../editorDoc';
import { openClient } from './clients';
import { askStore, readStored } from './countersignData';
import type { SeedPlan, StoreRequest, StoredBytes } from './countersignStoreProtocol';
import { newDataDir } from './tmp';
import { buildCountersign, startNodeOptions } from './compile';
import { jsonLine, spawnServer, type ServerProcess } from './spawn';
import { writeUpdates } from './updateFile';
import { PhaseMeter } from '../proc';
import { SERVER_LABELS, type BenchClient, type ClientOptions, type ClientSpec, type ServerSetup, type ServerUnderTest } from './types';

/** Connections we put on one user: under the server's limit, with room for reconnects. */
const CONNECTIONS_PER_USER = Math.floor(MAX_CONNECTIONS_PER_USER * 0.75);
/** When the seeded history starts, and its nominal pace (5 edits a second, as the typing scenario). */
const SEED_START = '2026-01-05T09:00:00.000Z';
const SEED_MS_PER_UPDATE = 200;

interface Prepared {
  dataDir: string;
  /** docName -> { responseId, sectionId } */
  docs: Map<string, { responseId: string; sectionId: string }>;
  docNames: string[];
  cookies: string[];
  userIds: string[];
}

/** Where countersignStore.ts puts its request and answer files for a data folder. */
function workDirOf(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}-work`);
}

function seedPlan(setup: ServerSetup, workDir: string): SeedPlan | null {
  const seed = setup.seed;
  if (!seed) return null;
  const how = seed.countersign ?? { rows: 'live' };
  const updatesFile = path.join(workDir, 'seed-updates.bin');
  writeUpdates(updatesFile, how.rows === 'state' ? [seed.state] : seed.updates);
  return {
    docIndex: seed.docIndex,
    updatesFile,
    authors: how.rows === 'state' ? null : (how.authors ?? [{ from: 0, user: 0 }]),
    startAt: SEED_START,
    msPerUpdate: how.msPerUpdate ?? SEED_MS_PER_UPDATE,
    compactAfter: how.rows === 'live' ? COMPACT_AFTER_UPDATES : null,
    versions: how.rows === 'state' ? [] : (how.versions ?? []),
  };
}

async function prepare(setup: ServerSetup): Promise<Prepared> {
  const dataDir = newDataDir('countersign');
  const workDir = workDirOf(dataDir);
  fs.mkdirSync(workDir, { recursive: true });
  const answer = await askStore<Extract<StoreRequest, { op: 'prepare' }>>(
    {
      op: 'prepare',
      dataDir,
      users: Math.max(setup.users ?? 1, Math.ceil(setup.maxConnections / CONNECTIONS_PER_USER)),
      responses: setup.responses ?? 1,
      docs: setup.docs,
      seed: seedPlan(setup, workDir),
    },
    workDir,
  );
  const docs = new Map<string, { responseId: string; sectionId: string }>();
  const docNames: string[] = [];
  for (const doc of answer.docs) {
    const name = `${doc.responseId}/${doc.sectionId}`;
    docs.set(name, doc);
    docNames.push(name);
  }
  return { dataDir, docs, docNames, cookies: answer.cookies, userIds: answer.userIds };
}

/** Countersign under test, with what the history scenario needs beyond every server's interface. */
export interface CountersignServer extends ServerUnderTest {
  readonly kind: 'countersign';
  /** The members' session cookies (user i's at index i) and user ids. */
  readonly cookies: readonly string[];
  readonly userIds: readonly string[];
  /** docName -> its response and section. */
  sectionOf(docName: string): { responseId: string; sectionId: string };
  /** http://127.0.0.1:port */
  readonly httpUrl: string;
  /** What a section takes in the database, table by table; only once stopped. */
  storedTables(docName: string): Promise<StoredBytes>;
  restart(): Promise<CountersignServer>;
}

async function launch(prepared: Prepared, setup: ServerSetup): Promise<CountersignServer> {
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

  const sectionOf = (docName: string): { responseId: string; sectionId: string } => {
    const target = prepared.docs.get(docName);
    if (!target) throw new Error(`unknown document ${docName}`);
    return target;
  };
  const stored = async (docName: string): Promise<{ updates: Uint8Array[]; bytes: StoredBytes }> => {
    const { sectionId } = sectionOf(docName);
    const read = await readStored(prepared.dataDir, [sectionId]);
    return { updates: read.updates.get(sectionId)!, bytes: read.bytes[sectionId]! };
  };

  return {
    kind: 'countersign' as const,
    label: SERVER_LABELS.countersign,
    wsUrl,
    pid: server.pid,
    dataDir: prepared.dataDir,
    docNames: prepared.docNames,
    persistence: 'SQLite (WAL, synchronous=NORMAL): every update stored with its author before it is relayed; compacted every 500 updates and on unload, keeping deleted content (gc off) and authorship ranges; versions',
    connect,
    clientSpec,
    meter: () => new PhaseMeter(server.pid, { start: () => server.markWindow('fromMs'), end: () => server.markWindow('toMs') }),
    memory: (gc) => server.memory(gc),
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      return launch(prepared, { ...setup, seed: undefined });
    },
    cookies: prepared.cookies,
    userIds: prepared.userIds,
    sectionOf,
    httpUrl: `http://127.0.0.1:${server.port}`,
    readStoredText: async (docName) => textOfUpdates((await stored(docName)).updates),
    storedBytes: async (docName) => {
      const { bytes } = await stored(docName);
      return {
        bytes: bytes.updates.dataBytes,
        rows: bytes.updates.rows,
        note: `section_updates blobs; with history: + ${(bytes.authorship.bytes / 1024).toFixed(1)} kB of section_authorship (${bytes.authorship.rows} rows), ${(bytes.versions.bytes / 1024).toFixed(1)} kB of section_versions (${bytes.versions.rows}); database file ${(bytes.databaseFileBytes / 1024).toFixed(0)} kB`,
      };
    },
    storedTables: async (docName) => (await stored(docName)).bytes,
  };
}

export async function startCountersign(setup: ServerSetup): Promise<CountersignServer> {
  return launch(await prepare(setup), setup);
}
