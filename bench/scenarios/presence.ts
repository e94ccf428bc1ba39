// 2. Presence: 100 clients in one document each move their caret twice a second; latency from
// the mover's awareness change to each other client's awareness 'change' event.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerUnderTest } from '../servers/index';
import { SERVER_LABELS, type ServerKind } from '../servers/types';
import { mb, ms, seconds, Samples, type Summary } from '../stats';
import {
  forEachServer,
  profileDirFor,
  sleep,
  warmupSeconds,
  type GoalCheck,
  type Scenario,
  type ScenarioOptions,
  type Table,
} from './common';
import { now } from './clock';
import type { FromPresenceWorker, PresenceWorkerData, ToPresenceWorker } from './presenceWorker';
import { CLIENT_THREADS, nextReply, startClientThreads, type ClientThreads } from './workerThreads';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLIENTS = 100;
const MOVES_PER_SECOND = 2;

interface PresenceFigures {
  latency: Summary;
  expected: number;
  serverCpuSeconds: number;
  peakRssBytes: number;
  benchCpuSeconds: number;
}

type Moved = Extract<FromPresenceWorker, { type: 'moved' }>;
type Done = Extract<FromPresenceWorker, { type: 'done' }>;

async function runOne(kind: ServerKind, durationSeconds: number, options: ScenarioOptions): Promise<PresenceFigures> {
  const server = await startServerUnderTest(kind, { docs: 1, maxConnections: CLIENTS, cpuProfileDir: profileDirFor(options, kind, 'presence') });
  let threads: ClientThreads | null = null;
  try {
    const docName = server.docNames[0]!;
    threads = startClientThreads(server, docName, CLIENTS, path.join(here, 'presenceWorker.ts'), (specs, indexes): PresenceWorkerData => ({
      specs,
      indexes,
      total: CLIENTS,
    }));
    const { workers } = threads;
    await Promise.all(workers.map((worker) => nextReply(worker, 'ready')));
    await sleep(300);

    const meter = server.meter();
    const startAt = now() + 100;
    const measureFrom = startAt + warmupSeconds(options) * 1000;
    const run: ToPresenceWorker = { type: 'run', startAt, measureFrom, endAt: measureFrom + durationSeconds * 1000, intervalMs: 1000 / MOVES_PER_SECOND };
    const moved = workers.map((worker) => nextReply<Moved>(worker, 'moved'));
    for (const worker of workers) worker.postMessage(run);
    const movedAll = await Promise.all(moved);
    const expected = movedAll.reduce((sum, answer) => sum + answer.measuredMoves, 0) * (CLIENTS - 1);
    // Wait for the last moves to land everywhere.
    const converge: ToPresenceWorker = { type: 'converge', lastSeqs: movedAll.flatMap((answer) => answer.lastSeqs), timeoutMs: 15_000 };
    const done = workers.map((worker) => nextReply<Done>(worker, 'done'));
    for (const worker of workers) worker.postMessage(converge);
    const doneAll = await Promise.all(done);
    const phase = meter.end();
    await threads.stop();
    await server.stop();
    const closed = doneAll.reduce((sum, answer) => sum + answer.closed, 0);
    if (closed > 0) throw new Error(`${closed} sockets were closed by the server during the run (${doneAll.flatMap((answer) => answer.closeReasons).join('; ')})`);
    if (!doneAll.every((answer) => answer.converged)) throw new Error('some clients never saw the last caret position of others (presence diverged)');
    const samples = new Samples();
    for (const answer of doneAll) for (const latency of answer.latencies) samples.add(latency);
    return {
      latency: samples.summary(),
      expected,
      serverCpuSeconds: phase.serverCpuSeconds,
      peakRssBytes: phase.peakRssBytes,
      benchCpuSeconds: phase.benchCpuSeconds,
    };
  } finally {
    await threads?.stop();
    await server.stop();
  }
}

export const presence: Scenario = {
  id: 'presence',
  title: '2. Presence: 100 clients moving their caret twice a second',
  async run(options) {
    const duration = options.quick ? 3 : 20;
    const results = await forEachServer(options, (kind) => runOne(kind, duration, options));
    const table: Table = {
      title: `Presence: ${CLIENTS} clients in one document, each caret move ${MOVES_PER_SECOND}/s for ${duration} s (after ${warmupSeconds(options)} s of warm-up); awareness latency mover -> every other client (ms)`,
      columns: ['server', 'p50', 'p95', 'p99', 'max', 'samples (seen/sent)', 'server CPU s', 'peak RSS MB', 'bench CPU s'],
      rows: [],
      notes: [
        'A sample is counted when a client first sees a newer caret of another client; a move overtaken by the next one before it arrives counts once, late.',
        'Countersign rebuilds every awareness entry from its validated caret and the member\'s name, role and colour; the peers relay it as sent.',
        `The clients are spread over ${CLIENT_THREADS} worker threads of the benchmark process (one per core); a move is timed on the clock every thread shares.`,
      ],
    };
    for (const { kind, result, error } of results) {
      if (!result) {
        table.rows.push([SERVER_LABELS[kind], `FAILED: ${error}`, '', '', '', '', '', '', '']);
        continue;
      }
      const l = result.latency;
      table.rows.push([
        SERVER_LABELS[kind],
        ms(l.p50),
        ms(l.p95),
        ms(l.p99),
        ms(l.max),
        `${l.count}/${result.expected}`,
        seconds(result.serverCpuSeconds),
        mb(result.peakRssBytes),
        seconds(result.benchCpuSeconds),
      ]);
      options.log(`  ${kind}: p95 ${ms(l.p95)} ms`);
    }
    const ours = results.find((entry) => entry.kind === 'countersign');
    const goals: GoalCheck[] = [];
    if (ours) {
      goals.push({
        goal: 'Presence p95 < 100 ms',
        met: ours.result ? ours.result.latency.p95 < 100 : false,
        detail: ours.result ? `Countersign p95 ${ms(ours.result.latency.p95)} ms` : `Countersign failed: ${ours.error}`,
      });
    }
    return { tables: [table], goals, profiles: [] };
  },
};
