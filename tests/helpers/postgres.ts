// A real PostgreSQL for the tests. With COUNTERSIGN_TEST_DATABASE_URL set (CI starts one server
// for the whole run), each caller gets a fresh database on that server; without it, the first
// caller in a test process starts a throwaway cluster of its own with Debian's binaries (initdb,
// postgres) on a free loopback port, gone when the process ends. Either way every test file, or
// every test that asks, has a database nobody else touches.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './ports';
import { waitFor } from './waitFor';

/**
 * Which database test servers use: SQLite in their data folder (the default), or, with
 * COUNTERSIGN_TEST_STORE=postgres, a fresh PostgreSQL database each.
 */
export function testStoreKind(): 'sqlite' | 'postgres' {
  return process.env.COUNTERSIGN_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

/** Where Debian's `postgresql` package puts the server's binaries. */
export const POSTGRES_BIN = process.env.COUNTERSIGN_TEST_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const START_TIMEOUT_MS = 30_000;

export interface TestDatabase {
  /** postgres://... of a database of its own. */
  url: string;
  name: string;
  /** Drops the database (closing whatever is still connected). */
  drop(): Promise<void>;
}

/** A throwaway PostgreSQL server this process started. */
export interface TestCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  port: number;
  /** Stops the server (`fast`: sessions ended cleanly; `immediate`: as a crash would). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  readonly running: boolean;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root). */
function asPostgres(binary: string, args: string[]): [string, string[]] {
  const file = path.join(POSTGRES_BIN, binary);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

let cluster: Promise<TestCluster> | null = null;

/**
 * This process's own cluster, started on first use. A watchdog (a shell waiting for its stdin to
 * close, which happens however this process ends) stops it and deletes its files.
 */
export function testCluster(): Promise<TestCluster> {
  cluster ??= startCluster();
  return cluster;
}

async function startCluster(): Promise<TestCluster> {
  if (!fs.existsSync(path.join(POSTGRES_BIN, 'initdb'))) {
    throw new Error(
      `No PostgreSQL at ${POSTGRES_BIN}: install Debian's postgresql (apt-get install -y postgresql) or set COUNTERSIGN_TEST_DATABASE_URL`,
    );
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-pg-'));
  const dataDir = path.join(root, 'data');
  if (asRoot) spawnSync('chown', ['postgres:', root], { stdio: 'ignore' });
  // A linguistic default collation (ICU's British English, as a UK force's server would likely
  // have), so a query that relies on byte order without saying so gives another order here.
  const [initdb, initArgs] = asPostgres('initdb', [
    '-D',
    dataDir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--locale-provider=icu',
    '--icu-locale=en-GB',
    '--no-sync',
  ]);
  const init = spawnSync(initdb, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

  // Stops the server and removes its files once this process is gone, however it ends.
  const watchdogScript = [
    'read _',
    `pid=$(head -1 "$1/data/postmaster.pid" 2>/dev/null)`,
    'if [ -n "$pid" ]; then kill -QUIT "$pid" 2>/dev/null; while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done; fi',
    'rm -rf "$1"',
  ].join('\n');
  const watchdog = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', 'sh', '-c', watchdogScript, 'sh', root], { stdio: ['pipe', 'ignore', 'ignore'] })
    : spawn('sh', ['-c', watchdogScript, 'sh', root], { stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.unref();
  // Neither the watchdog nor its pipe keeps this process alive; the pipe closes when it ends.
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  watchdog.stdin?.on('error', () => undefined);

  const port = await freePort();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const logFile = path.join(root, 'server.log');

  const start = async (): Promise<void> => {
    if (server) return;
    const [postgres, args] = asPostgres('postgres', [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      root,
      // A throwaway cluster: nothing here must survive a power cut.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ]);
    const log = fs.openSync(logFile, 'a');
    const proc = spawn(postgres, args, { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    proc.unref();
    server = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void exited.then(() => {
      if (server === proc) server = null;
    });
    await waitFor(async () => {
      if (server !== proc) throw new Error(`postgres exited while starting:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
      const client = new pg.Client({ connectionString: adminUrl });
      try {
        await client.connect();
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => undefined);
      }
    }, START_TIMEOUT_MS, 50);
  };

  const handle: TestCluster = {
    adminUrl,
    port,
    get running() {
      return server !== null;
    },
    start,
    async stop(mode = 'fast') {
      const proc = server;
      if (!proc) return;
      // SIGINT: fast shutdown (clients disconnected, a clean checkpoint); SIGQUIT: immediate,
      // no checkpoint, recovery at the next start, as after a crash.
      const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
      await exited;
    },
  };
  await start();
  return handle;
}

/** The server to create test databases on: CI's, or this process's own cluster. */
async function adminUrl(): Promise<string> {
  return process.env.COUNTERSIGN_TEST_DATABASE_URL || (await testCluster()).adminUrl;
}

let created = 0;

/** A fresh, empty database of its own (its name unique to this process and call). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = await adminUrl();
  const name = `countersign_test_${process.pid}_${++created}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs one statement on a database from a connection of its own (as anyone with access could). */
export async function queryDatabase<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  return withAdmin(url, async (client) => (await client.query<R>(text, values)).rows);
}
