// The save tracker's frame counting: which local edits are unsaved, saved or refused, from the
// frames the provider sends and the acks the server answers with. No Countersign server: the
// first tests feed frames by hand, the last runs a real WebsocketProvider against a stub peer.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  MESSAGE_WRITE_ACK,
  WRITE_INCOMPLETE,
  WRITE_REFUSED,
  WRITE_STORED,
} from '../../../shared/protocol';
import { isWriteFrame, SaveTracker } from '../../../client/sync/SaveTracker';

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function step1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function step2Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function awarenessFrame(doc: Y.Doc): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(doc);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(encoder);
}

function ackFrame(status: number, reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_WRITE_ACK);
  encoding.writeVarUint(encoder, status);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** A local edit; returns the Yjs update it produced, as the provider would send it. */
function type(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => {
    update = u;
  };
  doc.on('update', capture);
  doc.getText('t').insert(doc.getText('t').length, text);
  doc.off('update', capture);
  if (!update) throw new Error('no update');
  return update;
}

describe('isWriteFrame', () => {
  it('is true for SyncStep2 and Update frames only', () => {
    const doc = new Y.Doc();
    const update = type(doc, 'a');
    expect(isWriteFrame(updateFrame(update))).toBe(true);
    expect(isWriteFrame(step2Frame(doc))).toBe(true);
    expect(isWriteFrame(step1Frame(doc))).toBe(false);
    expect(isWriteFrame(awarenessFrame(doc))).toBe(false);
    expect(isWriteFrame(new Uint8Array(0))).toBe(false);
    expect(isWriteFrame('text')).toBe(false);
    // An ArrayBuffer and a view into a larger buffer decode the same as the bytes themselves.
    const frame = updateFrame(update);
    expect(isWriteFrame(frame.slice().buffer)).toBe(true);
    const padded = new Uint8Array(frame.length + 4);
    padded.set(frame, 4);
    expect(isWriteFrame(new DataView(padded.buffer, 4))).toBe(true);
  });
});

describe('SaveTracker frame counting', () => {
  it('counts local transactions as unsaved until the frame carrying them is acknowledged', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    expect(tracker.getSnapshot().unsaved).toBe(0);

    const u1 = type(doc, 'a');
    expect(tracker.getSnapshot().unsaved).toBe(1);
    tracker.frameSent(updateFrame(u1));
    expect(tracker.getSnapshot().unsaved).toBe(1); // sent, not yet stored

    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, refused: 0 });
    tracker.destroy();
  });

  it('ignores frames that carry no writes: they get no ack', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    const u1 = type(doc, 'a');
    tracker.frameSent(step1Frame(doc));
    tracker.frameSent(awarenessFrame(doc));
    tracker.frameSent(updateFrame(u1));
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot().unsaved).toBe(0);
    tracker.destroy();
  });

  it('does not count changes applied with the provider as origin (they came from the server)', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    const provider = new WebsocketProvider('ws://127.0.0.1:9', 'room', doc, {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    tracker.attach(provider);
    const other = new Y.Doc();
    Y.applyUpdate(doc, type(other, 'from someone else'), provider);
    expect(tracker.getSnapshot().unsaved).toBe(0);
    type(doc, 'mine');
    expect(tracker.getSnapshot().unsaved).toBe(1);
    provider.destroy();
    tracker.destroy();
  });

  it('settles frames in order, one ack each, and counts refused transactions apart', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    // Two transactions before the first frame, one before the second, two never sent yet.
    type(doc, 'a');
    type(doc, 'b');
    tracker.frameSent(updateFrame(new Uint8Array([0, 0])));
    type(doc, 'c');
    tracker.frameSent(updateFrame(new Uint8Array([0, 0])));
    type(doc, 'd');
    type(doc, 'e');
    expect(tracker.getSnapshot().unsaved).toBe(5);

    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 3, refused: 0 });
    tracker.ackReceived(WRITE_REFUSED, 'section signed off');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 2, refused: 1, refusedReason: 'section signed off' });

    // A stray ack (no frame outstanding) changes nothing.
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 2, refused: 1 });
    tracker.destroy();
  });

  it('keeps a frame the server held back (WRITE_INCOMPLETE) unsaved until a later frame carrying it is stored', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    type(doc, 'a');
    tracker.frameSent(updateFrame(new Uint8Array([0, 0])));
    tracker.ackReceived(WRITE_INCOMPLETE, 'Waiting for earlier edits');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 1, refused: 0 });
    // The server's SyncStep1 follows; the answering SyncStep2 carries 'a' again.
    tracker.frameSent(step2Frame(doc));
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, refused: 0 });
    tracker.destroy();
  });

  it('a refused frame that covered nothing refuses nothing', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    tracker.frameSent(step2Frame(doc)); // the empty SyncStep2 of a read-only connection
    tracker.ackReceived(WRITE_REFUSED, 'read only');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, refused: 0 });
    tracker.destroy();
  });

  it('puts in-flight transactions back when the socket closes; the next SyncStep2 covers them', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    type(doc, 'a');
    tracker.frameSent(updateFrame(new Uint8Array([0, 0])));
    type(doc, 'b');
    tracker.frameSent(updateFrame(new Uint8Array([0, 0])));
    tracker.ackReceived(WRITE_STORED, ''); // 'a' stored
    type(doc, 'c'); // typed while the socket is down: never sent
    tracker.connectionClosed();
    expect(tracker.getSnapshot().unsaved).toBe(2);

    // Reconnected: an ack from the old socket cannot arrive; the new SyncStep2 carries b and c.
    tracker.frameSent(step2Frame(doc));
    expect(tracker.getSnapshot().unsaved).toBe(2);
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, refused: 0 });
    tracker.destroy();
  });

  it('a frame sent on a new socket requeues what an old socket left unanswered', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    const oldSocket = {};
    const newSocket = {};
    type(doc, 'a');
    tracker.frameSent(updateFrame(new Uint8Array([0, 0])), oldSocket);
    type(doc, 'b');
    tracker.frameSent(step2Frame(doc), newSocket); // covers a (requeued) and b
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot().unsaved).toBe(0);
    tracker.destroy();
  });

  it('notifies subscribers with a new snapshot only when something changed', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    const seen: number[] = [];
    const unsubscribe = tracker.subscribe(() => seen.push(tracker.getSnapshot().unsaved));
    const before = tracker.getSnapshot();
    tracker.frameSent(step1Frame(doc));
    expect(tracker.getSnapshot()).toBe(before);
    type(doc, 'a');
    tracker.frameSent(updateFrame(new Uint8Array([0, 0])));
    tracker.ackReceived(WRITE_STORED, '');
    expect(seen).toEqual([1, 0]);
    unsubscribe();
    tracker.destroy();
  });

  it('counts what its socket class sends', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    const sent: unknown[] = [];
    class FakeSocket {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      static readonly CLOSED = 3;
      send(data: unknown): void {
        sent.push(data);
      }
    }
    const Tracking = tracker.socketClass(FakeSocket as unknown as typeof globalThis.WebSocket);
    const socket = new Tracking('ws://example.invalid');
    type(doc, 'a');
    socket.send(step1Frame(doc));
    socket.send(updateFrame(new Uint8Array([0, 0])));
    expect(sent).toHaveLength(2);
    expect(tracker.getSnapshot().unsaved).toBe(1);
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot().unsaved).toBe(0);
    tracker.destroy();
  });
});

/** A server with stored text, and a copy kept in the browser of an earlier visit that typed offline. */
function keptCopy(offline: string) {
  const server = new Y.Doc();
  server.getText('t').insert(0, 'Stored.');
  const earlier = new Y.Doc();
  Y.applyUpdate(earlier, Y.encodeStateAsUpdate(server));
  type(earlier, offline);
  return { server, kept: Y.encodeStateAsUpdate(earlier) };
}

describe('SaveTracker with content restored from the browser', () => {
  // Stands for the IndexedDB persistence: the origin of the updates that restore the copy.
  const copy = { name: 'copy' };

  it('does not count restored content as edits, and counts it from the server state vector', () => {
    const { server, kept } = keptCopy(' Offline.');
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    tracker.restoreFrom(copy);
    Y.applyUpdate(doc, kept, copy);
    tracker.restoreLoaded();
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'uncounted' });

    type(doc, '!'); // typed on this visit, before the server answered: one transaction
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 1, restored: 'uncounted' });

    tracker.serverStateVectorReceived(Y.encodeStateVector(server));
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 1 + ' Offline.'.length, restored: 'unconfirmed' });
    tracker.frameSent(step2Frame(doc));
    expect(tracker.getSnapshot().unsaved).toBe(1 + ' Offline.'.length);
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, refused: 0, restored: 'none' });
    tracker.destroy();
  });

  it('has nothing to account for when the copy was empty', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    tracker.restoreFrom(copy);
    expect(tracker.getSnapshot().restored).toBe('uncounted');
    tracker.restoreLoaded();
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'none' });
    tracker.serverStateVectorReceived(Y.encodeStateVector(new Y.Doc()));
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'none' });
    tracker.destroy();
  });

  it('keeps the restored count over a dropped connection, and recounts (not adds) at the next SyncStep1', () => {
    const { server, kept } = keptCopy('abcd');
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    tracker.restoreFrom(copy);
    Y.applyUpdate(doc, kept, copy);
    tracker.restoreLoaded();
    const first = {};
    const second = {};

    tracker.serverStateVectorReceived(Y.encodeStateVector(server));
    tracker.frameSent(step2Frame(doc), first);
    tracker.connectionClosed(); // no ack: unknown whether it was stored
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 4, restored: 'unconfirmed', connected: false });

    tracker.serverStateVectorReceived(Y.encodeStateVector(server));
    expect(tracker.getSnapshot().unsaved).toBe(4);
    tracker.frameSent(step2Frame(doc), second);
    expect(tracker.getSnapshot().unsaved).toBe(4);
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'none' });
    tracker.destroy();
  });

  it('recounts too when the new socket answers before the old one was reported closed', () => {
    const { server, kept } = keptCopy('abcd');
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    tracker.restoreFrom(copy);
    Y.applyUpdate(doc, kept, copy);
    tracker.restoreLoaded();
    tracker.serverStateVectorReceived(Y.encodeStateVector(server));
    tracker.frameSent(step2Frame(doc), {});
    tracker.serverStateVectorReceived(Y.encodeStateVector(server)); // on a new socket
    tracker.frameSent(step2Frame(doc), {});
    expect(tracker.getSnapshot().unsaved).toBe(4);
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'none' });
    tracker.destroy();
  });

  it('counts nothing when the server turns out to have stored the copy already', () => {
    const { server, kept } = keptCopy('abcd');
    Y.applyUpdate(server, kept); // stored on the earlier visit; only the ack was lost
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    tracker.restoreFrom(copy);
    Y.applyUpdate(doc, kept, copy);
    tracker.restoreLoaded();
    tracker.serverStateVectorReceived(Y.encodeStateVector(server));
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'unconfirmed' });
    tracker.frameSent(step2Frame(doc));
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'none' });
    tracker.destroy();
  });

  it('reports a refused copy holding only deletions as at least one refused change', () => {
    const server = new Y.Doc();
    server.getText('t').insert(0, 'Stored.');
    const earlier = new Y.Doc();
    Y.applyUpdate(earlier, Y.encodeStateAsUpdate(server));
    earlier.getText('t').delete(0, 3); // deletions cannot be counted from a state vector
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    tracker.restoreFrom(copy);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier), copy);
    tracker.restoreLoaded();
    tracker.serverStateVectorReceived(Y.encodeStateVector(server));
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'unconfirmed' });
    tracker.frameSent(step2Frame(doc));
    tracker.ackReceived(WRITE_REFUSED, 'section signed off');
    expect(tracker.getSnapshot()).toMatchObject({ refused: 1, refusedReason: 'section signed off', restored: 'none' });
    tracker.destroy();
  });

  it('counts content restored only after the server answered as edits (it is sent as an update)', () => {
    const { server, kept } = keptCopy('abcd');
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    tracker.restoreFrom(copy);
    tracker.serverStateVectorReceived(Y.encodeStateVector(server)); // the copy was slow to load
    Y.applyUpdate(doc, kept, copy);
    expect(tracker.getSnapshot().unsaved).toBe(1);
    tracker.frameSent(updateFrame(kept));
    tracker.ackReceived(WRITE_STORED, '');
    expect(tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'none' });
    tracker.destroy();
  });

  it('tells a page that has never reached the server from one still connecting', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    expect(tracker.getSnapshot().lostContact).toBe(false);
    tracker.connectionClosed(); // the first attempt failed
    expect(tracker.getSnapshot()).toMatchObject({ lostContact: true, connected: false, synced: false });
    tracker.destroy();
  });
});

describe('SaveTracker with a real WebsocketProvider', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A stub peer speaking just enough of the protocol: syncs, and acks every write frame. */
  async function stubServer(decide: () => number) {
    const serverDoc = new Y.Doc();
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(wss, 'listening');
    wss.on('connection', (socket) => {
      socket.send(step1Frame(serverDoc));
      socket.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        const syncType = syncProtocol.readSyncMessage(decoder, encoder, serverDoc, null);
        if (encoding.length(encoder) > 1) socket.send(encoding.toUint8Array(encoder));
        if (syncType !== syncProtocol.messageYjsSyncStep1) {
          const status = decide();
          socket.send(ackFrame(status, status === WRITE_STORED ? '' : 'read only'));
        }
      });
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const client of wss.clients) client.terminate();
          wss.close(() => resolve());
        }),
    );
    return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, serverDoc, wss };
  }

  function connect(url: string, restore?: Uint8Array) {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc);
    if (restore) {
      const copy = {};
      tracker.restoreFrom(copy);
      Y.applyUpdate(doc, restore, copy);
      tracker.restoreLoaded();
    }
    const provider = new WebsocketProvider(url, 'section', doc, {
      connect: false,
      disableBc: true,
      params: { acks: '1' },
      WebSocketPolyfill: tracker.socketClass(WebSocket as unknown as typeof globalThis.WebSocket),
    });
    tracker.attach(provider);
    provider.connect();
    cleanups.push(() => {
      provider.destroy();
      tracker.destroy();
    });
    return { doc, tracker, provider };
  }

  it('reaches "all saved" after edits are stored', async () => {
    const { url, serverDoc } = await stubServer(() => WRITE_STORED);
    const { doc, tracker } = connect(url);
    type(doc, 'typed before connecting');
    await expect.poll(() => tracker.getSnapshot().synced).toBe(true);
    type(doc, ' and after');
    await expect.poll(() => tracker.getSnapshot()).toMatchObject({ unsaved: 0, refused: 0, connected: true });
    expect(serverDoc.getText('t').toString()).toBe('typed before connecting and after');
  });

  it('counts restored content at the server SyncStep1 and saves it with the SyncStep2', async () => {
    const { server, kept } = keptCopy(' Typed offline.');
    const { url, serverDoc } = await stubServer(() => WRITE_STORED);
    Y.applyUpdate(serverDoc, Y.encodeStateAsUpdate(server));
    const seen: Array<{ unsaved: number; restored: string }> = [];
    const { tracker } = connect(url, kept);
    tracker.subscribe(() => seen.push({ unsaved: tracker.getSnapshot().unsaved, restored: tracker.getSnapshot().restored }));
    await expect.poll(() => tracker.getSnapshot()).toMatchObject({ unsaved: 0, restored: 'none', synced: true });
    expect(seen).toContainEqual({ unsaved: ' Typed offline.'.length, restored: 'unconfirmed' });
    expect(serverDoc.getText('t').toString()).toBe('Stored. Typed offline.');
  });

  it('reports refused edits', async () => {
    const { url } = await stubServer(() => WRITE_REFUSED);
    const { doc, tracker } = connect(url);
    await expect.poll(() => tracker.getSnapshot().synced).toBe(true);
    type(doc, 'x');
    type(doc, 'y');
    await expect.poll(() => tracker.getSnapshot()).toMatchObject({ unsaved: 0, refused: 2, refusedReason: 'read only' });
  });

  it('keeps edits unsaved across a dropped connection and saves them after reconnecting', async () => {
    let acking = true;
    const { url, serverDoc, wss } = await stubServer(() => WRITE_STORED);
    // While `acking` is false the stub swallows writes without answering, then drops the line.
    wss.on('connection', (socket) => {
      socket.prependListener('message', () => {
        if (!acking) socket.terminate();
      });
    });
    const { doc, tracker } = connect(url);
    await expect.poll(() => tracker.getSnapshot().synced).toBe(true);
    acking = false;
    type(doc, 'lost in transit');
    await expect.poll(() => tracker.getSnapshot().connected).toBe(false);
    expect(tracker.getSnapshot().unsaved).toBe(1);
    acking = true;
    await expect.poll(() => tracker.getSnapshot(), { timeout: 5000 }).toMatchObject({ unsaved: 0, refused: 0, synced: true });
    expect(serverDoc.getText('t').toString()).toBe('lost in transit');
  });
});
