// 3. Real typing: the concurrent friendsforever trace, one client per agent. Each agent's
// transactions (precomputed as Yjs updates on top of exactly their parents, see traces.ts) are
// applied by that agent's client at a paced schedule, each only once the transactions named
// in its parents have reached that client through the server. Every client must end with the
// trace's endContent.
import * as Y from 'yjs';
import { startServerUnderTest } from '../servers/index';
import { SERVER_LABELS, type ServerKind } from '../servers/types';
import { convertFriendsForever, type ConcurrentReplay } from '../traces';
import { mb, ms, seconds, Samples, type Summary } from '../stats';
import { closeSummary, destroyAll, expectConverged, expectStored, forEachServer, profileDirFor, sleep, type Scenario, type ScenarioOptions, type Table } from './common';

/**
 * The trace has no timestamps (every `time` is 1970-01-01), so "recorded pace" is a nominal
 * human pace: each agent types 5 keystrokes (transactions) a second, in the trace's order.
 */
const NOMINAL_KEYSTROKES_PER_SECOND = 5;
/** Clients apply what is due every tick, as one Yjs transaction (one message), as an editor batches per frame. */
const TICK_MS = 10;

interface TypingFigures {
  latency: Summary;
  transactions: number;
  messages: number;
  wallSeconds: number;
  waitsForParents: number;
  serverCpuSeconds: number;
  peakRssBytes: number;
  benchCpuSeconds: number;
}

let converted: ConcurrentReplay | null = null;

/** Transactions that insert (advance their agent's Yjs clock); a deletion alone has no clock to observe. */
function measurable(trace: ConcurrentReplay): number {
  let total = 0;
  for (const list of trace.byAgent) {
    let previous = 0;
    for (const txn of list) {
      if (txn.clockEnd > previous) total += 1;
      previous = txn.clockEnd;
    }
  }
  return total;
}

async function runOne(kind: ServerKind, compression: number, options: ScenarioOptions): Promise<TypingFigures> {
  const trace = (converted ??= convertFriendsForever());
  const server = await startServerUnderTest(kind, { docs: 1, maxConnections: trace.agents, cpuProfileDir: profileDirFor(options, kind, 'typing') });
  try {
    const docName = server.docNames[0]!;
    // Each agent's client applies the agent's precomputed updates (Yjs client ids of the trace's
    // agents, see traces.ts); the client's own id is another, so Yjs sees no clash.
    // Each holds the section's paragraph first, as the trace's documents did (traces.ts).
    const docs = trace.clientIds.map(() => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, trace.paragraph);
      return doc;
    });
    const agentClients = docs.map((doc) => server.connect(docName, doc));
    await Promise.all(agentClients.map((client) => client.synced));
    await sleep(300);

    // Per agent: index of the next transaction to apply; per transaction: when it was sent.
    const next = trace.byAgent.map(() => 0);
    const sentAt = new Map<number, number>();
    const samples = new Samples();
    // Arrival of agent b's transactions at client a: by b's clock in a's document.
    const arrived = trace.byAgent.map(() => trace.byAgent.map(() => 0));
    const detach = agentClients.map((client, a) => {
      const onUpdate = (): void => {
        const now = performance.now();
        for (let b = 0; b < trace.agents; b++) {
          if (b === a) continue;
          const state = Y.getState(client.doc.store, trace.clientIds[b]!);
          const list = trace.byAgent[b]!;
          let k = arrived[a]![b]!;
          while (k < list.length && list[k]!.clockEnd <= state) {
            const sent = sentAt.get(list[k]!.index);
            const inserts = k === 0 || list[k]!.clockEnd > list[k - 1]!.clockEnd;
            if (sent !== undefined && inserts) samples.add(now - sent);
            k++;
          }
          arrived[a]![b] = k;
        }
      };
      client.doc.on('update', onUpdate);
      return () => client.doc.off('update', onUpdate);
    });
    // Position of each transaction within its agent's list, to check parents quickly.
    const positionInAgent = new Map<number, { agent: number; position: number }>();
    trace.byAgent.forEach((list, agent) => list.forEach((txn, position) => positionInAgent.set(txn.index, { agent, position })));

    const rate = (trace.agents * NOMINAL_KEYSTROKES_PER_SECOND * compression) / 1000; // transactions per ms, all agents
    const meter = server.meter();
    const start = performance.now();
    let messages = 0;
    let waitsForParents = 0;
    const deadline = start + (trace.txns.length / rate) * 3 + 60_000;
    while (next.some((position, agent) => position < trace.byAgent[agent]!.length)) {
      if (performance.now() > deadline) throw new Error('the replay did not finish in time (parents never arrived?)');
      const now = performance.now();
      for (let a = 0; a < trace.agents; a++) {
        const list = trace.byAgent[a]!;
        const batch: Uint8Array[] = [];
        const batchIndexes: number[] = [];
        while (next[a]! < list.length) {
          const txn = list[next[a]!]!;
          if (start + txn.index / rate > now) break;
          const ready = txn.parents.every((parent) => {
            const where = positionInAgent.get(parent)!;
            return where.agent === a || arrived[a]![where.agent]! > where.position;
          });
          if (!ready) {
            waitsForParents += 1;
            break;
          }
          batch.push(txn.update);
          batchIndexes.push(txn.index);
          next[a]! += 1;
        }
        if (batch.length === 0) continue;
        const sent = performance.now();
        for (const index of batchIndexes) sentAt.set(index, sent);
        Y.applyUpdate(agentClients[a]!.doc, batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch));
        messages += 1;
      }
      await sleep(TICK_MS);
    }
    await expectConverged(agentClients, trace.endContent, 60_000, 'real typing');
    const phase = meter.end();
    for (const off of detach) off();
    const closed = agentClients.reduce((sum, client) => sum + client.closedCount(), 0);
    if (closed > 0) throw new Error(`${closed} sockets were closed by the server during the run (${closeSummary(agentClients)})`);
    destroyAll(agentClients);
    await sleep(300);
    await server.stop();
    await expectStored(server, new Map([[docName, trace.endContent]]));
    return {
      latency: samples.summary(),
      transactions: measurable(trace),
      messages,
      wallSeconds: phase.wallSeconds,
      waitsForParents,
      serverCpuSeconds: phase.serverCpuSeconds,
      peakRssBytes: phase.peakRssBytes,
      benchCpuSeconds: phase.benchCpuSeconds,
    };
  } finally {
    await server.stop();
  }
}

export const typing: Scenario = {
  id: 'typing',
  title: '3. Real typing: the friendsforever concurrent trace',
  async run(options) {
    const compression = options.quick ? 800 : 50;
    const results = await forEachServer(options, (kind) => runOne(kind, compression, options));
    const trace = converted;
    const table: Table = {
      title: `Real typing: friendsforever (${trace?.agents ?? '?'} agents, ${trace?.txns.length ?? '?'} transactions), ${NOMINAL_KEYSTROKES_PER_SECOND} keystrokes/s per agent x${compression}; latency author -> other agent (ms)`,
      columns: ['server', 'p50', 'p95', 'p99', 'max', 'transactions seen', 'messages sent', 'wall s', 'server CPU s', 'peak RSS MB', 'bench CPU s', 'end content'],
      rows: [],
      notes: [
        'The trace has no timestamps (all are 1970-01-01), so the pace is nominal: 5 keystrokes/s per agent, compressed as stated; transactions due within a 10 ms tick go out as one update (one message), as an editor batches per frame.',
        "A transaction waits until the transactions in its `parents` have reached its author's client through the server.",
        'Latency is measured for transactions that insert (a deletion alone advances no Yjs clock to observe).',
        'End content: every client and the stored state equal the trace\'s endContent (21,362 characters).',
      ],
    };
    for (const { kind, result, error } of results) {
      if (!result) {
        table.rows.push([SERVER_LABELS[kind], `FAILED: ${error}`, '', '', '', '', '', '', '', '', '', 'n/a']);
        continue;
      }
      const l = result.latency;
      table.rows.push([
        SERVER_LABELS[kind],
        ms(l.p50),
        ms(l.p95),
        ms(l.p99),
        ms(l.max),
        `${l.count}/${result.transactions}`,
        String(result.messages),
        seconds(result.wallSeconds),
        seconds(result.serverCpuSeconds),
        mb(result.peakRssBytes),
        seconds(result.benchCpuSeconds),
        'equal',
      ]);
      options.log(`  ${kind}: p50 ${ms(l.p50)} p99 ${ms(l.p99)} ms in ${seconds(result.wallSeconds)} s`);
    }
    return { tables: [table], goals: [], profiles: [] };
  },
};
