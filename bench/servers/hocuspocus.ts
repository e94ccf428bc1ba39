// Hocuspocus 3.4 under test (see hocuspocusServer.ts), with its own provider as the client.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { textOfUpdates } from '../editorDoc';
import { hocuspocusClient } from './clients';
import { newDataDir } from './tmp';
import { compileScript } from './compile';
import { launcherReady, spawnServer } from './spawn';
import { PhaseMeter } from '../proc';
import { SERVER_LABELS, type ServerSetup, type ServerUnderTest } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const FILE = 'hocuspocus.sqlite';

// The extension's own schema (@hocuspocus/extension-sqlite 3.4.4).
const SCHEMA = `CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))`;

function withDatabase<T>(dataDir: string, work: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, FILE));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

async function launch(dataDir: string, docNames: string[], setup: ServerSetup): Promise<ServerUnderTest> {
  const server = await spawnServer({
    script: compileScript(path.join(here, 'hocuspocusServer.ts')),
    env: { BENCH_DATA_DIR: dataDir },
    readyLine: launcherReady,
  });
  const wsUrl = `ws://127.0.0.1:${server.port}`;
  return {
    kind: 'hocuspocus',
    label: SERVER_LABELS.hocuspocus,
    wsUrl,
    pid: server.pid,
    dataDir,
    docNames,
    persistence: 'SQLite extension (sqlite3) on a file: the whole document stored 2 s after the last change (at most every 10 s) and on unload; no update log',
    connect: (docName, doc = new Y.Doc(), options = {}) => hocuspocusClient(wsUrl, docName, doc, options),
    clientSpec: (docName) => ({ spec: { client: 'hocuspocus', url: wsUrl, name: docName }, release: () => undefined }),
    meter: () => new PhaseMeter(server.pid, { start: () => server.markWindow('fromMs'), end: () => server.markWindow('toMs') }),
    memory: (gc) => server.memory(gc),
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      return launch(dataDir, docNames, setup);
    },
    readStoredText: async (docName) => {
      const row = withDatabase(dataDir, (db) => {
        db.exec(SCHEMA);
        return db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?').get(docName);
      });
      return row ? textOfUpdates([new Uint8Array(row.data)]) : '';
    },
    storedBytes: async (docName) => {
      const row = withDatabase(dataDir, (db) =>
        db.prepare<[string], { bytes: number }>('SELECT length(data) AS bytes FROM documents WHERE name = ?').get(docName),
      );
      const fileBytes = fs.statSync(path.join(dataDir, FILE)).size;
      return { bytes: row?.bytes ?? 0, rows: row ? 1 : 0, note: `documents.data blob (database file ${(fileBytes / 1024).toFixed(0)} kB)` };
    },
  };
}

export async function startHocuspocus(setup: ServerSetup): Promise<ServerUnderTest> {
  const dataDir = newDataDir('hocuspocus');
  const docNames = Array.from({ length: setup.docs }, (_, index) => `bench-doc-${index}`);
  if (setup.seed) {
    // Hocuspocus keeps no update log: what it stores for a document is its whole state.
    const state = setup.seed.state;
    const name = docNames[setup.seed.docIndex]!;
    withDatabase(dataDir, (db) => {
      db.exec(SCHEMA);
      db.prepare('INSERT INTO documents (name, data) VALUES (?, ?)').run(name, Buffer.from(state));
    });
  }
  return launch(dataDir, docNames, setup);
}
