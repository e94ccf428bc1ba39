import * as Y from 'yjs';

/** The delete set of a document, as Yjs builds it: per client, sorted and merged ranges. */
export type DeleteSet = ReturnType<typeof Y.createDeleteSetFromStructStore>;

/** Past this many deleted ranges in one update we do not check, and treat it as a change. */
export const MAX_DELETE_RANGES_CHECKED = 10_000;

/**
 * Whether applying an update would change nothing in the document: every struct it carries is
 * already there and every deletion already made. A read-only client answers the server's
 * SyncStep1 with such an update (its whole delete set, nothing new); that is not a write.
 * `knownDeletes` gives the document's delete set (the room caches it between edits).
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array, knownDeletes: () => DeleteSet): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const struct of structs) {
    if (struct.id.clock + struct.length > (stateVector.get(struct.id.client) ?? 0)) return false;
  }
  let ranges = 0;
  for (const items of ds.clients.values()) ranges += items.length;
  if (ranges > MAX_DELETE_RANGES_CHECKED) return false;
  // A writer's deletions are a few ranges: looked up in the document's items directly. A
  // reader's whole delete set is checked against the document's (built once per change).
  const few = ranges <= FEW_RANGES;
  for (const [client, items] of ds.clients) {
    const known = few ? null : (knownDeletes().clients.get(client) ?? []);
    for (const item of items) {
      if (known ? !isCovered(known, item.clock, item.len) : !allDeleted(doc, client, item.clock, item.len)) return false;
    }
  }
  return true;
}

/** Up to this many deleted ranges, an update is checked item by item rather than against the whole delete set. */
const FEW_RANGES = 64;

/** Whether every item of a client in [clock, clock + len) is in the document and deleted. */
function allDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  const structs = doc.store.clients.get(client);
  if (!structs || Y.getState(doc.store, client) < clock + len) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
    if (!structs[i]!.deleted) return false;
  }
  return true;
}

/** Whether one of the sorted, merged ranges covers [clock, clock + len). */
function isCovered(ranges: Array<{ clock: number; len: number }>, clock: number, len: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle]!;
    if (clock < range.clock) high = middle - 1;
    else if (clock >= range.clock + range.len) low = middle + 1;
    else return clock + len <= range.clock + range.len;
  }
  return false;
}

/**
 * Whether some of an update just applied is pending in Yjs rather than in the document (it
 * depends on content the document has not got). `pendingDeletesBefore` is the store's pending
 * delete set from before the update was applied.
 */
export function isHeldBack(doc: Y.Doc, update: Uint8Array, pendingDeletesBefore: unknown): boolean {
  const { pendingStructs, pendingDs } = doc.store;
  if (pendingStructs === null && pendingDs === null) return false;
  if (pendingDs !== null && pendingDs !== pendingDeletesBefore) return true;
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  return Y.decodeUpdate(update).structs.some(
    (struct) => !(struct instanceof Y.Skip) && struct.id.clock + struct.length > (have.get(struct.id.client) ?? 0),
  );
}
