// Starts a server under test as a child process (plain JavaScript, see compile.ts), waits until it
// says where it listens, and stops it with SIGTERM (SIGKILL if it hangs).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemoryUsage } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
const PROBE = path.join(here, 'probe.mjs');

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  memory(gc: boolean): Promise<MemoryUsage>;
  stop(): Promise<void>;
  /** The last lines the process wrote to stderr (for error reports). */
  stderrTail(): string;
  /**
   * With a CPU profile: records when the measured phase starts or ends, in ms since the process
   * was spawned (window-<pid>.json beside the profile), so the summary can leave start-up out.
   */
  markWindow(edge: 'fromMs' | 'toMs'): void;
}

export interface SpawnOptions {
  script: string;
  env: Record<string, string>;
  /** Reads the listening port from one line of stdout, or returns null. */
  readyLine: (line: string) => number | null;
  /** Options for node itself, before the script (Countersign: those of `npm start`). */
  nodeOptions?: string[];
  cpuProfileDir?: string;
  startTimeoutMs?: number;
}

export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const args = ['--import', PROBE, '--expose-gc', ...(options.nodeOptions ?? [])];
  if (options.cpuProfileDir) args.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir);
  args.push(options.script);
  const spawnedAt = performance.now();
  const window: { fromMs?: number; toMs?: number } = {};
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const stderrLines: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.trim()) stderrLines.push(line);
    if (stderrLines.length > 50) stderrLines.splice(0, stderrLines.length - 50);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error(`${options.script} did not start within ${options.startTimeoutMs ?? 30_000} ms: ${stderrLines.join('\n')}`)),
      options.startTimeoutMs ?? 30_000,
    );
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const found = options.readyLine(line);
        if (found !== null) {
          clearTimeout(timer);
          resolve(found);
        }
        newline = buffered.indexOf('\n');
      }
      // Keep reading (and discarding) so the child never blocks on a full pipe.
      if (buffered.length > 1_000_000) buffered = '';
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.script} exited (${code}) before listening: ${stderrLines.join('\n')}`));
    });
  });

  let nextId = 1;
  const pending = new Map<number, (usage: MemoryUsage) => void>();
  child.on('message', (message: unknown) => {
    const reply = message as { type?: string; id?: number; usage?: MemoryUsage };
    if (reply.type !== 'bench.memory' || reply.id === undefined || !reply.usage) return;
    pending.get(reply.id)?.(reply.usage);
    pending.delete(reply.id);
  });

  let stopping: Promise<void> | null = null;
  return {
    child,
    pid: child.pid!,
    port,
    stderrTail: () => stderrLines.slice(-10).join('\n'),
    markWindow: (edge) => {
      if (!options.cpuProfileDir) return;
      window[edge] = performance.now() - spawnedAt;
      fs.mkdirSync(options.cpuProfileDir, { recursive: true });
      fs.writeFileSync(path.join(options.cpuProfileDir, `window-${child.pid}.json`), JSON.stringify(window));
    },
    memory: (gc) =>
      new Promise<MemoryUsage>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error('the server did not answer the memory probe'));
        }, 60_000);
        pending.set(id, (usage) => {
          clearTimeout(timer);
          resolve(usage);
        });
        child.send({ type: 'bench.memory', id, gc });
      }),
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** Parses a JSON line; null when it is not JSON. */
export function jsonLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The ready line our peer launchers print: {"event":"bench.ready","port":N}. */
export function launcherReady(line: string): number | null {
  const json = jsonLine(line);
  return json && json.event === 'bench.ready' && typeof json.port === 'number' ? json.port : null;
}
