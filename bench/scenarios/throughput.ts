// 6. Throughput: how many updates a second one server accepts (and, where it does, stores)
// before relaying them. D documents, each with one writer and one observer; each writer keeps a
// window of updates in flight (sent, not yet seen by its observer), one character per update.
import { MAX_MESSAGES_PER_SECOND } from '../../server/sync/limits';
import { editorText, sectionText } from '../editorDoc';
import { startServerUnderTest } from '../servers/index';
import { SERVER_LABELS, type ServerKind } from '../servers/types';
import { count, mb, ms, seconds, Samples, type Summary } from '../stats';
import { closeSummary, connectMany, destroyAll, expectConverged, expectStored, forEachServer, profileDirFor, sleep, trackArrivals, warmupSeconds, type Scenario, type ScenarioOptions, type Table } from './common';

const WINDOW = 32;
/** Per writer, under Countersign's per-connection message limit; the same for every server. */
const MAX_RATE_PER_WRITER = Math.floor(MAX_MESSAGES_PER_SECOND * 0.95);
const TICK_MS = 5;

interface ThroughputFigures {
  docs: number;
  updatesPerSecond: number;
  offeredCap: number;
  latency: Summary;
  serverCpuSeconds: number;
  cpuMicrosPerUpdate: number;
  peakRssBytes: number;
  benchCpuSeconds: number;
  wallSeconds: number;
  persistence: string;
}

async function runOne(kind: ServerKind, docs: number, durationSeconds: number, options: ScenarioOptions): Promise<ThroughputFigures> {
  const server = await startServerUnderTest(kind, { docs, maxConnections: docs * 2, cpuProfileDir: profileDirFor(options, kind, 'throughput') });
  try {
    const writers = await connectMany(server, docs, (index) => server.docNames[index]!);
    const observers = await connectMany(server, docs, (index) => server.docNames[index]!);
    await sleep(500);
    const samples = new Samples();
    let measureFrom = Number.POSITIVE_INFINITY;
    let seenMeasured = 0;
    const sentAt = writers.map(() => [] as number[]);
    const sent = writers.map(() => 0);
    const seen = writers.map(() => 0);
    const detach = observers.map((observer, index) =>
      trackArrivals(observer.doc, writers[index]!.doc.clientID, sentAt[index]!, (latency, sentMs) => {
        seen[index]! += 1;
        if (sentMs >= measureFrom) {
          samples.add(latency);
          seenMeasured += 1;
        }
      }),
    );
    const tokens = writers.map(() => 0);
    const meter = server.meter();
    const start = performance.now();
    measureFrom = start + warmupSeconds(options) * 1000;
    const end = measureFrom + durationSeconds * 1000;
    let last = start;
    while (performance.now() < end) {
      const now = performance.now();
      const refill = ((now - last) / 1000) * MAX_RATE_PER_WRITER;
      last = now;
      for (let w = 0; w < writers.length; w++) {
        tokens[w] = Math.min(WINDOW, tokens[w]! + refill);
        const room = Math.min(WINDOW - (sent[w]! - seen[w]!), Math.floor(tokens[w]!));
        if (room <= 0) continue;
        const text = editorText(writers[w]!.doc);
        for (let k = 0; k < room; k++) {
          sentAt[w]![sent[w]!] = performance.now();
          text.insert(sent[w]!, 'x');
          sent[w]! += 1;
        }
        tokens[w]! -= room;
      }
      await sleep(TICK_MS);
    }
    const seenAtEnd = seenMeasured;
    const elapsed = (performance.now() - measureFrom) / 1000;
    // Drain, then check every observer and the store.
    for (let w = 0; w < writers.length; w++) {
      await expectConverged([observers[w]!], sectionText(writers[w]!.doc), 30_000, `throughput document ${w}`);
    }
    const phase = meter.end();
    for (const off of detach) off();
    const closed = [...writers, ...observers].reduce((sum, client) => sum + client.closedCount(), 0);
    if (closed > 0) throw new Error(`${closed} sockets were closed by the server during the run (${closeSummary([...writers, ...observers])})`);
    const expected = new Map(writers.map((writer, w) => [server.docNames[w]!, sectionText(writer.doc)]));
    const totalSent = sent.reduce((sum, value) => sum + value, 0);
    destroyAll([...writers, ...observers]);
    await sleep(500);
    await server.stop();
    await expectStored(server, expected);
    return {
      docs,
      updatesPerSecond: seenAtEnd / elapsed,
      offeredCap: docs * MAX_RATE_PER_WRITER,
      latency: samples.summary(),
      serverCpuSeconds: phase.serverCpuSeconds,
      cpuMicrosPerUpdate: (phase.serverCpuSeconds / totalSent) * 1e6,
      peakRssBytes: phase.peakRssBytes,
      benchCpuSeconds: phase.benchCpuSeconds,
      wallSeconds: phase.wallSeconds,
      persistence: server.persistence,
    };
  } finally {
    await server.stop();
  }
}

export const throughput: Scenario = {
  id: 'throughput',
  title: '6. Throughput: updates per second accepted, stored and relayed',
  async run(options) {
    const docs = options.quick ? 20 : 50;
    const duration = options.quick ? 4 : 20;
    const results = await forEachServer(options, (kind) => runOne(kind, docs, duration, options));
    const table: Table = {
      title: `Throughput: ${docs} documents x (1 writer + 1 observer), one character per update, ${WINDOW} updates in flight per writer, at most ${MAX_RATE_PER_WRITER}/s per writer, ${duration} s after ${warmupSeconds(options)} s of warm-up`,
      columns: ['server', 'updates/s relayed', 'client cap/s', 'p50 ms', 'p99 ms', 'server CPU s', 'server CPU us/update', 'peak RSS MB', 'bench CPU s / wall s', 'durability before relay'],
      rows: [],
      notes: [
        `Writers are held under ${MAX_RATE_PER_WRITER} updates/s each, under the allowance past which Countersign stops reading a connection until it refills (${MAX_MESSAGES_PER_SECOND} messages/s on average, flow control in server/sync/Connection.ts and limits.ts); the same cap applies to every server. Each writer is also held to ${WINDOW} updates in flight, so its rate is bounded by the round trip too. A result at the cap means the server kept up with all ${docs} writers; below it, with bench CPU s close to wall s, the load generator was the limit.`,
        'If bench CPU s is close to wall s, the load generator (one process on the same 2 cores) was the bottleneck, not the server.',
      ],
    };
    for (const { kind, result, error } of results) {
      if (!result) {
        table.rows.push([SERVER_LABELS[kind], `FAILED: ${error}`, '', '', '', '', '', '', '', '']);
        continue;
      }
      table.rows.push([
        SERVER_LABELS[kind],
        count(result.updatesPerSecond),
        count(result.offeredCap),
        ms(result.latency.p50),
        ms(result.latency.p99),
        seconds(result.serverCpuSeconds),
        result.cpuMicrosPerUpdate.toFixed(0),
        mb(result.peakRssBytes),
        `${seconds(result.benchCpuSeconds)} / ${seconds(result.wallSeconds)}`,
        kind === 'countersign' ? 'yes: SQLite insert per update' : kind === 'y-websocket' ? 'no: LevelDB write queued after relay' : 'no: whole document stored 2-10 s later',
      ]);
      options.log(`  ${kind}: ${count(result.updatesPerSecond)} updates/s, p99 ${ms(result.latency.p99)} ms`);
    }
    return { tables: [table], goals: [], profiles: [] };
  },
};
