import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { changesNothing } from '../../../server/sync/updateChanges';

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
});
