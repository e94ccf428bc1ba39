// What a document holds that the server has not stored, worked out from the sync protocol
// rather than remembered: the server's state vector (its SyncStep1) says which inserted content
// it has, and its delete set (in the SyncStep2 that answers ours) which deletions.
//
// The unit is one Yjs clock: an inserted character, paragraph or mark, or a deleted character.
// That matches what the SaveTracker counts while the page is open (one transaction per
// keystroke), where counting Yjs structs would not: Yjs merges the characters typed one after
// another into a single struct, so a sentence typed offline would come back as "1 change".
import * as Y from 'yjs';

/** For each Yjs client, the clock just past the last struct seen from it. */
export type Clocks = Map<number, number>;

/** A Yjs delete set (the class itself is not exported by yjs). */
export type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

/** The clocks an update reaches, per client (its state vector). */
export function clocksOfUpdate(update: Uint8Array): Clocks {
  return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
}

/** Raises `into` to every clock of `from` (the union of the content both describe). */
export function mergeClocks(into: Clocks, from: ReadonlyMap<number, number>): void {
  for (const [client, clock] of from) {
    if (clock > (into.get(client) ?? 0)) into.set(client, clock);
  }
}

/**
 * How much inserted content `doc` has beyond the server's clocks. With `among`, only content
 * below those clocks counts (what was restored from this browser, say), so that edits counted
 * some other way are not counted twice.
 *
 * Deletions are invisible here: a state vector records insertions only, and
 * `encodeStateAsUpdate` always carries the whole delete set, including deletions the server has.
 * Use `countDeletionsServerLacks` with the server's delete set when it is known.
 */
export function countInsertsServerLacks(doc: Y.Doc, serverStateVector: Uint8Array, among?: ReadonlyMap<number, number>): number {
  const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, serverStateVector));
  let count = 0;
  for (const struct of structs) {
    // A Skip stands for a gap in a merged update: no content.
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const end = clock + struct.length;
    const limit = among ? Math.min(end, among.get(client) ?? 0) : end;
    if (limit > clock) count += limit - clock;
  }
  return count;
}

/**
 * How many deleted clocks of `doc` the server has not deleted, given the server's state vector
 * and delete set (`Y.decodeUpdate(serverSyncStep2).ds`). Deletions of content the server does
 * not have at all are left out: `countInsertsServerLacks` counts that content already.
 */
export function countDeletionsServerLacks(doc: Y.Doc, serverStateVector: Uint8Array, serverDeleteSet: DeleteSet): number {
  const serverClocks = Y.decodeStateVector(serverStateVector);
  const ours = Y.createDeleteSetFromStructStore(doc.store);
  let count = 0;
  for (const [client, deletions] of ours.clients) {
    const known = serverClocks.get(client) ?? 0;
    const theirs = serverDeleteSet.clients.get(client) ?? [];
    for (const { clock, len } of deletions) {
      const end = Math.min(clock + len, known);
      if (end > clock) count += end - clock - overlap(theirs, clock, end);
    }
  }
  return count;
}

/** How much of [start, end) the (sorted, merged) delete items cover. */
function overlap(items: readonly { clock: number; len: number }[], start: number, end: number): number {
  let covered = 0;
  for (const { clock, len } of items) {
    const from = Math.max(clock, start);
    const to = Math.min(clock + len, end);
    if (to > from) covered += to - from;
  }
  return covered;
}
