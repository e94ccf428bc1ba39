import * as Y from 'yjs';

/** Whether a document holds everything a state vector says. */
export function holds(doc: Y.Doc, stateVector: Map<number, number>): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of stateVector) {
    if ((have.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/** Promises that resolve once a document holds a given state (a signer's last edits, say). */
export class StateWaiters {
  private readonly waiting = new Set<{ stateVector: Map<number, number>; settle: (held: boolean) => void }>();

  constructor(private readonly doc: Y.Doc) {}

  /** Resolves true once the document holds `stateVector`, or false after `timeoutMs` (or on `cancelAll`). */
  wait(stateVector: Map<number, number>, timeoutMs: number): Promise<boolean> {
    if (holds(this.doc, stateVector)) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter = {
        stateVector,
        settle: (held: boolean) => {
          clearTimeout(timer);
          this.waiting.delete(waiter);
          resolve(held);
        },
      };
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      this.waiting.add(waiter);
    });
  }

  /** The document changed: wake whoever it now satisfies. */
  changed(): void {
    for (const waiter of this.waiting) {
      if (holds(this.doc, waiter.stateVector)) waiter.settle(true);
    }
  }

  cancelAll(): void {
    for (const waiter of this.waiting) waiter.settle(false);
  }
}
