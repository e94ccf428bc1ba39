// A real Redis for the tests: Debian's redis-server on a free loopback port, with no persistence
// (`--save ''`), stopped when the test process ends however it ends (a watchdog shell waits for
// its stdin to close). `testRedis()` is this process's shared one (CI's, when
// COUNTERSIGN_TEST_REDIS_URL is set); `startTestRedis()` starts one of the test's own, which it
// may stop and start again (a Redis restart while clients type).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { freePort } from './ports';
import { waitFor } from './waitFor';

export const REDIS_SERVER = process.env.COUNTERSIGN_TEST_REDIS_SERVER ?? 'redis-server';
const START_TIMEOUT_MS = 15_000;

export interface TestRedis {
  /** redis://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Stops the server (SIGKILL: as a crash; SIGTERM: a clean shutdown). */
  stop(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Starts it again on the same port (empty: nothing was saved). */
  start(): Promise<void>;
  readonly running: boolean;
}

/** Whether something answers PING on the port. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.startsWith('+PONG'));
      }
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts a Redis of the caller's own. */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let server: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let watchdog: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    if (server) return;
    const proc = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.unref();
    server = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    void exited.then(() => {
      if (server === proc) server = null;
    });
    // Kills this server once the test process is gone, however it ends.
    watchdog?.kill();
    watchdog = spawn('sh', ['-c', 'read _; kill -9 "$1" 2>/dev/null', 'sh', String(proc.pid)], { stdio: ['pipe', 'ignore', 'ignore'] });
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    watchdog.stdin?.on('error', () => undefined);
    await waitFor(async () => {
      if (server !== proc) throw new Error('redis-server exited while starting');
      if (!(await ping(port))) throw new Error('redis-server is not answering yet');
    }, START_TIMEOUT_MS, 25);
  };

  const handle: TestRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    get running() {
      return server !== null;
    },
    start,
    async stop(signal = 'SIGKILL') {
      const proc = server;
      if (!proc) return;
      proc.kill(signal);
      await exited;
    },
  };
  await start();
  return handle;
}

let shared: Promise<{ url: string }> | null = null;

/** This process's Redis: CI's (COUNTERSIGN_TEST_REDIS_URL) or one started on first use. */
export function testRedis(): Promise<{ url: string }> {
  const fromEnv = process.env.COUNTERSIGN_TEST_REDIS_URL;
  shared ??= fromEnv ? Promise.resolve({ url: fromEnv }) : startTestRedis();
  return shared;
}

/** A key and channel prefix of its own, so tests that share one Redis never meet. */
export function redisPrefix(): string {
  return `countersign-test:${randomBytes(6).toString('hex')}:`;
}
