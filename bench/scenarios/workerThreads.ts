// Clients on worker threads, one per core (observerThreads.ts, presenceThreads.ts). With every
// client on the benchmark's main thread, a message to the 500th client waits for the client-side
// work of the 499 before it, whatever the server does; threads let that work run side by side,
// so the figures say more about the server. Times cross threads on the shared clock (clock.ts).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { compileScript } from '../servers/compile';
import type { ClientSpec, ServerUnderTest } from '../servers/types';

export const CLIENT_THREADS = Math.max(1, Math.min(4, os.cpus().length));

/** A worker's reply: every message has a type; 'failed' carries an error. */
export type WorkerReply = { type: string } & Record<string, unknown>;

/** Waits for one message of a type from a worker; rejects on 'failed' or a worker error. */
export function nextReply<R extends WorkerReply>(worker: Worker, type: R['type']): Promise<R> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerReply): void => {
      if (message.type === 'failed') settle(() => reject(new Error(`client thread: ${String(message.error)}`)));
      else if (message.type === type) settle(() => resolve(message as R));
    };
    const onError = (error: Error): void => settle(() => reject(error));
    const settle = (then: () => void): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      then();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
  });
}

/** Clients of one document dealt round-robin over the threads: client i goes to thread i % threads. */
export interface ClientThreads {
  workers: Worker[];
  /** Per thread, the global index of each of its clients. */
  indexes: number[][];
  /** Closes the threads and gives the server's client slots back. */
  stop(): Promise<void>;
}

export function startClientThreads(
  server: ServerUnderTest,
  docName: string,
  count: number,
  workerScript: string,
  dataFor: (specs: ClientSpec[], indexes: number[]) => unknown,
): ClientThreads {
  const script = compileScript(workerScript);
  const threads = Math.min(CLIENT_THREADS, count);
  const releases: Array<() => void> = [];
  const workers: Worker[] = [];
  const indexes: number[][] = [];
  for (let t = 0; t < threads; t++) {
    const specs: ClientSpec[] = [];
    const mine: number[] = [];
    for (let i = t; i < count; i += threads) {
      const { spec, release } = server.clientSpec(docName);
      specs.push(spec);
      mine.push(i);
      releases.push(release);
    }
    indexes.push(mine);
    workers.push(new Worker(script, { workerData: dataFor(specs, mine) }));
  }
  return {
    workers,
    indexes,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
      for (const release of releases.splice(0)) release();
    },
  };
}
