import * as Y from 'yjs';

/** Past this many deleted clocks we do not check one by one, and treat the update as a change. */
const MAX_DELETED_CLOCKS_CHECKED = 1_000_000;

/**
 * Whether applying an update would change nothing in the document: every struct it carries is
 * already there and every deletion already made. A read-only client answers the server's
 * SyncStep1 with such an update (its whole delete set, nothing new); that is not a write.
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const struct of structs) {
    if (struct.id.clock + struct.length > (stateVector.get(struct.id.client) ?? 0)) return false;
  }
  if (ds.clients.size === 0) return true;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  let checked = 0;
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      checked += range.len;
      if (checked > MAX_DELETED_CLOCKS_CHECKED) return false;
      for (let clock = range.clock; clock < range.clock + range.len; clock++) {
        if (!Y.isDeleted(known, new Y.ID(client, clock))) return false;
      }
    }
  }
  return true;
}
