// Starts the real server (in this process) on port 0 with a temporary data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config';
import type { Clock } from '../../server/context';
import { startServer, type RunningServer } from '../../server/createServer';
import { setLogLevel } from '../../server/log';
import { createTestDatabase, testStoreKind, type TestDatabase } from './postgres';

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** The PostgreSQL database, when the server runs on one (COUNTERSIGN_TEST_STORE=postgres). */
  database: TestDatabase | null;
  server: RunningServer;
  /** Stops the server (rooms stored, database closed); the data folder stays. */
  stop(): Promise<void>;
  /** Stops and starts again on the same data folder (a new port). */
  restart(): Promise<void>;
  /** Stops the server and deletes the data folder (and drops its PostgreSQL database). */
  dispose(): Promise<void>;
}

/** A running Countersign with the demo data (unless `demo: false`). */
export async function startTestServer(
  options: { demo?: boolean; dataDir?: string; config?: Partial<Config>; env?: NodeJS.ProcessEnv; clock?: Clock } = {},
): Promise<TestServer> {
  setLogLevel(process.env.COUNTERSIGN_TEST_LOG === '1' ? 'info' : 'silent');
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-test-'));
  const database = testStoreKind() === 'postgres' && options.config?.databaseUrl === undefined ? await createTestDatabase() : null;
  const config = {
    ...loadConfig({ ...(options.demo === false ? { COUNTERSIGN_DEMO: '0' } : {}), ...options.env }),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: database?.url ?? null,
    demo: options.demo ?? true,
    logLevel: 'silent' as const,
    ...options.config,
  };
  let server = await startServer(config, { clock: options.clock });
  let running = true;
  const handle: TestServer = {
    get url() {
      return server.url;
    },
    get port() {
      return server.port;
    },
    dataDir,
    database,
    get server() {
      return server;
    },
    async stop() {
      if (!running) return;
      running = false;
      await server.close();
    },
    async restart() {
      await handle.stop();
      server = await startServer(config, { clock: options.clock });
      running = true;
    },
    async dispose() {
      await handle.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
  return handle;
}
