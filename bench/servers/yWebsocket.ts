// The reference y-websocket server under test (see yWebsocketServer.ts), with y-leveldb.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import { sectionText } from '../editorDoc';
import { yWebsocketClient } from './clients';
import { newDataDir } from './tmp';
import { compileScript } from './compile';
import { launcherReady, spawnServer } from './spawn';
import { PhaseMeter } from '../proc';
import { SERVER_LABELS, type ServerSetup, type ServerUnderTest } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Total size of the files in a folder, bytes. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
  }
  return total;
}

async function seedLevel(dir: string, docName: string, updates: readonly Uint8Array[]): Promise<void> {
  const ldb = new LeveldbPersistence(dir);
  try {
    // The first update through the library (it also writes the document's state vector), the
    // rest under the same keys storeUpdate uses (['v1', doc, 'update', clock]), in batches.
    if (updates.length === 0) return;
    await ldb.storeUpdate(docName, updates[0]!);
    const CHUNK = 10_000;
    for (let start = 1; start < updates.length; start += CHUNK) {
      const operations = updates.slice(start, start + CHUNK).map((update, offset) => ({
        type: 'put' as const,
        key: ['v1', docName, 'update', start + offset],
        value: Buffer.from(update),
      }));
      await ldb._transact((db) => db.batch(operations));
    }
  } finally {
    await ldb.destroy();
  }
}

async function launch(dataDir: string, docNames: string[], setup: ServerSetup): Promise<ServerUnderTest> {
  const server = await spawnServer({
    script: compileScript(path.join(here, 'yWebsocketServer.ts')),
    env: { BENCH_DATA_DIR: dataDir },
    readyLine: launcherReady,
    cpuProfileDir: undefined,
  });
  const wsUrl = `ws://127.0.0.1:${server.port}`;
  return {
    kind: 'y-websocket',
    label: SERVER_LABELS['y-websocket'],
    wsUrl,
    pid: server.pid,
    dataDir,
    docNames,
    persistence: 'y-leveldb (YPERSISTENCE): each update written to LevelDB asynchronously, after it is relayed; log trimmed when loaded with >500 updates',
    connect: (docName, doc = new Y.Doc(), options = {}) => yWebsocketClient(wsUrl, docName, doc, null, options),
    clientSpec: (docName) => ({ spec: { client: 'y-websocket', serverUrl: wsUrl, roomName: docName, cookie: null }, release: () => undefined }),
    meter: () => new PhaseMeter(server.pid, { start: () => server.markWindow('fromMs'), end: () => server.markWindow('toMs') }),
    memory: (gc) => server.memory(gc),
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      return launch(dataDir, docNames, setup);
    },
    readStoredText: async (docName) => {
      const ldb = new LeveldbPersistence(dataDir);
      try {
        const doc = await ldb.getYDoc(docName);
        try {
          return sectionText(doc);
        } finally {
          doc.destroy();
        }
      } finally {
        await ldb.destroy();
      }
    },
    storedBytes: async () => ({ bytes: folderBytes(dataDir), rows: Number.NaN, note: 'LevelDB folder size (all documents, logs and tables)' }),
  };
}

export async function startYWebsocket(setup: ServerSetup): Promise<ServerUnderTest> {
  const dataDir = newDataDir('ywebsocket');
  const docNames = Array.from({ length: setup.docs }, (_, index) => `bench-doc-${index}`);
  if (setup.seed) await seedLevel(dataDir, docNames[setup.seed.docIndex]!, setup.seed.updates);
  return launch(dataDir, docNames, setup);
}
