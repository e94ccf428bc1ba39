// What the scenarios share: the result shapes, waiting, connecting many clients, and the
// correctness checks (every client and the stored state end equal).
import * as Y from 'yjs';
import { sectionText, shapeOf } from '../editorDoc';
import type { BenchClient, ClientOptions, ServerKind, ServerUnderTest } from '../servers/types';

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  notes: string[];
}

export interface GoalCheck {
  goal: string;
  met: boolean | null;
  detail: string;
}

export interface ScenarioResult {
  tables: Table[];
  goals: GoalCheck[];
  /** Profiles written for the Countersign server in this scenario, when asked for. */
  profiles: string[];
}

export interface ScenarioOptions {
  quick: boolean;
  kinds: readonly ServerKind[];
  /** Folder for a V8 CPU profile of the Countersign server (node --cpu-prof), when asked for. */
  profileDir: string | null;
  log: (message: string) => void;
}

export interface Scenario {
  id: string;
  title: string;
  run(options: ScenarioOptions): Promise<ScenarioResult>;
}

/** Load applied before measuring starts (JIT, first writes, connection set-up settle). */
export function warmupSeconds(options: ScenarioOptions): number {
  return options.quick ? 1 : 3;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls a condition until it holds or the time is up; returns whether it held. */
export async function waitFor(condition: () => boolean, timeoutMs: number, intervalMs = 20): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (condition()) return true;
    await sleep(intervalMs);
  }
  return condition();
}

/** Rejects after a time; for awaiting a promise with a bound. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took more than ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Connects `count` clients to documents (docFor(i) names each), in waves, and waits for their first sync. */
export function connectMany(
  server: ServerUnderTest,
  count: number,
  docFor: (index: number) => string,
  timeoutMs = 60_000,
  clientOptions: ClientOptions = {},
): Promise<BenchClient[]> {
  return openInWaves(count, (index) => server.connect(docFor(index), undefined, clientOptions), timeoutMs);
}

/** Opens `count` clients 50 at a time, each wave synced before the next; all are closed on failure. */
export async function openInWaves(count: number, open: (index: number) => BenchClient, timeoutMs = 60_000): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  const WAVE = 50;
  try {
    for (let start = 0; start < count; start += WAVE) {
      const wave: BenchClient[] = [];
      for (let i = start; i < Math.min(count, start + WAVE); i++) wave.push(open(i));
      clients.push(...wave);
      await withTimeout(Promise.all(wave.map((client) => client.synced)), timeoutMs, `syncing clients ${start}..${start + wave.length - 1}`);
    }
  } catch (error) {
    for (const client of clients) client.destroy();
    throw error;
  }
  return clients;
}

export function destroyAll(clients: readonly BenchClient[]): void {
  for (const client of clients) client.destroy();
}

/** The text every client should hold (its section text, editorDoc.ts); the first client whose text differs, or null. */
export function firstDivergent(clients: readonly BenchClient[], expected: string): number | null {
  for (let i = 0; i < clients.length; i++) {
    if (sectionText(clients[i]!.doc) !== expected) return i;
  }
  return null;
}

/** Waits until every client holds the expected text; throws naming the divergence otherwise. */
export async function expectConverged(clients: readonly BenchClient[], expected: string, timeoutMs: number, what: string): Promise<void> {
  const ok = await waitFor(() => firstDivergent(clients, expected) === null, timeoutMs, 50);
  if (!ok) {
    const index = firstDivergent(clients, expected)!;
    const doc = clients[index]!.doc;
    const got = sectionText(doc);
    throw new Error(`${what}: client ${index} of ${clients.length} diverged (has ${got.length} characters, expected ${expected.length}; ${shapeOf(doc)})`);
  }
}

/** After the server stopped: the stored text of each document must be the expected one. */
export async function expectStored(server: ServerUnderTest, expected: ReadonlyMap<string, string>): Promise<void> {
  for (const [docName, text] of expected) {
    const stored = await server.readStoredText(docName);
    if (stored !== text) {
      throw new Error(`stored state of ${docName} differs from the clients' (${stored.length} characters stored, ${text.length} expected)`);
    }
  }
}

/**
 * Measures how long a writer's characters take to reach an observer. The writer inserts one
 * character per transaction, so its Yjs clock counts characters: character k (0-based) has
 * arrived once the observer's state for the writer's client id is past k.
 */
export function trackArrivals(
  observer: Y.Doc,
  writerId: number,
  sentAt: readonly number[],
  record: (latencyMs: number, sentAtMs: number) => void,
  clockOffset = 0,
): () => void {
  let seen = Math.max(0, Y.getState(observer.store, writerId) - clockOffset);
  const onUpdate = (): void => {
    const now = performance.now();
    const state = Y.getState(observer.store, writerId) - clockOffset;
    for (let k = seen; k < state; k++) {
      const sent = sentAt[k];
      if (sent !== undefined) record(now - sent, sent);
    }
    if (state > seen) seen = state;
  };
  observer.on('update', onUpdate);
  return () => observer.off('update', onUpdate);
}

/** Runs fn for each server kind; a failure becomes a row, never a figure. */
export async function forEachServer<T>(
  options: ScenarioOptions,
  fn: (kind: ServerKind) => Promise<T>,
): Promise<Array<{ kind: ServerKind; result: T | null; error: string | null }>> {
  const results: Array<{ kind: ServerKind; result: T | null; error: string | null }> = [];
  for (const kind of options.kinds) {
    try {
      results.push({ kind, result: await fn(kind), error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.log(`  ${kind}: FAILED: ${error instanceof Error ? (error.stack ?? message) : message}`);
      results.push({ kind, result: null, error: message });
    }
  }
  return results;
}

/** The Countersign server of a scenario writes its CPU profile here when --profile is given. */
export function profileDirFor(options: ScenarioOptions, kind: ServerKind, label: string): string | undefined {
  if (!options.profileDir || kind !== 'countersign') return undefined;
  return `${options.profileDir}/${label}`;
}

/** The close codes and reasons clients saw, counted (for failure messages). */
export function closeSummary(clients: readonly BenchClient[]): string {
  const counts = new Map<string, number>();
  for (const client of clients) for (const reason of client.closeReasons()) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts.entries()].map(([reason, times]) => `${times}x ${reason || 'no reason'}`).join(', ') || 'no close event';
}
