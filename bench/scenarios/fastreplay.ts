// 7. Fast replay: the friendsforever trace (a real two-person editing session) replayed at full
// speed through ONE provider per server (y-websocket's for Countersign and the y-websocket
// server, Hocuspocus's own for Hocuspocus), with one observer. A well-formed client that sends
// edits fast must not lose them: the figure is the time until the observer, and then the state
// the server stored, equal the trace's final text, or, when they never do, how much arrived and
// which close code the writer saw. Every wait is bounded, so a server that drops the writer is
// reported as a failure, not waited on for ever.
import * as Y from 'yjs';
import { sectionLength, sectionText } from '../editorDoc';
import { startServerUnderTest } from '../servers/index';
import { SERVER_LABELS, type BenchClient, type ServerKind } from '../servers/types';
import { convertFriendsForever, type ConcurrentReplay } from '../traces';
import { count, mb, seconds } from '../stats';
import { destroyAll, forEachServer, profileDirFor, sleep, withTimeout, type GoalCheck, type Scenario, type ScenarioOptions, type Table } from './common';

/** The trace as the issue describes it ("26,078 transactions ... 21,362 characters"). */
const EXPECTED_TRANSACTIONS = 26_078;
const EXPECTED_CHARACTERS = 21_362;
/** Transactions applied back to back before the replay lets the event loop run (socket I/O, close events). */
const TRANSACTIONS_PER_TURN = 32;
/** After a close the provider will not recover from, how long the observer may stay unchanged before we stop waiting. */
const STALL_MS = 5_000;
/** The longest we wait for the observer after the replay starts. */
const TIMEOUT_MS = { quick: 60_000, full: 180_000 };
/** Close codes y-websocket's provider treats as final (it stops reconnecting; DESIGN's close-code table). */
const FINAL_CLOSE = { from: 4400, to: 4499 };

interface ReplayFigures {
  transactions: number;
  /** Seconds from the first transaction until all were handed to the provider. */
  replaySeconds: number;
  /** Seconds from the first transaction until the observer held the final text; null if it never did. */
  observerSeconds: number | null;
  observerCharacters: number;
  storedCharacters: number;
  storedEqual: boolean;
  /** The writer's closes, in order: code and reason, and how many transactions had been applied by then. */
  closes: string[];
  /** Whether the writer's provider gave up for good (a final close code). */
  gaveUp: boolean;
  serverCpuSeconds: number;
  peakRssBytes: number;
}

let converted: ConcurrentReplay | null = null;

function closeCode(reason: string): number {
  return Number.parseInt(reason, 10);
}

/** Whether the client's provider stops reconnecting after this close (y-websocket's rule; Hocuspocus's provider always retries). */
function isFinal(kind: ServerKind, reason: string): boolean {
  if (kind === 'hocuspocus') return false;
  const code = closeCode(reason);
  return code >= FINAL_CLOSE.from && code <= FINAL_CLOSE.to;
}

async function runOne(kind: ServerKind, options: ScenarioOptions): Promise<ReplayFigures> {
  const trace = (converted ??= convertFriendsForever());
  const server = await startServerUnderTest(kind, { docs: 1, maxConnections: 2, cpuProfileDir: profileDirFor(options, kind, 'fastreplay') });
  const clients: BenchClient[] = [];
  try {
    const docName = server.docNames[0]!;
    // One after the other: two Hocuspocus providers that open a document at the same moment
    // sometimes leave one never synced (5 of 20 tries here), which is not what this measures.
    const observer = server.connect(docName, undefined, { presence: false });
    clients.push(observer);
    await withTimeout(observer.synced, 30_000, "the observer's first sync");
    const writer = server.connect(docName, undefined, { presence: false });
    clients.push(writer);
    await withTimeout(writer.synced, 30_000, "the writer's first sync");

    const end = trace.endContent;
    const timeoutMs = options.quick ? TIMEOUT_MS.quick : TIMEOUT_MS.full;
    let applied = 0;
    const closes: string[] = [];
    let seenCloses = 0;
    const noteCloses = (): void => {
      const reasons = writer.closeReasons();
      for (; seenCloses < reasons.length; seenCloses++) closes.push(`${reasons[seenCloses]} (seen after ${count(applied)} transactions were handed over)`);
    };
    let observerAt: number | null = null;
    let lastLength = sectionLength(observer.doc);
    let lastChange = performance.now();
    const onObserverUpdate = (): void => {
      const now = performance.now();
      const length = sectionLength(observer.doc);
      if (length !== lastLength) {
        lastLength = length;
        lastChange = now;
      }
      if (observerAt === null && length === end.length && sectionText(observer.doc) === end) observerAt = now;
    };
    observer.doc.on('update', onObserverUpdate);

    const meter = server.meter();
    const start = performance.now();
    // The section's paragraph first (every transaction types into it), as one update message.
    Y.applyUpdate(writer.doc, trace.paragraph);
    // Every transaction, in the trace's order (each one's parents come before it), applied to the
    // writer's document: the provider sends each as one update message the moment it is applied.
    for (const txn of trace.txns) {
      Y.applyUpdate(writer.doc, txn.update);
      applied += 1;
      if (applied % TRANSACTIONS_PER_TURN === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        noteCloses();
      }
    }
    const replaySeconds = (performance.now() - start) / 1000;
    noteCloses();
    const writerText = sectionText(writer.doc);
    if (writerText !== end) throw new Error(`the writer's own document does not hold the trace's final text (${writerText.length} characters): the replay is wrong`);

    const deadline = start + timeoutMs;
    const gaveUp = (): boolean => writer.closeReasons().some((reason) => isFinal(kind, reason));
    while (observerAt === null && performance.now() < deadline) {
      if (gaveUp() && performance.now() - lastChange > STALL_MS) break;
      await sleep(50);
    }
    noteCloses();
    const phase = meter.end();
    observer.doc.off('update', onObserverUpdate);
    const observerCharacters = sectionLength(observer.doc);
    const observerSeconds = observerAt === null ? null : (observerAt - start) / 1000;
    const gaveUpForGood = gaveUp();
    options.log(
      `  ${kind}: ${observerSeconds === null ? `observer has ${count(observerCharacters)} of ${count(end.length)} characters` : `observer equal after ${seconds(observerSeconds)} s`}; writer closes: ${closes.join('; ') || 'none'}`,
    );
    destroyAll(clients);
    await server.stop();
    const stored = await server.readStoredText(docName);
    return {
      transactions: applied,
      replaySeconds,
      observerSeconds,
      observerCharacters,
      storedCharacters: stored.length,
      storedEqual: stored === end,
      closes,
      gaveUp: gaveUpForGood,
      serverCpuSeconds: phase.serverCpuSeconds,
      peakRssBytes: phase.peakRssBytes,
    };
  } finally {
    destroyAll(clients);
    await server.stop();
  }
}

/** What the trace is, against what the issue says it is. */
function traceNote(trace: ConcurrentReplay): string {
  const matches = trace.txns.length === EXPECTED_TRANSACTIONS && trace.endContent.length === EXPECTED_CHARACTERS;
  return `bench/data/friendsforever.json.gz: ${trace.agents} agents, ${count(trace.txns.length)} transactions, final text ${count(trace.endContent.length)} characters: ${
    matches ? 'the trace of the issue' : `NOT the trace of the issue (${count(EXPECTED_TRANSACTIONS)} transactions, ${count(EXPECTED_CHARACTERS)} characters)`
  }.`;
}

export const fastReplay: Scenario = {
  id: 'fastreplay',
  title: '7. Fast replay: the friendsforever trace at full speed through one provider',
  async run(options) {
    const results = await forEachServer(options, (kind) => runOne(kind, options));
    const trace = converted;
    const table: Table = {
      title: `Fast replay: friendsforever (${trace ? count(trace.txns.length) : '?'} transactions) applied back to back to ONE provider's document, one observer; time until the observer holds the final text`,
      columns: ['server', 'observer equal after s', 'observer characters', 'stored after stop', 'writer closes', 'provider gave up', 'replay s', 'server CPU s', 'peak RSS MB'],
      rows: [],
      notes: [
        ...(trace ? [traceNote(trace)] : []),
        `The writer applies every transaction's Yjs update in the trace's order, ${TRANSACTIONS_PER_TURN} at a time between turns of the event loop; its provider sends each as one update message (y-websocket 3.1's provider for Countersign and the y-websocket server, @hocuspocus/provider 3.4.4 for Hocuspocus). "replay s" is how long the writer took to hand them all over.`,
        `Bounded: the wait ends when the observer holds the final text, ${STALL_MS / 1000} s after the observer last changed once the writer's provider has given up (a close in ${FINAL_CLOSE.from}-${FINAL_CLOSE.to}: y-websocket's provider never reconnects after one), or ${(options.quick ? TIMEOUT_MS.quick : TIMEOUT_MS.full) / 1000} s after the replay started.`,
        'Stored: the text of the state each server stored, read from its files after a graceful stop.',
      ],
    };
    const goals: GoalCheck[] = [];
    for (const { kind, result, error } of results) {
      if (!result) {
        table.rows.push([SERVER_LABELS[kind], `FAILED: ${error}`, '', '', '', '', '', '', '']);
        continue;
      }
      const end = trace?.endContent.length ?? Number.NaN;
      table.rows.push([
        SERVER_LABELS[kind],
        result.observerSeconds === null ? 'never' : seconds(result.observerSeconds),
        `${count(result.observerCharacters)} of ${count(end)}`,
        result.storedEqual ? 'equal' : `differs: ${count(result.storedCharacters)} characters`,
        result.closes.join('; ') || 'none',
        result.gaveUp ? 'yes' : 'no',
        seconds(result.replaySeconds),
        seconds(result.serverCpuSeconds),
        mb(result.peakRssBytes),
      ]);
      if (kind === 'countersign') {
        const complete = result.observerSeconds !== null && result.storedEqual;
        goals.push({
          goal: 'Fast replay: every edit of a well-formed client that sends fast reaches the observer and the store',
          met: complete,
          detail: complete
            ? `observer equal after ${seconds(result.observerSeconds!)} s, stored state equal`
            : `observer ${result.observerSeconds === null ? `ended with ${count(result.observerCharacters)} of ${count(end)} characters` : 'equal'}, stored ${result.storedEqual ? 'equal' : `${count(result.storedCharacters)} characters`}; writer closes: ${result.closes.join('; ') || 'none'}`,
        });
      }
    }
    return { tables: [table], goals, profiles: [] };
  },
};
