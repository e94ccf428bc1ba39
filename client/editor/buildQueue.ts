// Editors waiting to be built, built a few at a time, each batch in one task. A long response's
// sections sync within moments of each other, each in a message of its own; built one per
// message, every editor would be one React commit, and each commit walks the page's whole tree
// of a hundred sections. Built in batches of about a frame's worth of work, the page commits a
// few dozen times instead, and still paints between batches.

/** Work per batch before the rest waits for the next one. */
const BATCH_BUDGET_MS = 12;

const queue = new Set<() => void>();
let scheduled = false;

function runBatch(): void {
  scheduled = false;
  const started = performance.now();
  for (const build of queue) {
    queue.delete(build);
    build();
    if (performance.now() - started >= BATCH_BUDGET_MS) break;
  }
  if (queue.size > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // Before the next paint while the page is shown; a hidden page has no frames, only timers.
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(runBatch);
  else setTimeout(runBatch, 0);
}

/** Builds an editor in the next batch; returns how to take it out of the queue. */
export function queueBuild(build: () => void): () => void {
  queue.add(build);
  schedule();
  return () => queue.delete(build);
}
