// One observer thread (see observerThreads.ts): opens its share of the observers, records when
// each applies each of the writer's characters, and at the end checks that all hold the text.
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { sectionText } from '../editorDoc';
import { openClient } from '../servers/clients';
import type { BenchClient, ClientSpec } from '../servers/types';
import { now } from './clock';
import { openInWaves, waitFor } from './common';

export interface ObserverWorkerData {
  specs: ClientSpec[];
  writerClientId: number;
  /** sentAt[k]: when the writer typed character k (clock.ts); 0 = not yet. */
  sentAt: SharedArrayBuffer;
  /** [0]: the first character measured (after the warm-up). */
  measureFrom: SharedArrayBuffer;
}

export type ToObserverWorker = { type: 'finish'; expected: string; timeoutMs: number };
export type FromObserverWorker =
  | { type: 'synced' }
  | { type: 'done'; latencies: Float64Array; converged: number; closed: number; closeReasons: string[] }
  | { type: 'failed'; error: string };

const data = workerData as ObserverWorkerData;
const sentAt = new Float64Array(data.sentAt);
const measureFrom = new Int32Array(data.measureFrom);
const port = parentPort!;
// Each y-websocket provider adds a process 'exit' listener; this thread holds hundreds.
process.setMaxListeners(0);

const latencies: number[] = [];
let clients: BenchClient[] = [];

function track(doc: Y.Doc): void {
  let seen = 0;
  doc.on('update', () => {
    const arrived = now();
    const state = Y.getState(doc.store, data.writerClientId);
    const from = Atomics.load(measureFrom, 0);
    for (let k = seen; k < state; k++) {
      const sent = sentAt[k]!;
      if (sent > 0 && k >= from) latencies.push(arrived - sent);
    }
    if (state > seen) seen = state;
  });
}

async function open(): Promise<void> {
  clients = await openInWaves(data.specs.length, (index) => {
    const doc = new Y.Doc();
    track(doc);
    return openClient(data.specs[index]!, doc, { presence: false });
  });
}

async function finish(expected: string, timeoutMs: number): Promise<void> {
  const holds = (client: BenchClient): boolean => sectionText(client.doc) === expected;
  await waitFor(() => clients.every(holds), timeoutMs);
  const message: FromObserverWorker = {
    type: 'done',
    latencies: Float64Array.from(latencies),
    converged: clients.filter(holds).length,
    closed: clients.reduce((sum, client) => sum + client.closedCount(), 0),
    closeReasons: clients.flatMap((client) => client.closeReasons()),
  };
  for (const client of clients) client.destroy();
  port.postMessage(message);
}

port.on('message', (message: ToObserverWorker) => {
  if (message.type === 'finish') void finish(message.expected, message.timeoutMs);
});

open().then(
  () => port.postMessage({ type: 'synced' } satisfies FromObserverWorker),
  (error: unknown) => port.postMessage({ type: 'failed', error: String(error) } satisfies FromObserverWorker),
);
