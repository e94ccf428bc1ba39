// Observers spread over worker threads, one per core. With every observer on the benchmark's
// main thread, the 500th observer of a keystroke waits for the client-side work of the 499 before
// it, whatever the server does; threads let that work run side by side, so the figure says more
// about the server. Latency: the writer's transaction (main thread) to an observer's applied
// update (its thread), on the shared performance.timeOrigin-based clock.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compileScript } from '../servers/compile';
import type { ServerUnderTest } from '../servers/types';
import type { FromObserverWorker, ObserverWorkerData, ToObserverWorker } from './observerWorker';

const here = path.dirname(fileURLToPath(import.meta.url));

export const OBSERVER_THREADS = Math.max(1, Math.min(4, os.cpus().length));

export interface ObserverResults {
  latencies: Float64Array;
  converged: number;
  closed: number;
  closeReasons: string[];
}

/** Waits for one message of a type from a worker (or its failure). */
function next<T extends FromObserverWorker['type']>(worker: Worker, type: T): Promise<Extract<FromObserverWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromObserverWorker): void => {
      if (message.type === 'failed') return done(() => reject(new Error(`observer thread: ${message.error}`)));
      if (message.type === type) done(() => resolve(message as Extract<FromObserverWorker, { type: T }>));
    };
    const onError = (error: Error): void => done(() => reject(error));
    const done = (settle: () => void): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      settle();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
  });
}

export class ObserverThreads {
  private readonly sentAt: Float64Array;
  private readonly firstMeasured: Int32Array;

  private constructor(
    private readonly workers: Worker[],
    private readonly releases: Array<() => void>,
    sentAt: SharedArrayBuffer,
    measureFrom: SharedArrayBuffer,
  ) {
    this.sentAt = new Float64Array(sentAt);
    this.firstMeasured = new Int32Array(measureFrom);
  }

  /** Opens `count` observers of a document over the threads; resolves once all are synced. */
  static async start(server: ServerUnderTest, docName: string, count: number, writerClientId: number, maxCharacters: number): Promise<ObserverThreads> {
    const script = compileScript(path.join(here, 'observerWorker.ts'));
    const sentAt = new SharedArrayBuffer(maxCharacters * Float64Array.BYTES_PER_ELEMENT);
    const measureFrom = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    new Int32Array(measureFrom)[0] = maxCharacters;
    const threads = Math.min(OBSERVER_THREADS, count);
    const releases: Array<() => void> = [];
    const workers: Worker[] = [];
    for (let t = 0; t < threads; t++) {
      const specs = [];
      for (let i = t; i < count; i += threads) {
        const { spec, release } = server.clientSpec(docName);
        specs.push(spec);
        releases.push(release);
      }
      const workerData: ObserverWorkerData = { specs, writerClientId, sentAt, measureFrom };
      workers.push(new Worker(script, { workerData }));
    }
    const pool = new ObserverThreads(workers, releases, sentAt, measureFrom);
    try {
      await Promise.all(workers.map((worker) => next(worker, 'synced')));
    } catch (error) {
      await pool.stop();
      throw error;
    }
    return pool;
  }

  /** When the writer typed character k (call just before the transaction). */
  typed(k: number): void {
    this.sentAt[k] = performance.timeOrigin + performance.now();
  }

  /** Latencies count from character k on. */
  measureFrom(k: number): void {
    Atomics.store(this.firstMeasured, 0, k);
  }

  /** Waits until every observer holds `expected` (or the time is up), then closes them all. */
  async finish(expected: string, timeoutMs: number): Promise<ObserverResults> {
    const answers = this.workers.map((worker) => next(worker, 'done'));
    for (const worker of this.workers) worker.postMessage({ type: 'finish', expected, timeoutMs } satisfies ToObserverWorker);
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

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    for (const release of this.releases.splice(0)) release();
  }
}
