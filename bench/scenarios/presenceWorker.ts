// One presence thread (see presence.ts): opens its share of the clients, moves their carets on
// the shared schedule, records when each of them first sees each newer caret of another client,
// and at the end waits until they have seen every client's last move.
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { openClient } from '../servers/clients';
import type { BenchClient, ClientSpec } from '../servers/types';
import { now } from './clock';
import { openInWaves, sleep, waitFor } from './common';

export interface PresenceWorkerData {
  specs: ClientSpec[];
  /** The global index of each of this thread's clients (sets its phase in the schedule). */
  indexes: number[];
  /** Clients in the document, over every thread. */
  total: number;
}

export type ToPresenceWorker =
  | { type: 'run'; startAt: number; measureFrom: number; endAt: number; intervalMs: number }
  | { type: 'converge'; lastSeqs: Array<[number, number]>; timeoutMs: number };
export type FromPresenceWorker =
  | { type: 'ready' }
  | { type: 'moved'; lastSeqs: Array<[number, number]>; measuredMoves: number }
  | { type: 'done'; latencies: Float64Array; converged: boolean; closed: number; closeReasons: string[] }
  | { type: 'failed'; error: string };

interface Caret {
  anchor: number;
  head: number;
  /** When the move was made, on the shared clock. */
  sentAt: number;
  seq: number;
}

const data = workerData as PresenceWorkerData;
const port = parentPort!;
// Each y-websocket provider adds a process 'exit' listener; this thread holds dozens.
process.setMaxListeners(0);
let clients: BenchClient[] = [];
/** Highest seq each of our clients has seen of each other client. */
const lastSeen: Array<Map<number, number>> = [];
const latencies: number[] = [];
let measureFrom = Number.POSITIVE_INFINITY;

// A move travels as a caret of the shape y-tiptap sends (Countersign passes on nothing else):
// its seq and send time (in microseconds) as the anchor's item id, its position as the head's.
function cursorOf(caret: Caret): unknown {
  return {
    anchor: { type: null, tname: 'default', item: { client: caret.seq, clock: Math.round(caret.sentAt * 1000) }, assoc: 0 },
    head: { type: { client: 1, clock: caret.head }, tname: null, item: null, assoc: -1 },
  };
}

function caretOf(state: unknown): Caret | null {
  if (typeof state !== 'object' || state === null) return null;
  const cursor = (state as { cursor?: { anchor?: { item?: unknown }; head?: { type?: unknown } } | null }).cursor;
  const id = cursor?.anchor?.item as { client?: unknown; clock?: unknown } | undefined;
  const at = cursor?.head?.type as { clock?: unknown } | undefined;
  if (typeof id?.client !== 'number' || typeof id.clock !== 'number' || typeof at?.clock !== 'number') return null;
  return { anchor: at.clock, head: at.clock, sentAt: id.clock / 1000, seq: id.client };
}

function listen(client: BenchClient, seen: Map<number, number>): void {
  client.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    const arrived = now();
    for (const id of [...added, ...updated]) {
      if (id === client.doc.clientID) continue;
      const caret = caretOf(client.awareness.getStates().get(id));
      if (!caret || caret.sentAt === 0 || (seen.get(id) ?? 0) >= caret.seq) continue;
      seen.set(id, caret.seq);
      if (caret.sentAt >= measureFrom) latencies.push(arrived - caret.sentAt);
    }
  });
}

async function open(): Promise<void> {
  clients = await openInWaves(data.specs.length, (index) => {
    const client = openClient(data.specs[index]!, new Y.Doc());
    const seen = new Map<number, number>();
    lastSeen.push(seen);
    listen(client, seen);
    return client;
  });
  for (const client of clients) client.awareness.setLocalStateField('cursor', cursorOf({ anchor: 0, head: 0, sentAt: 0, seq: 0 }));
  // Everyone must see everyone before the run starts.
  if (!(await waitFor(() => clients.every((client) => client.awareness.getStates().size >= data.total), 20_000, 50))) {
    throw new Error('clients did not all see each other before the run');
  }
}

async function run(message: Extract<ToPresenceWorker, { type: 'run' }>): Promise<void> {
  measureFrom = message.measureFrom;
  // Each client moves at its own phase, so moves spread over the interval.
  const schedule = data.indexes.map((index) => message.startAt + (index / data.total) * message.intervalMs);
  const seqs = clients.map(() => 0);
  let measuredMoves = 0;
  for (;;) {
    let who = 0;
    for (let i = 1; i < schedule.length; i++) if (schedule[i]! < schedule[who]!) who = i;
    const due = schedule[who]!;
    if (due >= message.endAt) break;
    await sleep(due - now());
    seqs[who]! += 1;
    const position = (seqs[who]! * 7) % 500;
    const sentAt = now();
    clients[who]!.awareness.setLocalStateField('cursor', cursorOf({ anchor: position, head: position, sentAt, seq: seqs[who]! }));
    if (sentAt >= message.measureFrom) measuredMoves += 1;
    schedule[who] = due + message.intervalMs;
  }
  const lastSeqs = clients.map((client, i): [number, number] => [client.doc.clientID, seqs[i]!]);
  port.postMessage({ type: 'moved', lastSeqs, measuredMoves } satisfies FromPresenceWorker);
}

async function converge(message: Extract<ToPresenceWorker, { type: 'converge' }>): Promise<void> {
  const everySeen = (): boolean =>
    clients.every((client, i) => message.lastSeqs.every(([id, seq]) => id === client.doc.clientID || (lastSeen[i]!.get(id) ?? 0) >= seq));
  const converged = await waitFor(everySeen, message.timeoutMs, 50);
  const reply: FromPresenceWorker = {
    type: 'done',
    latencies: Float64Array.from(latencies),
    converged,
    closed: clients.reduce((sum, client) => sum + client.closedCount(), 0),
    closeReasons: clients.flatMap((client) => client.closeReasons()),
  };
  for (const client of clients) client.destroy();
  port.postMessage(reply);
}

const fail = (error: unknown): void => port.postMessage({ type: 'failed', error: String(error) } satisfies FromPresenceWorker);

port.on('message', (message: ToPresenceWorker) => {
  if (message.type === 'run') run(message).catch(fail);
  else if (message.type === 'converge') converge(message).catch(fail);
});

open().then(() => port.postMessage({ type: 'ready' } satisfies FromPresenceWorker), fail);
