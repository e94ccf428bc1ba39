// 2. Presence: 100 clients in one document each move their caret twice a second; latency from
// the mover's awareness change to each other client's awareness 'change' event.
import { startServerUnderTest } from '../servers/index';
import { SERVER_LABELS, type ServerKind } from '../servers/types';
import { mb, ms, seconds, Samples, type Summary } from '../stats';
import {
  closeSummary,
  connectMany,
  destroyAll,
  forEachServer,
  profileDirFor,
  sleep,
  waitFor,
  warmupSeconds,
  type GoalCheck,
  type Scenario,
  type ScenarioOptions,
  type Table,
} from './common';

const CLIENTS = 100;
const MOVES_PER_SECOND = 2;

interface Caret {
  anchor: number;
  head: number;
  /** performance.now() of the move, in the benchmark process (every client lives there). */
  sentAt: number;
  seq: number;
}

interface PresenceFigures {
  latency: Summary;
  expected: number;
  serverCpuSeconds: number;
  peakRssBytes: number;
  benchCpuSeconds: number;
}

function caretOf(state: unknown): Caret | null {
  if (typeof state !== 'object' || state === null) return null;
  const caret = (state as { caret?: unknown }).caret;
  if (typeof caret !== 'object' || caret === null) return null;
  const candidate = caret as Partial<Caret>;
  return typeof candidate.sentAt === 'number' && typeof candidate.seq === 'number' ? (candidate as Caret) : null;
}

async function runOne(kind: ServerKind, durationSeconds: number, options: ScenarioOptions): Promise<PresenceFigures> {
  const server = await startServerUnderTest(kind, { docs: 1, maxConnections: CLIENTS, cpuProfileDir: profileDirFor(options, kind, 'presence') });
  try {
    const docName = server.docNames[0]!;
    const clients = await connectMany(server, CLIENTS, () => docName);
    for (const client of clients) client.awareness.setLocalStateField('caret', { anchor: 0, head: 0, sentAt: 0, seq: 0 });
    // Everyone must see everyone before we start measuring.
    const seesAll = (): boolean => clients.every((client) => client.awareness.getStates().size >= CLIENTS);
    if (!(await waitFor(seesAll, 20_000, 50))) throw new Error('clients did not all see each other before the run');
    await sleep(300);

    const samples = new Samples();
    let measureFrom = Number.POSITIVE_INFINITY;
    // Highest seq each client has seen of each mover; every move must be seen by all others.
    const lastSeen = clients.map(() => new Map<number, number>());
    const listeners = clients.map((client, index) => {
      const onChange = ({ added, updated }: { added: number[]; updated: number[]; removed: number[] }): void => {
        const now = performance.now();
        for (const id of [...added, ...updated]) {
          if (id === client.doc.clientID) continue;
          const caret = caretOf(client.awareness.getStates().get(id));
          if (!caret || caret.sentAt === 0) continue;
          const seen = lastSeen[index]!;
          if ((seen.get(id) ?? 0) >= caret.seq) continue;
          seen.set(id, caret.seq);
          if (caret.sentAt >= measureFrom) samples.add(now - caret.sentAt);
        }
      };
      client.awareness.on('change', onChange);
      return () => client.awareness.off('change', onChange);
    });

    const meter = server.meter();
    const intervalMs = 1000 / MOVES_PER_SECOND;
    const start = performance.now();
    measureFrom = start + warmupSeconds(options) * 1000;
    const end = measureFrom + durationSeconds * 1000;
    // Each client moves at its own phase so that moves are spread over the interval.
    const schedule = clients.map((_, index) => start + (index / CLIENTS) * intervalMs);
    const seqs = clients.map(() => 0);
    let moves = 0;
    while (true) {
      let next = Number.POSITIVE_INFINITY;
      let who = -1;
      for (let i = 0; i < schedule.length; i++) {
        if (schedule[i]! < next) {
          next = schedule[i]!;
          who = i;
        }
      }
      if (next >= end) break;
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      const client = clients[who]!;
      seqs[who]! += 1;
      const position = (seqs[who]! * 7) % 500;
      const sentAt = performance.now();
      client.awareness.setLocalStateField('caret', { anchor: position, head: position, sentAt, seq: seqs[who]! });
      if (sentAt >= measureFrom) moves += 1;
      schedule[who] = next + intervalMs;
    }
    const expected = moves * (CLIENTS - 1);
    // Wait for the last moves to land everywhere.
    const everyoneSawLast = (): boolean =>
      clients.every((_, index) => clients.every((other, j) => j === index || (lastSeen[index]!.get(other.doc.clientID) ?? 0) >= seqs[j]!));
    const converged = await waitFor(everyoneSawLast, 15_000, 50);
    const phase = meter.end();
    for (const off of listeners) off();
    const closed = clients.reduce((sum, client) => sum + client.closedCount(), 0);
    destroyAll(clients);
    await server.stop();
    if (closed > 0) throw new Error(`${closed} sockets were closed by the server during the run (${closeSummary(clients)})`);
    if (!converged) throw new Error('some clients never saw the last caret position of others (presence diverged)');
    return {
      latency: samples.summary(),
      expected,
      serverCpuSeconds: phase.serverCpuSeconds,
      peakRssBytes: phase.peakRssBytes,
      benchCpuSeconds: phase.benchCpuSeconds,
    };
  } finally {
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
        'Countersign rewrites every awareness entry (stamps the member\'s identity), the peers relay it as sent.',
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
