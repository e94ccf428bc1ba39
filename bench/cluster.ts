// Fan-out across instances: one writer types 20 characters a second on instance A; N observers
// watch on instance B (two instances on one PostgreSQL database and one Redis), and, to compare,
// N observers on A itself. Latency from the writer's transaction to each observer's applied
// update (one process holds every client, so one clock), server CPU per typed character on each
// instance, and correctness (every observer and the database hold the writer's text).
//
//   node --import tsx bench/cluster.ts [--observers 50] [--seconds 10]
//
// Standalone (not a scenario of bench/run.ts yet): it starts its own PostgreSQL cluster, Redis and
// two Countersign processes with the test helpers, on the demo data.
import { docFromUpdates } from '../server/content/sectionContent';
import { openStore } from '../server/store/openStore';
import { startChildServer, type ChildServer } from '../tests/helpers/childServer';
// The clients and their documents use the app's yjs (through the test helpers), not the bench's.
import { connectSection, fragmentText, insertText, login, sampleResponse, type SectionClient } from '../tests/helpers/clients';
import { createTestDatabase } from '../tests/helpers/postgres';
import { redisPrefix, startTestRedis } from '../tests/helpers/redis';
import { waitFor } from '../tests/helpers/waitFor';
import * as decoding from 'lib0/decoding';
import { MESSAGE_WRITE_ACK, WRITE_STORED } from '../shared/protocol';
import pg from 'pg';
import * as BenchY from 'yjs';
import { readProc } from './proc';
import { hocuspocusClient } from './servers/clients';
import { compileScript } from './servers/compile';
import { launcherReady, spawnServer, type ServerProcess } from './servers/spawn';
import type { BenchClient } from './servers/types';
import { fileURLToPath } from 'node:url';
import { ms, Samples } from './stats';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHARS_PER_SECOND = 20;
const WARMUP_CHARS = 20;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const OBSERVERS = argument('observers', 50);
const SECONDS = argument('seconds', 10);
/** Writers of the throughput runs, each sending its next edit once the last is acknowledged. */
const WRITERS = argument('writers', 4);
const THROUGHPUT_SECONDS = argument('throughput-seconds', 5);
const sleep = (msToWait: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, msToWait));

/** Characters in the first paragraph (where the writer types, at its start). */
function firstParagraphLength(client: SectionClient): number {
  return client.text().split('\n')[0]!.length;
}

interface Run {
  label: string;
  latency: ReturnType<Samples['summary']>;
  expected: number;
  cpuPerCharMs: { a: number; b: number };
  correct: boolean;
}

async function runOne(label: string, writerOn: ChildServer, observersOn: ChildServer, a: ChildServer, b: ChildServer, cookie: string, responseId: string, sectionId: string, databaseUrl: string): Promise<Run> {
  const writer = connectSection(writerOn.url, cookie, responseId, sectionId);
  const observers: SectionClient[] = [];
  for (let i = 0; i < OBSERVERS; i++) observers.push(connectSection(observersOn.url, cookie, responseId, sectionId));
  const all = [writer, ...observers];
  try {
    await waitFor(() => {
      if (!all.every((client) => client.provider.synced)) throw new Error('not synced yet');
    }, 60_000);
    const initial = firstParagraphLength(writer);
    const total = WARMUP_CHARS + SECONDS * CHARS_PER_SECOND;
    const typedAt: number[] = [];
    const samples = new Samples();
    for (const observer of observers) {
      let seen = 0;
      observer.doc.on('update', () => {
        const now = performance.now();
        const length = firstParagraphLength(observer) - initial;
        for (; seen < length; seen++) if (seen >= WARMUP_CHARS && typedAt[seen] !== undefined) samples.add(now - typedAt[seen]!);
      });
    }
    let before = { a: 0, b: 0 };
    const start = performance.now();
    for (let k = 0; k < total; k++) {
      const wait = start + (k * 1000) / CHARS_PER_SECOND - performance.now();
      if (wait > 0) await sleep(wait);
      if (k === WARMUP_CHARS) before = { a: readProc(a.pid!).cpuSeconds, b: readProc(b.pid!).cpuSeconds };
      typedAt[k] = performance.now();
      insertText(writer.doc, k, 'abcdefghijklmnopqrstuvwxyz '[k % 27]!);
    }
    const expected = fragmentText(writer.doc);
    await waitFor(() => {
      if (!observers.every((observer) => fragmentText(observer.doc) === expected)) throw new Error('observers behind');
    }, 60_000, 50).catch((error: unknown) => {
      const behind = observers.filter((observer) => fragmentText(observer.doc) !== expected);
      process.stderr.write(
        `${label}: ${behind.length} of ${observers.length} observers differ from the writer (${expected.length} chars): ${behind
          .slice(0, 5)
          .map((observer) => `${fragmentText(observer.doc).length} chars, connected ${observer.provider.wsconnected}`)
          .join('; ')}\n`,
      );
      throw error;
    });
    const after = { a: readProc(a.pid!).cpuSeconds, b: readProc(b.pid!).cpuSeconds };
    const measured = total - WARMUP_CHARS;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-cluster-'));
    const store = await openStore({ dataDir: dir, databaseUrl });
    const stored = await waitFor(async () => {
      const value = fragmentText(docFromUpdates(await store.updates.load(sectionId)));
      if (value !== expected) throw new Error('not stored yet');
      return value;
    }, 30_000, 100).catch(() => null);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return {
      label,
      latency: samples.summary(),
      expected: measured * OBSERVERS,
      cpuPerCharMs: { a: ((after.a - before.a) * 1000) / measured, b: ((after.b - before.b) * 1000) / measured },
      correct: stored === expected,
    };
  } finally {
    for (const client of all) client.destroy();
  }
}

/**
 * The same fan-out on two Hocuspocus 3.4 instances with the Redis extension, on the same
 * PostgreSQL (a table of whole documents) and Redis; its own documents (the bench's yjs, a Y.Text).
 */
async function hocuspocusFanout(label: string, writerOn: ServerProcess, observersOn: ServerProcess, a: ServerProcess, b: ServerProcess, docName: string, databaseUrl: string): Promise<Run> {
  const url = (server: ServerProcess) => `ws://127.0.0.1:${server.port}`;
  const writer = hocuspocusClient(url(writerOn), docName, new BenchY.Doc(), { presence: false });
  const observers: BenchClient[] = [];
  for (let i = 0; i < OBSERVERS; i++) observers.push(hocuspocusClient(url(observersOn), docName, new BenchY.Doc(), { presence: false }));
  const all = [writer, ...observers];
  try {
    await Promise.all(all.map((client) => client.synced));
    const text = writer.doc.getText('t');
    const total = WARMUP_CHARS + SECONDS * CHARS_PER_SECOND;
    const typedAt: number[] = [];
    const samples = new Samples();
    for (const observer of observers) {
      let seen = 0;
      const theirs = observer.doc.getText('t');
      observer.doc.on('update', () => {
        const now = performance.now();
        for (; seen < theirs.length; seen++) if (seen >= WARMUP_CHARS && typedAt[seen] !== undefined) samples.add(now - typedAt[seen]!);
      });
    }
    let before = { a: 0, b: 0 };
    const start = performance.now();
    for (let k = 0; k < total; k++) {
      const wait = start + (k * 1000) / CHARS_PER_SECOND - performance.now();
      if (wait > 0) await sleep(wait);
      if (k === WARMUP_CHARS) before = { a: readProc(a.pid).cpuSeconds, b: readProc(b.pid).cpuSeconds };
      typedAt[k] = performance.now();
      text.insert(k, 'abcdefghijklmnopqrstuvwxyz '[k % 27]!);
    }
    const expected = text.toString();
    await waitFor(() => {
      if (!observers.every((observer) => observer.doc.getText('t').toString() === expected)) throw new Error('observers behind');
    }, 60_000, 50);
    const after = { a: readProc(a.pid).cpuSeconds, b: readProc(b.pid).cpuSeconds };
    const measured = total - WARMUP_CHARS;
    // Hocuspocus stores 2 s after the last change (at most every 10 s).
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = await waitFor(async () => {
      const { rows } = await client.query<{ data: Buffer }>('SELECT data FROM hocuspocus_documents WHERE name = $1', [docName]);
      const doc = new BenchY.Doc();
      if (rows[0]) BenchY.applyUpdate(doc, new Uint8Array(rows[0].data));
      if (doc.getText('t').toString() !== expected) throw new Error('not stored yet');
      return true;
    }, 30_000, 200).catch(() => false);
    await client.end();
    return {
      label,
      latency: samples.summary(),
      expected: measured * OBSERVERS,
      cpuPerCharMs: { a: ((after.a - before.a) * 1000) / measured, b: ((after.b - before.b) * 1000) / measured },
      correct: stored,
    };
  } finally {
    for (const client of all) client.destroy();
  }
}

interface Throughput {
  label: string;
  perSecond: number;
  latency: ReturnType<Samples['summary']>;
  cpuPerUpdateMs: { a: number; b: number };
  correct: boolean;
}

/** Writers spread over `servers`, each in a loop: edit, wait for its acknowledgement, again. */
async function throughput(label: string, servers: ChildServer[], a: ChildServer, b: ChildServer, cookie: string, responseId: string, sectionId: string, databaseUrl: string): Promise<Throughput> {
  const writers = Array.from({ length: WRITERS }, (_, i) => connectSection(servers[i % servers.length]!.url, cookie, responseId, sectionId, { acks: '1' }));
  try {
    await waitFor(() => {
      if (!writers.every((writer) => writer.provider.synced)) throw new Error('not synced yet');
    }, 60_000);
    const waiting = writers.map(() => null as null | ((status: number) => void));
    writers.forEach((writer, i) => {
      writer.provider.messageHandlers[MESSAGE_WRITE_ACK] = (_encoder, decoder) => {
        const status = decoding.readVarUint(decoder);
        waiting[i]?.(status);
      };
    });
    const samples = new Samples();
    let stored = 0;
    let refused = 0;
    const before = { a: readProc(a.pid!).cpuSeconds, b: readProc(b.pid!).cpuSeconds };
    const end = performance.now() + THROUGHPUT_SECONDS * 1000;
    await Promise.all(
      writers.map(async (writer, i) => {
        while (performance.now() < end) {
          const sent = performance.now();
          const status = await new Promise<number>((resolve) => {
            waiting[i] = resolve;
            insertText(writer.doc, 0, String.fromCharCode(97 + i));
          });
          waiting[i] = null;
          samples.add(performance.now() - sent);
          if (status === WRITE_STORED) stored += 1;
          else refused += 1;
        }
      }),
    );
    const after = { a: readProc(a.pid!).cpuSeconds, b: readProc(b.pid!).cpuSeconds };
    if (refused > 0) throw new Error(`${refused} writes refused`);
    // Every writer ends with everyone's edits, the same text.
    const expected = await waitFor(() => {
      const text = fragmentText(writers[0]!.doc);
      if (!writers.every((writer) => fragmentText(writer.doc) === text)) throw new Error('writers differ');
      return text;
    }, 60_000, 50);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-cluster-'));
    const store = await openStore({ dataDir: dir, databaseUrl });
    const inStore = await waitFor(async () => {
      const value = fragmentText(docFromUpdates(await store.updates.load(sectionId)));
      if (value !== expected) throw new Error('not stored yet');
      return value;
    }, 30_000, 100).catch(() => null);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return {
      label,
      perSecond: stored / THROUGHPUT_SECONDS,
      latency: samples.summary(),
      cpuPerUpdateMs: { a: ((after.a - before.a) * 1000) / stored, b: ((after.b - before.b) * 1000) / stored },
      correct: inStore === expected,
    };
  } finally {
    for (const writer of writers) writer.destroy();
  }
}

const [database, redis] = await Promise.all([createTestDatabase(), startTestRedis()]);
const env = { COUNTERSIGN_DATABASE_URL: database.url, COUNTERSIGN_REDIS_URL: redis.url, COUNTERSIGN_REDIS_PREFIX: redisPrefix() };
const a = await startChildServer({ env });
const b = await startChildServer({ env });
try {
  const cookie = await login(a.url, 'pcc@example.org');
  const sample = await sampleResponse(a.url, cookie);
  const sections = sample.sections.filter((section) => section.state === 'drafting' && section.ownerRole === 'pcc');
  const runs = [
    await runOne('Countersign: writer on A, observers on A', a, a, a, b, cookie, sample.id, sections[0]!.id, database.url),
    await runOne('Countersign: writer on A, observers on B', a, b, a, b, cookie, sample.id, sections[1]!.id, database.url),
  ];
  // Hocuspocus on the same PostgreSQL (a table of its own) and Redis (a prefix of its own).
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query('CREATE TABLE IF NOT EXISTS hocuspocus_documents (name text PRIMARY KEY, data bytea NOT NULL)');
  await admin.end();
  const script = compileScript(path.join(path.dirname(fileURLToPath(import.meta.url)), 'servers', 'hocuspocusClusterServer.ts'));
  const hocuspocusEnv = { BENCH_DATABASE_URL: database.url, BENCH_REDIS_URL: redis.url, BENCH_REDIS_PREFIX: `${redisPrefix()}hocuspocus` };
  const ha = await spawnServer({ script, env: hocuspocusEnv, readyLine: launcherReady });
  const hb = await spawnServer({ script, env: hocuspocusEnv, readyLine: launcherReady });
  try {
    runs.push(await hocuspocusFanout('Hocuspocus: writer on A, observers on A', ha, ha, ha, hb, 'doc-same', database.url));
    runs.push(await hocuspocusFanout('Hocuspocus: writer on A, observers on B', ha, hb, ha, hb, 'doc-across', database.url));
  } finally {
    await Promise.all([ha.stop(), hb.stop()]);
  }
  const rates = [
    await throughput('one instance (all writers on A)', [a], a, b, cookie, sample.id, sections[0]!.id, database.url),
    await throughput('two instances (writers alternate A, B)', [a, b], a, b, cookie, sample.id, sections[1]!.id, database.url),
  ];
  process.stdout.write(
    `\nFan-out across instances: writer at ${CHARS_PER_SECOND} chars/s for ${SECONDS} s, ${OBSERVERS} observers (PostgreSQL + Redis, load ${os.loadavg()[0]!.toFixed(1)})\n`,
  );
  process.stdout.write('| run | p50 ms | p95 ms | p99 ms | max ms | samples | CPU A ms/char | CPU B ms/char | stored = typed |\n|---|---|---|---|---|---|---|---|---|\n');
  for (const run of runs) {
    const l = run.latency;
    process.stdout.write(
      `| ${run.label} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max)} | ${l.count}/${run.expected} | ${run.cpuPerCharMs.a.toFixed(2)} | ${run.cpuPerCharMs.b.toFixed(2)} | ${run.correct ? 'yes' : 'NO'} |\n`,
    );
  }
  process.stdout.write(`\nThroughput: ${WRITERS} writers on one section, each sending its next edit once the last is acknowledged, for ${THROUGHPUT_SECONDS} s\n`);
  process.stdout.write('| run | acknowledged updates/s | ack p50 ms | ack p99 ms | CPU A ms/update | CPU B ms/update | stored = typed |\n|---|---|---|---|---|---|---|\n');
  for (const rate of rates) {
    process.stdout.write(
      `| ${rate.label} | ${rate.perSecond.toFixed(0)} | ${ms(rate.latency.p50)} | ${ms(rate.latency.p99)} | ${rate.cpuPerUpdateMs.a.toFixed(2)} | ${rate.cpuPerUpdateMs.b.toFixed(2)} | ${rate.correct ? 'yes' : 'NO'} |\n`,
    );
  }
} finally {
  await Promise.all([a.dispose(), b.dispose()]);
  await redis.stop();
  await database.drop();
}
process.exit(0);
