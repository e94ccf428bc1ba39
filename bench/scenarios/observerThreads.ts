// The fan-out's observers on worker threads (workerThreads.ts); the writer stays on the main
// thread. Latency: the writer's transaction to an observer's applied update, on the shared clock.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerUnderTest } from '../servers/types';
import type { FromObserverWorker, ObserverWorkerData, ToObserverWorker } from './observerWorker';
import { now } from './clock';
import { nextReply, startClientThreads, type ClientThreads } from './workerThreads';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ObserverResults {
  latencies: Float64Array;
  converged: number;
  closed: number;
  closeReasons: string[];
}

type Done = Extract<FromObserverWorker, { type: 'done' }>;

export class ObserverThreads {
  private readonly sentAt: Float64Array;
  private readonly firstMeasured: Int32Array;

  private constructor(
    private readonly threads: ClientThreads,
    sentAt: SharedArrayBuffer,
    measureFrom: SharedArrayBuffer,
  ) {
    this.sentAt = new Float64Array(sentAt);
    this.firstMeasured = new Int32Array(measureFrom);
  }

  /** Opens `count` observers of a document over the threads; resolves once all are synced. */
  static async start(server: ServerUnderTest, docName: string, count: number, writerClientId: number, maxCharacters: number): Promise<ObserverThreads> {
    const sentAt = new SharedArrayBuffer(maxCharacters * Float64Array.BYTES_PER_ELEMENT);
    const measureFrom = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    new Int32Array(measureFrom)[0] = maxCharacters;
    const threads = startClientThreads(server, docName, count, path.join(here, 'observerWorker.ts'), (specs): ObserverWorkerData => ({
      specs,
      writerClientId,
      sentAt,
      measureFrom,
    }));
    const pool = new ObserverThreads(threads, sentAt, measureFrom);
    try {
      await Promise.all(threads.workers.map((worker) => nextReply(worker, 'synced')));
    } catch (error) {
      await threads.stop();
      throw error;
    }
    return pool;
  }

  /** When the writer typed character k (call just before the transaction). */
  typed(k: number): void {
    this.sentAt[k] = now();
  }

  /** Latencies count from character k on. */
  measureFrom(k: number): void {
    Atomics.store(this.firstMeasured, 0, k);
  }

  /** Waits until every observer holds `expected` (or the time is up), then closes them all. */
  async finish(expected: string, timeoutMs: number): Promise<ObserverResults> {
    const { workers } = this.threads;
    const answers = workers.map((worker) => nextReply<Done>(worker, 'done'));
    for (const worker of workers) worker.postMessage({ type: 'finish', expected, timeoutMs } satisfies ToObserverWorker);
    const done = await Promise.all(answers);
    await this.stop();
    const latencies = new Float64Array(done.reduce((sum, answer) => sum + answer.latencies.length, 0));
    let offset = 0;
    for (const answer of done) {
      latencies.set(answer.latencies, offset);
      offset += answer.latencies.length;
    }
    return {
      latencies,
      converged: done.reduce((sum, answer) => sum + answer.converged, 0),
      closed: done.reduce((sum, answer) => sum + answer.closed, 0),
      closeReasons: done.flatMap((answer) => answer.closeReasons),
    };
  }

  /** Closes the threads (and with them their observers); safe to call again. */
  stop(): Promise<void> {
    return this.threads.stop();
  }
}
