// The room's ordering guarantees, with a real SQLite update store behind a fault injector and
// stand-in sockets (the socket is ws's, not ours; only what the room sends matters here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGE_SYNC, MESSAGE_WRITE_ACK, SYNC_UPDATE, WRITE_REFUSED, WRITE_STORED } from '../../../shared/protocol';
import { docFromUpdates } from '../../../server/content/sectionContent';
import { setLogLevel } from '../../../server/log';
import { openDatabase, type SqliteDatabase } from '../../../server/store/sqlite/openDatabase';
import { SqliteConnection } from '../../../server/store/sqlite/SqliteConnection';
import { SqliteUpdateStore } from '../../../server/store/sqlite/SqliteUpdateStore';
import type { UpdateAuthor, UpdateStore } from '../../../server/store/UpdateStore';
import { Connection } from '../../../server/sync/Connection';
import { COMPACT_AFTER_UPDATES } from '../../../server/sync/limits';
import { Room } from '../../../server/sync/Room';
import { WritePolicy } from '../../../server/sync/WritePolicy';
import { fragmentText, insertText } from '../../helpers/clients';
import { waitFor } from '../../helpers/waitFor';

class FakeSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: Uint8Array[] = [];
  closedWith: number | null = null;
  readonly extensions = '';
  paused = false;
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
}

/** An UpdateStore that can be made slow or failing, over the real SQLite one. */
class FaultyStore implements UpdateStore {
  loads = 0;
  failAppends = 0;
  appendAttempts = 0;
  loadGate: Promise<void> = Promise.resolve();
  constructor(private readonly inner: UpdateStore) {}
  async load(sectionId: string) {
    this.loads += 1;
    await this.loadGate;
    return this.inner.load(sectionId);
  }
  async append(sectionId: string, update: Uint8Array, author?: UpdateAuthor | null) {
    this.appendAttempts += 1;
    if (this.failAppends > 0) {
      this.failAppends -= 1;
      throw new Error('disk full');
    }
    return this.inner.append(sectionId, update, author);
  }
  compact(sectionId: string, state: Uint8Array) {
    return this.inner.compact(sectionId, state);
  }
  deleteSection(sectionId: string) {
    return this.inner.deleteSection(sectionId);
  }
  authorship(sectionId: string) {
    return this.inner.authorship(sectionId);
  }
}

function connection(canWrite: boolean, wantsAcks = true): { connection: Connection; socket: FakeSocket } {
  const socket = new FakeSocket();
  const identity = { userId: 'u', name: 'U', membership: { role: 'pcc', capacity: 'signatory' as const, administrator: false }, sessionHash: 's' };
  return { connection: new Connection(socket as unknown as WebSocket, identity, { canWrite, wantsAcks }), socket };
}

function updateFrame(text: string): { frame: Uint8Array; update: Uint8Array } {
  const doc = new Y.Doc();
  insertText(doc, 0, text);
  const update = Y.encodeStateAsUpdate(doc);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return { frame: encoding.toUint8Array(encoder), update };
}

function messageTypes(socket: FakeSocket): string[] {
  return socket.sent.map((frame) => {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) return `sync:${decoding.readVarUint(decoder)}`;
    if (type === MESSAGE_WRITE_ACK) return decoding.readVarUint(decoder) === WRITE_STORED ? 'ack:stored' : 'ack:refused';
    return `type:${type}`;
  });
}

let dir: string;
let db: SqliteDatabase;
let store: FaultyStore;
let emptied: Room[];

function newRoom(): Room {
  return new Room({ responseId: 'r', sectionId: 's', store, writePolicy: new WritePolicy({ maxSectionBytes: 4 * 1024 * 1024 }), onEmpty: (room) => emptied.push(room) });
}

beforeEach(() => {
  setLogLevel('silent');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-room-'));
  db = openDatabase(dir);
  store = new FaultyStore(new SqliteUpdateStore(new SqliteConnection(db)));
  emptied = [];
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Room', () => {
  it('loads once, and syncs nobody before the load is complete', async () => {
    const seed = new Y.Doc();
    insertText(seed, 0, 'stored');
    await new SqliteUpdateStore(new SqliteConnection(db)).append('s', Y.encodeStateAsUpdate(seed));
    let release!: () => void;
    store.loadGate = new Promise((resolve) => (release = resolve));
    const room = newRoom();
    const a = connection(true);
    const b = connection(true);
    room.addConnection(a.connection);
    room.addConnection(b.connection);
    room.receive(a.connection, updateFrame('early').frame);
    await new Promise((resolve) => setImmediate(resolve));
    expect(a.socket.sent).toHaveLength(0);
    expect(b.socket.sent).toHaveLength(0);
    release();
    await waitFor(() => expect(messageTypes(a.socket)).toEqual(['sync:0', 'ack:stored']));
    expect(store.loads).toBe(1);
    expect(fragmentText(room.doc)).toContain('stored');
    expect(fragmentText(room.doc)).toContain('early');
    // b was greeted after the load, then got a's update relayed.
    expect(messageTypes(b.socket)).toEqual(['sync:0', `sync:${SYNC_UPDATE}`]);
  });

  it('relays and acknowledges an update only once it is stored, retrying a failed write', async () => {
    const room = newRoom();
    const writer = connection(true);
    const reader = connection(false);
    room.addConnection(writer.connection);
    room.addConnection(reader.connection);
    await room.runExclusive(() => undefined);
    store.failAppends = 2;
    room.receive(writer.connection, updateFrame('hello').frame);
    await waitFor(() => expect(store.appendAttempts).toBeGreaterThanOrEqual(1));
    // While the database refuses, nothing is relayed or acknowledged.
    expect(messageTypes(reader.socket)).toEqual(['sync:0']);
    expect(messageTypes(writer.socket)).toEqual(['sync:0']);
    await waitFor(() => expect(messageTypes(writer.socket)).toEqual(['sync:0', 'ack:stored']));
    expect(store.appendAttempts).toBe(3);
    expect(messageTypes(reader.socket)).toEqual(['sync:0', `sync:${SYNC_UPDATE}`]);
    const stored = docFromUpdates(await store.load('s'));
    expect(fragmentText(stored)).toBe('hello');
  });

  it('drops writes from a read-only connection: not applied, stored or relayed', async () => {
    const room = newRoom();
    const reader = connection(false);
    const other = connection(true);
    room.addConnection(reader.connection);
    room.addConnection(other.connection);
    room.receive(reader.connection, updateFrame('sneaky').frame);
    await waitFor(() => expect(messageTypes(reader.socket)).toEqual(['sync:0', 'ack:refused']));
    expect(fragmentText(room.doc)).toBe('');
    expect(await store.load('s')).toHaveLength(0);
    expect(messageTypes(other.socket)).toEqual(['sync:0']);
    expect(reader.socket.closedWith).toBeNull();
    expect(room.refusedWrites).toBe(1);
    const decoder = decoding.createDecoder(reader.socket.sent[1]!);
    decoding.readVarUint(decoder);
    expect(decoding.readVarUint(decoder)).toBe(WRITE_REFUSED);
  });

  it('sees, in a barrier, exactly the updates received before it', async () => {
    const room = newRoom();
    const writer = connection(true);
    room.addConnection(writer.connection);
    room.receive(writer.connection, updateFrame('before').frame);
    const seen = room.runExclusive(() => {
      writer.connection.canWrite = false;
      return fragmentText(room.doc);
    });
    room.receive(writer.connection, updateFrame('after').frame);
    expect(await seen).toBe('before');
    await waitFor(() => expect(messageTypes(writer.socket)).toEqual(['sync:0', 'ack:stored', 'ack:refused']));
    expect(fragmentText(room.doc)).toBe('before');
  });

  it('compacts the stored updates once they pile up', async () => {
    const room = newRoom();
    const writer = connection(true, false);
    room.addConnection(writer.connection);
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      room.receive(writer.connection, encoding.toUint8Array(encoder));
    });
    for (let i = 0; i < COMPACT_AFTER_UPDATES + 10; i++) insertText(doc, i, 'x');
    await room.runExclusive(() => undefined);
    const stored = await store.load('s');
    expect(stored.length).toBeLessThan(20);
    expect(fragmentText(docFromUpdates(stored))).toBe('x'.repeat(COMPACT_AFTER_UPDATES + 10));
  });

  it('tells its registry when the last connection leaves, after its messages', async () => {
    const room = newRoom();
    const writer = connection(true);
    room.addConnection(writer.connection);
    room.receive(writer.connection, updateFrame('last words').frame);
    room.removeConnection(writer.connection);
    await waitFor(() => expect(emptied).toEqual([room]));
    expect(fragmentText(docFromUpdates(await store.load('s')))).toBe('last words');
  });
  it('answers a client that has nothing with the stored state as it is, then builds the document', async () => {
    const seed = new Y.Doc();
    insertText(seed, 0, 'stored once');
    const stored = Y.encodeStateAsUpdate(seed);
    await new SqliteUpdateStore(new SqliteConnection(db)).compact('s', stored);
    const room = newRoom();
    const fresh = connection(true);
    room.addConnection(fresh.connection);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    room.receive(fresh.connection, encoding.toUint8Array(encoder));
    await waitFor(() => expect(messageTypes(fresh.socket)).toEqual(['sync:1', 'sync:0']));
    // The answer carries the stored bytes unchanged; our state vector follows once built.
    const answer = decoding.createDecoder(fresh.socket.sent[0]!);
    decoding.readVarUint(answer);
    decoding.readVarUint(answer);
    expect(decoding.readVarUint8Array(answer)).toEqual(stored);
    const greeting = decoding.createDecoder(fresh.socket.sent[1]!);
    decoding.readVarUint(greeting);
    decoding.readVarUint(greeting);
    expect(Y.decodeStateVector(decoding.readVarUint8Array(greeting))).toEqual(Y.decodeStateVector(Y.encodeStateVector(seed)));

    // Edits after the open go into the built document and to storage.
    const writer = connection(true);
    room.addConnection(writer.connection);
    room.receive(writer.connection, updateFrame('more').frame);
    await waitFor(() => expect(messageTypes(writer.socket)).toEqual(['sync:0', 'ack:stored']));
    expect(fragmentText(room.doc)).toContain('stored once');
    expect(fragmentText(room.doc)).toContain('more');
    expect(fragmentText(docFromUpdates(await store.load('s')))).toBe(fragmentText(room.doc));
  });

  it('does not rewrite storage when a room is left without its document ever being built', async () => {
    const seed = new Y.Doc();
    insertText(seed, 0, 'untouched');
    await new SqliteUpdateStore(new SqliteConnection(db)).compact('s', Y.encodeStateAsUpdate(seed));
    const room = newRoom();
    const reader = connection(false);
    room.addConnection(reader.connection);
    await room.runExclusive(() => undefined);
    room.removeConnection(reader.connection);
    await waitFor(() => expect(emptied).toEqual([room]));
    const compacted: Uint8Array[] = [];
    const compact = store.compact.bind(store);
    store.compact = async (sectionId, state) => {
      compacted.push(state);
      return compact(sectionId, state);
    };
    await room.compact();
    expect(compacted).toHaveLength(0);
    expect(await store.load('s')).toHaveLength(1);
  });
});
