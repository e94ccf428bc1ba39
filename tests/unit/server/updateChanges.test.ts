import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { changesNothing as changesNothingWith, MAX_DELETE_RANGES_CHECKED } from '../../../server/sync/updateChanges';

function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  return changesNothingWith(doc, update, () => Y.createDeleteSetFromStructStore(doc.store));
}

function synced(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  const text = server.getText('t');
  text.insert(0, 'hello brave new world');
  text.delete(6, 6); // "hello new world", with a delete set
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** What a client sends in answer to the server's SyncStep1. */
function step2(client: Y.Doc, server: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

describe('changesNothing', () => {
  it('is true for a synced client answering SyncStep1 (its whole delete set, nothing new)', () => {
    const { server, client } = synced();
    const answer = step2(client, server);
    expect(Y.decodeUpdate(answer).ds.clients.size).toBeGreaterThan(0);
    expect(changesNothing(server, answer)).toBe(true);
  });

  it('is false when the client added text', () => {
    const { server, client } = synced();
    client.getText('t').insert(0, 'x');
    expect(changesNothing(server, step2(client, server))).toBe(false);
  });

  it('is false when the client deleted text the server still has', () => {
    const { server, client } = synced();
    client.getText('t').delete(0, 1);
    expect(changesNothing(server, step2(client, server))).toBe(false);
  });

  it('checks a deletion spanning several deleted items, and refuses to check an absurd number of ranges', () => {
    const { server, client } = synced();
    const text = server.getText('t');
    text.insert(0, 'abc');
    text.insert(3, 'def'); // items from one client, deleted together below
    text.delete(0, 6);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(changesNothing(server, step2(client, server))).toBe(true);

    const many = new Y.Doc();
    const manyText = many.getText('t');
    for (let i = 0; i < MAX_DELETE_RANGES_CHECKED + 1; i++) manyText.insert(i * 2, 'xy');
    for (let i = MAX_DELETE_RANGES_CHECKED; i >= 0; i--) manyText.delete(i * 2, 1);
    const mirror = new Y.Doc();
    Y.applyUpdate(mirror, Y.encodeStateAsUpdate(many));
    expect(changesNothing(mirror, Y.encodeStateAsUpdate(many, Y.encodeStateVector(mirror)))).toBe(false);
  });
});
