// The real server as a child process (`node --import tsx server/index.ts`), so that a test can
// kill it with SIGKILL mid-write and start it again on the same port and data folder, and read
// its memory use from /proc. Every child started here is killed when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports';
import { createTestDatabase, testStoreKind, type TestDatabase } from './postgres';

export { freePort } from './ports';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Makes the child exit when its parent goes away without killing it (a test runner killed
 * hard): the parent holds the write end of the child's stdin, which the kernel closes then.
 */
const EXIT_WITH_PARENT =
  'data:text/javascript,process.stdin.on("end",()=>process.exit(70));process.stdin.on("error",()=>process.exit(70));process.stdin.resume();';

/** How long one start may take before we give up (tsx compiles the server on each start). */
const START_TIMEOUT_MS = 30_000;
/** Output lines kept for error messages. */
const LOG_LINES_KEPT = 200;

export interface ChildServerOptions {
  /** Data folder; a new temporary one (deleted by dispose) when omitted. */
  dataDir?: string;
  /** Port; a free loopback port is picked when omitted. */
  port?: number;
  /** Extra environment for the child. */
  env?: Record<string, string>;
  /**
   * The directory holding `server/index.ts` (default: this repository). `CHILD_SERVER_ROOT`
   * overrides it, so a test can be run against a deliberately broken copy of the server to
   * check that it fails.
   */
  root?: string;
}

export interface ChildServer {
  /** `http://127.0.0.1:<port>`: the same for every start. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Its PostgreSQL database, when it runs on one (COUNTERSIGN_TEST_STORE=postgres). */
  readonly database: TestDatabase | null;
  /** The running child's process id (undefined while stopped). */
  readonly pid: number | undefined;
  /** How many times the server has been started. */
  readonly starts: number;
  /** Milliseconds each start took, from spawn to the `server.started` line. */
  readonly startTimes: readonly number[];
  /** The last lines the child wrote (stdout and stderr). */
  readonly output: readonly string[];
  /** Sends a signal and resolves once the child has exited (no-op when stopped). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Kills the child (SIGKILL) if it runs, then starts it again on the same port and data folder. */
  restart(): Promise<void>;
  /** The child's resident set size in bytes (VmRSS in /proc/<pid>/status). */
  rssBytes(): number;
  /** Kills the child and deletes the data folder if this helper created it. */
  dispose(): Promise<void>;
}

const liveChildren = new Set<ChildProcess>();
/**
 * With COUNTERSIGN_TEST_STORE=postgres, the database of each data folder: a child started
 * again on a folder (a restart, a second process on the same deployment) finds its record.
 */
const databasesOf = new Map<string, TestDatabase>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveChildren) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** Starts the server as a child process and waits for its `server.started` log line. */
export async function startChildServer(options: ChildServerOptions = {}): Promise<ChildServer> {
  installExitHook();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-child-'));
  // With COUNTERSIGN_TEST_STORE=postgres the child runs on a PostgreSQL database: its folder's, or a fresh one.
  let database: TestDatabase | null = null;
  let ownsDatabase = false;
  if (testStoreKind() === 'postgres' && options.env?.COUNTERSIGN_DATABASE_URL === undefined) {
    database = databasesOf.get(dataDir) ?? null;
    if (!database) {
      database = await createTestDatabase();
      ownsDatabase = true;
      databasesOf.set(dataDir, database);
    }
  }
  const port = options.port ?? (await freePort());
  const root = path.resolve(process.env.CHILD_SERVER_ROOT ?? options.root ?? REPO_ROOT);
  const output: string[] = [];
  const startTimes: number[] = [];
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const remember = (line: string): void => {
    output.push(line);
    if (output.length > LOG_LINES_KEPT) output.splice(0, output.length - LOG_LINES_KEPT);
  };

  const spawnOnce = (): Promise<void> => {
    const startedAt = Date.now();
    const proc = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, '--import', 'tsx', 'server/index.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        COUNTERSIGN_DATA: dataDir,
        COUNTERSIGN_DEMO: '1',
        COUNTERSIGN_LOG: 'info',
        ...(database ? { COUNTERSIGN_DATABASE_URL: database.url } : {}),
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child = proc;
    liveChildren.add(proc);
    exited = new Promise<void>((resolve) => {
      proc.once('exit', () => {
        liveChildren.delete(proc);
        if (child === proc) child = null;
        resolve();
      });
    });
    // The child's stdin is only the parent-death signal: never written, never closed by us.
    proc.stdin?.on('error', () => undefined);

    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else {
          startTimes.push(Date.now() - startedAt);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        settle(new Error(`the server did not start within ${START_TIMEOUT_MS} ms:\n${output.slice(-20).join('\n')}`));
      }, START_TIMEOUT_MS);
      const lines = (stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void => {
        let rest = '';
        stream?.setEncoding('utf8');
        stream?.on('data', (chunk: string) => {
          rest += chunk;
          let newline: number;
          while ((newline = rest.indexOf('\n')) >= 0) {
            onLine(rest.slice(0, newline));
            rest = rest.slice(newline + 1);
          }
        });
      };
      lines(proc.stdout, (line) => {
        remember(line);
        if (!line.startsWith('{')) return;
        try {
          const entry = JSON.parse(line) as { event?: string; url?: string };
          if (entry.event === 'server.started') settle(null);
        } catch {
          // not a log line
        }
      });
      lines(proc.stderr, remember);
      proc.once('exit', (code, signal) =>
        settle(new Error(`the server exited while starting (code ${code}, signal ${signal}):\n${output.slice(-20).join('\n')}`)),
      );
      proc.once('error', (error) => settle(error));
    });
  };

  const start = async (): Promise<void> => {
    // A port freed by a killed child is free at once on Linux (Node listens with SO_REUSEADDR),
    // but another process may have taken it in between: say so rather than hang.
    let lastError: unknown = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await spawnOnce();
        return;
      } catch (error) {
        lastError = error;
        if (!String(error).includes('EADDRINUSE')) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    throw lastError;
  };

  const handle: ChildServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    database,
    get pid() {
      return child?.pid;
    },
    get starts() {
      return startTimes.length;
    },
    startTimes,
    output,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      const proc = child;
      if (!proc) return;
      proc.kill(signal);
      await exited;
    },
    async restart() {
      await handle.kill('SIGKILL');
      await start();
    },
    rssBytes() {
      const pid = child?.pid;
      if (pid === undefined) throw new Error('the server is not running');
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
      return Number(match[1]) * 1024;
    },
    async dispose() {
      await handle.kill('SIGKILL');
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      if (ownsDatabase && ownsDataDir) {
        databasesOf.delete(dataDir);
        await database?.drop();
      }
    },
  };

  await start();
  return handle;
}
