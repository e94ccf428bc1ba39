// 1. Fan-out: one writer types 20 characters a second into one document watched by N observers;
// latency from the writer's transaction to each observer's applied update.
import { editorText } from '../editorDoc';
import { startServerUnderTest } from '../servers/index';
import { ObserverThreads } from './observerThreads';
import { CLIENT_THREADS } from './workerThreads';
import { PEER_KINDS, SERVER_LABELS, type ServerKind } from '../servers/types';
import { mb, ms, seconds, Samples, type Summary } from '../stats';
import {
  connectMany,
  destroyAll,
  expectStored,
  forEachServer,
  profileDirFor,
  sleep,
  warmupSeconds,
  type GoalCheck,
  type Scenario,
  type ScenarioOptions,
  type Table,
} from './common';

const CHARS_PER_SECOND = 20;
const ALPHABET = 'the quick brown fox jumps over the lazy dog ';

interface FanoutFigures {
  observers: number;
  latency: Summary;
  expectedSamples: number;
  serverCpuSeconds: number;
  peakRssBytes: number;
  benchCpuSeconds: number;
}

async function runOne(kind: ServerKind, observers: number, seconds_: number, options: ScenarioOptions): Promise<FanoutFigures> {
  const server = await startServerUnderTest(kind, {
    docs: 1,
    maxConnections: observers + 1,
    cpuProfileDir: profileDirFor(options, kind, `fanout-${observers}`),
  });
  let watchers: ObserverThreads | null = null;
  try {
    const docName = server.docNames[0]!;
    const writer = (await connectMany(server, 1, () => docName))[0]!;
    const warmup = Math.round(warmupSeconds(options) * CHARS_PER_SECOND);
    const total = warmup + Math.round(seconds_ * CHARS_PER_SECOND);
    // Observers share no presence: this measures document updates. (With presence, 500 clients
    // renewing their awareness every 15 s is a storm of 500 x 500 messages; see presence.)
    watchers = await ObserverThreads.start(server, docName, observers, writer.doc.clientID, total);
    await sleep(500);
    const start = performance.now();
    const meter = server.meter();
    // The writer's paragraph (editorDoc.ts) goes out before the first character.
    const text = editorText(writer.doc);
    for (let k = 0; k < total; k++) {
      const due = start + (k * 1000) / CHARS_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      // Samples count from the first character typed after the warm-up.
      if (k === warmup) watchers.measureFrom(k);
      watchers.typed(k);
      text.insert(k, ALPHABET[k % ALPHABET.length]!);
    }
    const expected = text.toString();
    const seen = await watchers.finish(expected, 30_000);
    const phase = meter.end();
    if (seen.converged < observers) throw new Error(`fan-out to ${observers}: only ${seen.converged} observers hold the writer's text`);
    const closed = seen.closed + writer.closedCount();
    if (closed > 0) throw new Error(`${closed} sockets were closed by the server during the run (${[...seen.closeReasons, ...writer.closeReasons()].join('; ')})`);
    destroyAll([writer]);
    await sleep(300);
    await server.stop();
    await expectStored(server, new Map([[docName, expected]]));
    const samples = new Samples();
    for (const latency of seen.latencies) samples.add(latency);
    return {
      observers,
      latency: samples.summary(),
      expectedSamples: (total - warmup) * observers,
      serverCpuSeconds: phase.serverCpuSeconds,
      peakRssBytes: phase.peakRssBytes,
      benchCpuSeconds: phase.benchCpuSeconds,
    };
  } finally {
    await watchers?.stop();
    await server.stop();
  }
}

export const fanout: Scenario = {
  id: 'fanout',
  title: '1. Fan-out: one writer at 20 characters/s, N observers',
  async run(options) {
    const sizes = [10, 100, 500];
    const typingSeconds = options.quick ? 3 : 20;
    const byKind = new Map<ServerKind, Map<number, FanoutFigures | string>>();
    for (const observers of sizes) {
      options.log(`fan-out N=${observers}`);
      const results = await forEachServer(options, (kind) => runOne(kind, observers, typingSeconds, options));
      for (const { kind, result, error } of results) {
        const map = byKind.get(kind) ?? new Map<number, FanoutFigures | string>();
        map.set(observers, result ?? `FAILED: ${error}`);
        byKind.set(kind, map);
        if (result) options.log(`  ${kind}: p50 ${ms(result.latency.p50)} p99 ${ms(result.latency.p99)} ms, cpu ${seconds(result.serverCpuSeconds)} s`);
      }
    }
    const table: Table = {
      title: `Fan-out: writer types ${CHARS_PER_SECOND} chars/s for ${typingSeconds} s (after ${warmupSeconds(options)} s of warm-up) into one document; latency writer transaction -> observer applied (ms)`,
      columns: ['server', 'N', 'p50', 'p95', 'p99', 'max', 'samples', 'server CPU s', 'peak RSS MB', 'bench CPU s'],
      rows: [],
      notes: [
        'Observers share no presence (no awareness state), so this measures document updates only; the writer has one. Presence is scenario 2.',
        `Observers are spread over ${CLIENT_THREADS} worker threads of the benchmark process (one per core), the writer on its main thread; each thread applies its observers' copies one after another, so the latency to the last observer of a thread includes the client-side work for those before it (bench CPU s), on cores the server shares.`,
      ],
    };
    for (const kind of options.kinds) {
      for (const observers of sizes) {
        const figures = byKind.get(kind)?.get(observers);
        if (figures === undefined) continue;
        if (typeof figures === 'string') {
          table.rows.push([SERVER_LABELS[kind], String(observers), figures, '', '', '', '', '', '', '']);
          continue;
        }
        const l = figures.latency;
        table.rows.push([
          SERVER_LABELS[kind],
          String(observers),
          ms(l.p50),
          ms(l.p95),
          ms(l.p99),
          ms(l.max),
          `${l.count}/${figures.expectedSamples}`,
          seconds(figures.serverCpuSeconds),
          mb(figures.peakRssBytes),
          seconds(figures.benchCpuSeconds),
        ]);
      }
    }
    const goals: GoalCheck[] = [];
    const ours = byKind.get('countersign')?.get(500);
    const peerP99s = options.kinds
      .filter((kind) => PEER_KINDS.includes(kind))
      .map((kind) => byKind.get(kind)?.get(500))
      .filter((figures): figures is FanoutFigures => typeof figures === 'object')
      .map((figures) => figures.latency.p99);
    if (ours && typeof ours === 'object') {
      const best = peerP99s.length > 0 ? Math.min(...peerP99s) : Number.NaN;
      const ratio = ours.latency.p99 / best;
      goals.push({
        goal: 'Fan-out p99 at 500 observers <= 0.8x the best peer\'s',
        met: Number.isFinite(ratio) ? ratio <= 0.8 : null,
        detail: `Countersign ${ms(ours.latency.p99)} ms vs best peer ${ms(best)} ms (${Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'}x)`,
      });
      goals.push({
        goal: 'Fan-out p99 at 500 observers < 10 ms',
        met: ours.latency.p99 < 10,
        detail: `Countersign p99 ${ms(ours.latency.p99)} ms`,
      });
    } else {
      goals.push({ goal: 'Fan-out p99 at 500 observers', met: false, detail: `Countersign: ${ours ?? 'not run'}` });
    }
    return { tables: [table], goals, profiles: [] };
  },
};
