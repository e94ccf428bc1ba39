// Counting what a document holds that the server lacks, from the server's state vector (and
// its delete set), as the client does after restoring a document kept in the browser.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  clocksOfUpdate,
  countDeletionsServerLacks,
  countInsertsServerLacks,
  mergeClocks,
} from '../../../client/sync/pendingChanges';

/** Two replicas in step: the server's and a client's. */
function replicas(text = 'Stored text.') {
  const server = new Y.Doc();
  server.getText('t').insert(0, text);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** Types `text` at the end one character per transaction, as a user does. */
function typeAtEnd(doc: Y.Doc, text: string): void {
  for (const char of text) doc.getText('t').insert(doc.getText('t').length, char);
}

/** The server's delete set, as it arrives in the SyncStep2 answering the client's SyncStep1. */
function serverDeleteSet(server: Y.Doc, client: Y.Doc) {
  return Y.decodeUpdate(Y.encodeStateAsUpdate(server, Y.encodeStateVector(client))).ds;
}

describe('countInsertsServerLacks', () => {
  it('is zero when the server has everything, or more', () => {
    const { server, client } = replicas();
    expect(countInsertsServerLacks(client, Y.encodeStateVector(server))).toBe(0);
    typeAtEnd(server, ' More from someone else.');
    expect(countInsertsServerLacks(client, Y.encodeStateVector(server))).toBe(0);
  });

  it('counts each character typed offline, although Yjs merges them into one struct', () => {
    const { server, client } = replicas();
    typeAtEnd(client, ' Written offline.');
    const missing = Y.decodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    expect(missing.structs).toHaveLength(1); // why structs are not the unit
    expect(countInsertsServerLacks(client, Y.encodeStateVector(server))).toBe(' Written offline.'.length);
  });

  it('counts only what lies beyond the server clocks when the server has part of it', () => {
    const { server, client } = replicas();
    typeAtEnd(client, 'abc');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client)); // 'abc' stored
    typeAtEnd(client, 'defg');
    expect(countInsertsServerLacks(client, Y.encodeStateVector(server))).toBe(4);
  });

  it('counts paragraphs and marks as well as characters', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    client.getXmlFragment('default').insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText('Hi')]);
    // The element, the text type and its two characters.
    expect(countInsertsServerLacks(client, Y.encodeStateVector(server))).toBe(4);
  });

  it('with `among`, counts only content below those clocks (what was restored), not later edits', () => {
    const { server } = replicas();
    // An earlier visit typed offline; its document is what the browser kept.
    const earlier = new Y.Doc();
    Y.applyUpdate(earlier, Y.encodeStateAsUpdate(server));
    typeAtEnd(earlier, ' Before the reload.');
    const kept = Y.encodeStateAsUpdate(earlier);

    // This visit restores it (with the server's content, which the server already has) ...
    const restored = new Y.Doc();
    const restoredClocks = new Map<number, number>();
    const remember = (update: Uint8Array) => mergeClocks(restoredClocks, clocksOfUpdate(update));
    restored.on('update', remember);
    Y.applyUpdate(restored, kept);
    restored.off('update', remember);
    // ... and types more, which the tracker counts as transactions of its own.
    typeAtEnd(restored, ' After.');

    const serverVector = Y.encodeStateVector(server);
    expect(countInsertsServerLacks(restored, serverVector, restoredClocks)).toBe(' Before the reload.'.length);
    expect(countInsertsServerLacks(restored, serverVector)).toBe(' Before the reload. After.'.length);
  });

  it('cannot see deletions: the whole delete set travels in every update', () => {
    const { server, client } = replicas('Stored text.');
    client.getText('t').delete(0, 7); // 'Stored '
    expect(countInsertsServerLacks(client, Y.encodeStateVector(server))).toBe(0);
  });
});

describe('countDeletionsServerLacks', () => {
  it('counts deletions of stored text the server has not made', () => {
    const { server, client } = replicas('Stored text.');
    client.getText('t').delete(0, 7);
    expect(countDeletionsServerLacks(client, Y.encodeStateVector(server), serverDeleteSet(server, client))).toBe(7);
  });

  it('does not count deletions the server already has', () => {
    const { server, client } = replicas('Stored text.');
    client.getText('t').delete(0, 7);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    client.getText('t').delete(0, 1); // one more, offline
    expect(countDeletionsServerLacks(client, Y.encodeStateVector(server), serverDeleteSet(server, client))).toBe(1);
  });

  it('leaves out deletions of content the server never had (counted as inserts already)', () => {
    const { server, client } = replicas();
    typeAtEnd(client, 'oops');
    client.getText('t').delete(client.getText('t').length - 4, 4);
    const serverVector = Y.encodeStateVector(server);
    expect(countDeletionsServerLacks(client, serverVector, serverDeleteSet(server, client))).toBe(0);
    expect(countInsertsServerLacks(client, serverVector)).toBe(4);
  });

  it('counts deletions made by another client the server also lacks, per client', () => {
    const { server, client } = replicas('abcdef');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    typeAtEnd(other, 'XYZ');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    client.getText('t').delete(2, 5); // 'cdef' of the first client and 'X' of the other
    expect(countDeletionsServerLacks(client, Y.encodeStateVector(server), serverDeleteSet(server, client))).toBe(5);
  });
});
