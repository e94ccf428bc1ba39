// Hostile frames from a signed-in member, against the real server in a child process: bad
// varints, truncated and corrupted updates, huge declared lengths, unknown message types,
// random bytes, text frames, an oversized frame, awareness floods and forged awareness. The
// offending connection must be closed with a documented code (or, for a frame that happens to
// make sense, answered normally); the server must stay up with bounded memory; two honest
// providers on the same section must keep syncing throughout; and what is stored must load and
// equal what the honest clients see.
//
// FUZZ_SEED replays a run's frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import type { ResponseDetail } from '../../shared/api';
import {
  CLOSE_FORBIDDEN,
  CLOSE_MALFORMED,
  CLOSE_SECTION_REMOVED,
  CLOSE_SERVER_BEHIND,
  CLOSE_UNAUTHENTICATED,
  maxFrameBytes,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  MESSAGE_WRITE_ACK,
  SECTION_FRAGMENT,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from '../../shared/protocol';
import { loadConfig } from '../../server/config';
import { docFromUpdates } from '../../server/content/sectionContent';
import { openStore } from '../../server/store/openStore';
import { startChildServer, type ChildServer } from '../helpers/childServer';
import { connectSection, fragmentText, login, openRawSocket, sampleResponse, serverRoundTrip, type SectionClient } from '../helpers/clients';
import { waitFor } from '../helpers/waitFor';
import { seededRandom } from '../helpers/seededRandom';

const SEED = Number(process.env.FUZZ_SEED ?? 0xf022);
/** Fuzz connections open at once. */
const CONCURRENCY = 4;
/** Close codes the server (or ws on its behalf) may use for a misbehaving connection. */
const DOCUMENTED_CLOSE_CODES = new Set([
  CLOSE_MALFORMED,
  CLOSE_SERVER_BEHIND,
  1009, // ws: Message Too Big (over the frame limit)
  1007, // ws: Invalid frame payload data (a text frame that is not UTF-8)
]);
/** Awareness client ids one connection may hold (server/sync/awarenessIdentity.ts). */
const AWARENESS_IDS_PER_CONNECTION = 8;
const HONEST_MARKER = /\[h[ab]-\d+\]/g;
/** The largest frame the server reads, with the default section size limit. */
const FRAME_LIMIT = maxFrameBytes(loadConfig({}).maxSectionBytes);


const random = seededRandom(SEED);
const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const randomBytes = (length: number): Uint8Array => Uint8Array.from({ length }, () => Math.floor(random() * 256));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });
}

interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
}

function awarenessPayload(entries: AwarenessEntry[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.json);
    }
  });
}

function awarenessFrame(entries: AwarenessEntry[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessPayload(entries));
  });
}

/** Whether the server answers this frame with a SyncStep2 if it accepts it (a SyncStep1). */
function isSyncStep1(data: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(data);
    return decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_STEP1;
  } catch {
    return false;
  }
}

type Frame = Uint8Array | { text: string } | { badText: Uint8Array };
type SectionKey = 'shared' | 'other' | 'readonly';
/**
 * What must happen: `malformed` closed with 4400, `tooLarge` closed with 1009 (ws),
 * `open` still answering (a flood is slowed, not closed), `malformedOrOpen` either (a frame that may happen
 * to make sense), `badText` 1007 or 4400.
 */
type Expectation = 'malformed' | 'tooLarge' | 'open' | 'malformedOrOpen' | 'badText';

interface FuzzCase {
  name: string;
  section: SectionKey;
  frames: Frame[];
  expect: Expectation;
  /** Markers of well-formed edits this case writes (they must then reach everyone). */
  writes?: string[];
  /** Floods run together, after the other cases. */
  flood?: boolean;
}

interface Outcome {
  closed: boolean;
  code: number;
  reason: string;
}

/** Honest editing: a marker at a time, each timed until the other client sees it. */
class HonestPair {
  readonly inserted: string[] = [];
  readonly latencies: number[] = [];
  readonly closes: string[] = [];
  private readonly pending = new Map<string, { at: number; to: SectionClient }>();
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private counter = 0;
  private readonly random = seededRandom(SEED + 1);

  constructor(
    readonly a: SectionClient,
    readonly b: SectionClient,
  ) {
    for (const [name, client] of [
      ['a', a],
      ['b', b],
    ] as const) {
      client.doc.on('afterTransaction', () => this.arrived(client));
      client.provider.on('connection-close', (event) => this.closes.push(`${name}: ${event?.code ?? 'local'} ${event?.reason ?? ''}`));
    }
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await sleep(20 + Math.floor(this.random() * 60));
        if (!this.running) return;
        const fromA = this.random() < 0.5;
        const from = fromA ? this.a : this.b;
        const marker = `[h${fromA ? 'a' : 'b'}-${++this.counter}]`;
        this.pending.set(marker, { at: Date.now(), to: fromA ? this.b : this.a });
        this.inserted.push(marker);
        const fragment = from.doc.getXmlFragment(SECTION_FRAGMENT);
        const paragraph = fragment.get(0) as Y.XmlElement;
        const text = paragraph.get(0) as Y.XmlText;
        // Fuzzed edits refer only to text older than every honest marker, so none is split.
        text.insert(0, marker);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  get unseen(): string[] {
    return [...this.pending.keys()];
  }

  private arrived(client: SectionClient): void {
    const waiting = [...this.pending].filter(([, entry]) => entry.to === client);
    if (waiting.length === 0) return;
    const present = new Set(client.text().match(HONEST_MARKER) ?? []);
    for (const [marker, entry] of waiting) {
      if (!present.has(marker)) continue;
      this.latencies.push(Date.now() - entry.at);
      this.pending.delete(marker);
    }
  }
}

let server: ChildServer;
let sample: ResponseDetail;
let pccCookie: string;
let officerCookie: string;
let viewerCookie: string;
const sectionIds = {} as Record<SectionKey, string>;
const clients: SectionClient[] = [];
const sockets = new Set<WebSocket>();

/**
 * An honest provider. It reconnects after any close but the end of the session or membership,
 * so that when the server wrongly closes an honest connection (which is reported as a failure
 * of its own) the checks that follow can still tell whether anything was lost.
 */
function open(cookie: string, key: SectionKey): SectionClient {
  const client = connectSection(server.url, cookie, sample.id, sectionIds[key], {}, {
    maxBackoffTime: 500,
    shouldReconnect: (event) => ![CLOSE_UNAUTHENTICATED, CLOSE_FORBIDDEN, CLOSE_SECTION_REMOVED].includes(event.code),
  });
  clients.push(client);
  return client;
}

const synced = (client: SectionClient): Promise<unknown> => waitFor(() => expect(client.provider.synced).toBe(true), 15_000);

/** Sends a case's frames on a fresh connection, then a SyncStep1 probe; reports how it ended. */
async function runCase(fuzz: FuzzCase, cookie = pccCookie): Promise<Outcome> {
  const opened = await openRawSocket(server.url, `/sync/${sample.id}/${sectionIds[fuzz.section]}`, { cookie });
  if (!('socket' in opened)) throw new Error(`${fuzz.name}: the upgrade was refused with ${opened.refused}`);
  const socket = opened.socket;
  sockets.add(socket);
  try {
    let answers = 0;
    const binaryFrames = fuzz.frames.filter((f): f is Uint8Array => f instanceof Uint8Array);
    // Every SyncStep1 the server accepts is answered with a SyncStep2; the probe is the last one.
    const expectedAnswers = binaryFrames.filter(isSyncStep1).length + 1;
    const outcome = new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${fuzz.name}: neither closed nor answered within 20 s`)), 20_000);
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary || data.length < 2 || data[0] !== MESSAGE_SYNC || data[1] !== SYNC_STEP2) return;
        answers += 1;
        if (answers >= expectedAnswers) {
          clearTimeout(timer);
          resolve({ closed: false, code: 0, reason: '' });
        }
      });
      socket.once('close', (code: number, reason: Buffer) => {
        clearTimeout(timer);
        resolve({ closed: true, code, reason: reason.toString() });
      });
    });
    const ignore = (): void => undefined;
    for (const f of fuzz.frames) {
      if (socket.readyState !== socket.OPEN) break;
      if (f instanceof Uint8Array) socket.send(f, { binary: true }, ignore);
      else if ('text' in f) socket.send(f.text, { binary: false }, ignore);
      else socket.send(f.badText, { binary: false }, ignore);
    }
    if (socket.readyState === socket.OPEN) socket.send(syncFrame(SYNC_STEP1, Y.encodeStateVector(new Y.Doc())), { binary: true }, ignore);
    return await outcome;
  } finally {
    if (socket.readyState === socket.OPEN) {
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.close(1000);
      await closed;
    }
    sockets.delete(socket);
  }
}

function meets(outcome: Outcome, expectation: Expectation): boolean {
  switch (expectation) {
    case 'malformed':
      return outcome.closed && outcome.code === CLOSE_MALFORMED;
    case 'tooLarge':
      return outcome.closed && outcome.code === 1009;
    case 'open':
      return !outcome.closed;
    case 'malformedOrOpen':
      return !outcome.closed || outcome.code === CLOSE_MALFORMED;
    case 'badText':
      return outcome.closed && (outcome.code === 1007 || outcome.code === CLOSE_MALFORMED);
  }
}

/** Real updates to a section: each from its own fork of the section (a fresh client id). */
function realUpdate(base: Uint8Array, marker?: string): Uint8Array {
  const fork = new Y.Doc();
  Y.applyUpdate(fork, base);
  let update: Uint8Array | null = null;
  fork.on('update', (u: Uint8Array) => {
    update = update ? Y.mergeUpdates([update, u]) : u;
  });
  const fragment = fork.getXmlFragment(SECTION_FRAGMENT);
  const paragraphs = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
  fork.transact(() => {
    const kind = marker ? 0 : between(0, 3);
    if (kind === 3 || paragraphs.length === 0) {
      const paragraph = new Y.XmlElement(pick(['paragraph', 'heading', 'blockquote']));
      paragraph.setAttribute('level', String(between(1, 3)));
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.insert(between(0, fragment.length), [paragraph]);
      text.insert(0, `fuzz paragraph ${between(0, 1e6)}`, random() < 0.5 ? { bold: {} } : undefined);
      return;
    }
    const text = pick(paragraphs).get(0) as Y.XmlText;
    if (kind === 0) text.insert(between(0, text.length), marker ?? `fuzz ${between(0, 1e6)} `);
    else if (kind === 1) text.insert(between(0, text.length), 'fuzz italic ', { italic: {} });
    else text.format(between(0, Math.max(0, text.length - 10)), between(1, 10), { bold: {} });
  });
  fork.destroy();
  if (!update) throw new Error('the fork made no update');
  return update;
}

/** Flips, replaces, inserts or removes a few bytes of an update's payload. */
function corrupt(update: Uint8Array): Uint8Array {
  const bytes = Array.from(update);
  const changes = between(1, 4);
  for (let i = 0; i < changes; i++) {
    const at = between(0, bytes.length - 1);
    const how = between(0, 3);
    if (how === 0) bytes[at] = bytes[at]! ^ (1 << between(0, 7));
    else if (how === 1) bytes[at] = between(0, 255);
    else if (how === 2) bytes.splice(at, 0, between(0, 255));
    else if (bytes.length > 2) bytes.splice(at, 1);
  }
  return Uint8Array.from(bytes);
}

function varUint(value: number): Uint8Array {
  return frame((e) => encoding.writeVarUint(e, value));
}

const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => Array.from(part)));

/** The fuzz cases, seeded; `bases` are the sections' states to fork real updates from. */
function fuzzCases(bases: Record<SectionKey, Uint8Array>, honestAwarenessId: number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const anySection = (): SectionKey => pick(['shared', 'shared', 'other', 'readonly'] as const);
  const ownAwarenessId = (): number => between(1, 2 ** 31);
  const tenFF = new Uint8Array(10).fill(0xff);

  // Bad varints where the frame's structure is read: always malformed.
  for (const prefix of [[], [MESSAGE_SYNC], [MESSAGE_SYNC, SYNC_UPDATE], [MESSAGE_SYNC, SYNC_STEP1], [MESSAGE_AWARENESS]]) {
    cases.push({ name: `bad varint after [${prefix.join(',')}]`, section: anySection(), frames: [concat(Uint8Array.from(prefix), tenFF)], expect: 'malformed' });
  }
  cases.push({ name: 'empty binary frame', section: anySection(), frames: [new Uint8Array(0)], expect: 'malformed' });

  // Declared lengths far past the end of the frame.
  for (const length of [1_000, 2 ** 20, 2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
    const tail = randomBytes(between(0, 20));
    cases.push({ name: `sync update declaring ${length} bytes`, section: anySection(), frames: [concat(Uint8Array.of(MESSAGE_SYNC, SYNC_UPDATE), varUint(length), tail)], expect: 'malformed' });
    cases.push({ name: `state vector declaring ${length} bytes`, section: anySection(), frames: [concat(Uint8Array.of(MESSAGE_SYNC, SYNC_STEP1), varUint(length), tail)], expect: 'malformed' });
    cases.push({ name: `awareness declaring ${length} bytes`, section: anySection(), frames: [concat(Uint8Array.of(MESSAGE_AWARENESS), varUint(length), tail)], expect: 'malformed' });
    // Inside a well-framed awareness update: one entry whose state string claims to be huge.
    const inner = concat(varUint(1), varUint(ownAwarenessId()), varUint(1), varUint(length), tail);
    cases.push({ name: `awareness state declaring ${length} bytes`, section: anySection(), frames: [concat(Uint8Array.of(MESSAGE_AWARENESS), varUint(inner.length), inner)], expect: 'malformed' });
  }

  // Message types and sync steps nobody defined; auth and awareness queries are fine.
  for (const type of [4, 5, 42, 99, MESSAGE_WRITE_ACK, 127, 128, 300, 2 ** 32]) {
    cases.push({ name: `message type ${type}`, section: anySection(), frames: [concat(varUint(type), randomBytes(between(0, 8)))], expect: 'malformed' });
  }
  for (const step of [3, 4, 77, 2 ** 20]) {
    cases.push({ name: `sync step ${step}`, section: anySection(), frames: [concat(Uint8Array.of(MESSAGE_SYNC), varUint(step), randomBytes(4))], expect: 'malformed' });
  }
  cases.push({ name: 'auth message from a client', section: anySection(), frames: [concat(Uint8Array.of(MESSAGE_AUTH), randomBytes(6))], expect: 'open' });
  cases.push({ name: 'awareness query', section: anySection(), frames: [Uint8Array.of(MESSAGE_QUERY_AWARENESS)], expect: 'open' });

  // Truncated updates: a real update cut short but framed correctly; and whole frames cut short.
  for (let i = 0; i < 40; i++) {
    const section = anySection();
    const update = realUpdate(bases[section]);
    const cut = between(1, update.length - 1);
    cases.push({
      name: `update cut at ${cut}/${update.length}`,
      section,
      frames: [syncFrame(pick([SYNC_UPDATE, SYNC_STEP2]), update.slice(0, cut))],
      expect: 'malformedOrOpen',
    });
  }
  for (let i = 0; i < 10; i++) {
    const section = anySection();
    const whole = syncFrame(SYNC_UPDATE, realUpdate(bases[section]));
    const cut = between(1, whole.length - 1);
    cases.push({ name: `update frame cut at ${cut}/${whole.length}`, section, frames: [whole.slice(0, cut)], expect: 'malformed' });
  }

  // Valid-looking sync frames whose update is corrupted.
  for (let i = 0; i < 50; i++) {
    const section = anySection();
    cases.push({
      name: `corrupted update #${i}`,
      section,
      frames: [syncFrame(pick([SYNC_UPDATE, SYNC_STEP2]), corrupt(realUpdate(bases[section])))],
      expect: 'malformedOrOpen',
    });
  }
  // State vectors of random bytes.
  for (let i = 0; i < 10; i++) {
    cases.push({ name: `random state vector #${i}`, section: anySection(), frames: [syncFrame(SYNC_STEP1, randomBytes(between(1, 40)))], expect: 'malformedOrOpen' });
  }
  // Random bytes, a few per connection.
  for (let i = 0; i < 40; i++) {
    const frames = Array.from({ length: between(1, 4) }, () => randomBytes(between(1, 300)));
    cases.push({ name: `random bytes #${i}`, section: anySection(), frames, expect: 'malformedOrOpen' });
  }

  // Text frames, and one that is not even UTF-8.
  for (const text of ['hello', '{"type":"sync","update":[1,2,3]}', '', 'x'.repeat(10_000)]) {
    cases.push({ name: `text frame of ${text.length} characters`, section: anySection(), frames: [{ text }], expect: 'malformed' });
  }
  cases.push({ name: 'text frame that is not UTF-8', section: anySection(), frames: [{ badText: Uint8Array.of(0xff, 0xfe, 0xc3, 0x28) }], expect: 'badText' });

  // Over the frame limit.
  cases.push({ name: 'oversized frame (limit + 1)', section: anySection(), frames: [new Uint8Array(FRAME_LIMIT + 1)], expect: 'tooLarge' });
  cases.push({
    name: 'oversized sync update (limit + 64 KiB)',
    section: 'shared',
    frames: [syncFrame(SYNC_UPDATE, randomBytes(FRAME_LIMIT + 65_536))],
    expect: 'tooLarge',
  });

  // Awareness: too many entries at once, bad states, and forged entries.
  const state = (name: string): string => JSON.stringify({ user: { name }, cursor: null });
  const entries = (count: number): AwarenessEntry[] =>
    Array.from({ length: count }, () => ({ clientId: ownAwarenessId(), clock: 1, json: state('Mallory') }));
  // A frame may carry many entries (a client echoes the whole room's presence on joining);
  // the server keeps at most AWARENESS_IDS_PER_CONNECTION ids for the connection and drops the rest.
  cases.push({ name: 'awareness with 9 entries', section: 'shared', frames: [awarenessFrame(entries(AWARENESS_IDS_PER_CONNECTION + 1))], expect: 'open' });
  cases.push({ name: 'awareness with 500 entries', section: 'shared', frames: [awarenessFrame(entries(500))], expect: 'open' });
  cases.push({ name: 'awareness with 8 entries', section: 'shared', frames: [awarenessFrame(entries(AWARENESS_IDS_PER_CONNECTION))], expect: 'open' });
  cases.push({
    name: 'awareness claiming 400 client ids over 50 frames',
    section: 'shared',
    frames: Array.from({ length: 50 }, () => awarenessFrame(entries(AWARENESS_IDS_PER_CONNECTION))),
    expect: 'open',
  });
  cases.push({ name: 'awareness state that is not JSON', section: 'shared', frames: [awarenessFrame([{ clientId: ownAwarenessId(), clock: 1, json: '{nope' }])], expect: 'malformed' });
  cases.push({ name: 'awareness state that is an array', section: 'shared', frames: [awarenessFrame([{ clientId: ownAwarenessId(), clock: 1, json: '[1,2]' }])], expect: 'malformed' });
  cases.push({
    name: 'awareness state of 20 000 characters',
    section: 'shared',
    frames: [awarenessFrame([{ clientId: ownAwarenessId(), clock: 1, json: JSON.stringify({ blob: 'x'.repeat(20_000) }) }])],
    expect: 'malformed',
  });
  cases.push({
    name: "awareness forging an honest client's entry",
    section: 'shared',
    frames: [awarenessFrame([{ clientId: honestAwarenessId, clock: 1_000_000, json: state('Mallory') }])],
    expect: 'open',
  });
  cases.push({
    name: "awareness removing an honest client's entry",
    section: 'shared',
    frames: [awarenessFrame([{ clientId: honestAwarenessId, clock: 1_000_000, json: 'null' }])],
    expect: 'open',
  });

  // Floods: a thousand awareness updates are within the burst allowance; twelve thousand are not.
  const flood = (count: number): Uint8Array[] => {
    const clientId = ownAwarenessId();
    return Array.from({ length: count }, (_, i) => awarenessFrame([{ clientId, clock: i + 1, json: JSON.stringify({ cursor: { anchor: i } }) }]));
  };
  cases.push({ name: 'awareness flood of 1000', section: 'shared', frames: flood(1_000), expect: 'open', flood: true });
  // Past the burst allowance the server stops reading the socket for a while: slowed, never cut off.
  cases.push({ name: 'awareness flood of 12000', section: 'shared', frames: flood(12_000), expect: 'open', flood: true });
  cases.push({ name: 'awareness flood of 12000 on another section', section: 'other', frames: flood(12_000), expect: 'open', flood: true });

  // Controls: well-formed edits over a raw socket are accepted and must reach everyone.
  for (let i = 0; i < 3; i++) {
    const marker = `[fuzz-legit-${i}]`;
    cases.push({ name: `well-formed update ${i}`, section: 'shared', frames: [syncFrame(SYNC_UPDATE, realUpdate(bases.shared, marker))], expect: 'open', writes: [marker] });
  }

  // Shuffle (seeded) so that the kinds interleave across connections.
  for (let i = cases.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [cases[i], cases[j]] = [cases[j]!, cases[i]!];
  }
  return cases;
}

async function storedText(stopped: ChildServer, sectionId: string): Promise<string> {
  const store = await openStore({ dataDir: stopped.dataDir, databaseUrl: stopped.database?.url });
  try {
    return fragmentText(docFromUpdates(await store.updates.load(sectionId)));
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  server = await startChildServer();
  pccCookie = await login(server.url, 'pcc@example.org');
  officerCookie = await login(server.url, 'officer@example.org');
  viewerCookie = await login(server.url, 'viewer@example.org');
  sample = await sampleResponse(server.url, pccCookie);
  const [pccComments, chiefComments, , , , hmiComments] = sample.sections;
  expect(pccComments!.ownerRole).toBe('pcc');
  expect(chiefComments!.ownerRole).toBe('chief_constable');
  expect(hmiComments!.ownerRole).toBe('pcc');
  sectionIds.shared = pccComments!.id;
  sectionIds.readonly = chiefComments!.id;
  sectionIds.other = hmiComments!.id;
});

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  for (const client of clients) client.destroy();
  await server?.dispose();
});

describe('fuzzed frames from a signed-in member', () => {
  it('close only the offender, with a documented code, while honest clients keep syncing', async () => {
    const startedAt = Date.now();
    const honestA = open(pccCookie, 'shared');
    const honestB = open(officerCookie, 'shared');
    const readers = { other: open(pccCookie, 'other'), readonly: open(pccCookie, 'readonly') };
    await Promise.all([honestA, honestB, readers.other, readers.readonly].map(synced));
    const readonlyBefore = readers.readonly.text();
    const bases: Record<SectionKey, Uint8Array> = {
      shared: Y.encodeStateAsUpdate(honestA.doc),
      other: Y.encodeStateAsUpdate(readers.other.doc),
      readonly: Y.encodeStateAsUpdate(readers.readonly.doc),
    };
    // Presence as the honest clients see it: bounded, and nobody else's to forge.
    let mostPresence = 0;
    honestB.provider.awareness.on('change', () => {
      mostPresence = Math.max(mostPresence, honestB.provider.awareness.getStates().size);
    });
    const honestAId = honestA.doc.clientID;
    // A state at clock 0 (a provider's initial `{}`) is not news to y-protocols: move the clock on.
    // (A caret must be a valid one to be passed on: two relative positions, here in the fragment.)
    const caretAt = (assoc: number) => {
      const position = { type: null, tname: SECTION_FRAGMENT, item: null, assoc };
      return { anchor: position, head: position };
    };
    honestA.provider.awareness.setLocalStateField('cursor', caretAt(0));
    honestB.provider.awareness.setLocalStateField('cursor', caretAt(0));
    await waitFor(() => expect(honestB.provider.awareness.getStates().get(honestAId)?.user?.name).toBe('Alex Morgan'));

    // Let the server settle before taking its memory as the baseline.
    await sleep(500);
    const rssStart = server.rssBytes();

    const pair = new HonestPair(honestA, honestB);
    pair.start();

    const cases = fuzzCases(bases, honestAId);
    const mismatches: string[] = [];
    const codes = new Map<number, number>();
    let frames = 0;
    const check = async (fuzz: FuzzCase): Promise<void> => {
      frames += fuzz.frames.length;
      const outcome = await runCase(fuzz);
      if (outcome.closed) codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
      if (outcome.closed && !DOCUMENTED_CLOSE_CODES.has(outcome.code)) mismatches.push(`${fuzz.name}: undocumented close code ${outcome.code} (${outcome.reason})`);
      else if (!meets(outcome, fuzz.expect)) {
        mismatches.push(`${fuzz.name} [${fuzz.section}]: expected ${fuzz.expect}, got ${outcome.closed ? `close ${outcome.code} (${outcome.reason})` : 'open'}`);
      }
    };
    const queue = cases.filter((fuzz) => !fuzz.flood);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let fuzz = queue.shift(); fuzz; fuzz = queue.shift()) await check(fuzz);
      }),
    );
    // The floods, all at once.
    await Promise.all(cases.filter((fuzz) => fuzz.flood).map(check));
    expect(mismatches).toEqual([]);
    const fuzzedFor = Date.now() - startedAt;

    // Honest editing went on through the fuzzing; it stops here and must converge.
    await sleep(300);
    await pair.stop();
    // Soft: the checks below still say whether anything was lost when this fails.
    expect.soft(pair.closes, 'honest connections closed by the server').toEqual([]);
    const legit = cases.flatMap((fuzz) => fuzz.writes ?? []);
    await waitFor(() => {
      expect(pair.unseen).toEqual([]);
      const text = honestA.text();
      expect(honestB.text()).toBe(text);
      for (const marker of [...pair.inserted, ...legit]) expect(text).toContain(marker);
    }, 15_000);
    const worstLatency = Math.max(...pair.latencies);
    expect(worstLatency).toBeLessThan(5_000);

    // Forged presence was not taken (an accepted forgery at clock 1 000 000 would hide A's next
    // state), and no connection held more than its share of entries.
    honestA.provider.awareness.setLocalStateField('cursor', caretAt(-1));
    await waitFor(() => expect(honestB.provider.awareness.getStates().get(honestAId)?.cursor).toEqual(caretAt(-1)));
    expect(honestB.provider.awareness.getStates().get(honestAId)?.user?.name).toBe('Alex Morgan');
    expect(JSON.stringify([...honestB.provider.awareness.getStates().values()])).not.toContain('Mallory');
    expect(mostPresence).toBeLessThanOrEqual(4 + AWARENESS_IDS_PER_CONNECTION * (CONCURRENCY + 1));

    // Still up, and memory bounded.
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const rssEnd = server.rssBytes();
    expect(rssEnd).toBeLessThan(2 * rssStart + 150 * 1024 * 1024);

    // Stored equals seen: everything each client sent is processed (so stored) once answered.
    await serverRoundTrip(honestA.provider);
    await serverRoundTrip(honestB.provider);
    await waitFor(() => expect(readers.readonly.text()).toBe(readonlyBefore));
    const fresh = { shared: open(officerCookie, 'shared'), other: open(officerCookie, 'other') };
    await Promise.all(Object.values(fresh).map(synced));
    expect(fresh.shared.text()).toBe(honestA.text());
    const expected = { shared: honestA.text(), other: fresh.other.text(), readonly: readonlyBefore };
    await waitFor(() => expect(readers.other.text()).toBe(expected.other));

    // Killed without warning, the server's data still loads and holds exactly that.
    await server.kill('SIGKILL');
    for (const key of ['shared', 'other', 'readonly'] as const) {
      expect(await storedText(server, sectionIds[key]), `stored ${key} section`).toBe(expected[key]);
    }
    await server.restart();
    const again = open(officerCookie, 'shared');
    await synced(again);
    expect(again.text()).toBe(expected.shared);

    console.info(
      `fuzz: seed ${SEED}, ${cases.length} connections, ${frames} frames in ${(fuzzedFor / 1000).toFixed(1)} s; closes ${JSON.stringify(Object.fromEntries(codes))}; ` +
        `honest edits ${pair.inserted.length}, worst latency ${worstLatency} ms; RSS ${(rssStart / 2 ** 20).toFixed(0)} -> ${(rssEnd / 2 ** 20).toFixed(0)} MiB; most presence entries ${mostPresence}`,
    );
  }, 120_000);

  it("keeps other members connected through awareness floods within each sender's limits", async () => {
    // y-websocket clients send every awareness change they receive back to the server (the
    // provider's awareness 'update' handler does not look at the origin), so whatever presence
    // traffic the server relays to an honest client comes back from it, counted against that
    // client's own message allowance. Four connections each within theirs must not get
    // bystanders disconnected.
    const a = open(pccCookie, 'other');
    const b = open(officerCookie, 'other');
    await Promise.all([a, b].map(synced));
    const closes: string[] = [];
    for (const [name, client] of [
      ['a', a],
      ['b', b],
    ] as const) {
      client.provider.on('connection-close', (event) => closes.push(`${name}: ${event?.code ?? 'local'} ${event?.reason ?? ''}`));
    }
    const burst = 1_900; // under the 2000-message burst a connection is allowed
    const floods = Array.from({ length: 4 }, () => between(1, 2 ** 31)).map((clientId) => ({
      clientId,
      name: `burst of ${burst} awareness updates from client ${clientId}`,
      section: 'other' as const,
      frames: Array.from({ length: burst }, (_, i) => awarenessFrame([{ clientId, clock: i + 1, json: JSON.stringify({ cursor: { anchor: i } }) }])),
      expect: 'open' as const,
    }));
    const outcomes = await Promise.all(floods.map((flood) => runCase(flood)));
    expect(outcomes.map((outcome) => meets(outcome, 'open')), JSON.stringify(outcomes)).toEqual(floods.map(() => true));
    // Every relayed update has reached the honest clients (or they were dropped on the way).
    await waitFor(() => {
      if (closes.length > 0) return;
      for (const client of [a, b]) {
        for (const flood of floods) expect(client.provider.awareness.meta.get(flood.clientId)?.clock).toBe(burst);
      }
    });
    // Let their echoes arrive before judging.
    await serverRoundTrip(a.provider).catch(() => undefined);
    await serverRoundTrip(b.provider).catch(() => undefined);
    expect(closes, 'honest connections closed by the server').toEqual([]);
  }, 60_000);

  it('keeps memory bounded when a member cycles through awareness client ids', async () => {
    // Each awareness entry may name a client id the connection has not used; one with a null
    // state is "already gone", so it never counts towards the connection's eight ids, yet the
    // room's Awareness keeps a clock for every id it has seen for as long as the room is open.
    // Even a viewer may send presence. Against a control of the same traffic on eight fixed ids,
    // 40 connections x 1900 frames x 8 new ids (all within the rate limits) must not keep more
    // than a few MiB.
    const keeper = open(viewerCookie, 'readonly');
    await synced(keeper);
    let nextId = 1_000_000;
    const connections = 40;
    const framesPerConnection = 1_900;
    const traffic = async (freshIds: boolean, count = connections): Promise<void> => {
      const batch = Array.from({ length: count }, () => {
        const fixed = Array.from({ length: AWARENESS_IDS_PER_CONNECTION }, () => nextId++);
        const frames = Array.from({ length: framesPerConnection }, (_, i) =>
          awarenessFrame(fixed.map((id) => ({ clientId: freshIds ? nextId++ : id, clock: i + 1, json: 'null' }))),
        );
        return { name: `${freshIds ? 'new' : 'fixed'} awareness ids`, section: 'readonly' as const, frames, expect: 'open' as const };
      });
      for (let i = 0; i < batch.length; i += 10) {
        const outcomes = await Promise.all(batch.slice(i, i + 10).map((fuzz) => runCase(fuzz, viewerCookie)));
        for (const outcome of outcomes) expect(meets(outcome, 'open'), JSON.stringify(outcome)).toBe(true);
      }
      await sleep(1_000);
    };
    await traffic(false, 10); // warms the server up to this traffic
    const rssBefore = server.rssBytes();
    await traffic(false);
    const rssControl = server.rssBytes();
    await traffic(true);
    const rssChurn = server.rssBytes();
    const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    console.info(`awareness churn: control ${mib(rssControl - rssBefore)}, ${connections * framesPerConnection * AWARENESS_IDS_PER_CONNECTION} new ids ${mib(rssChurn - rssControl)}`);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(rssChurn - rssControl, `RSS grew ${mib(rssChurn - rssControl)} (control: ${mib(rssControl - rssBefore)})`).toBeLessThan(
      Math.max(0, rssControl - rssBefore) + 24 * 2 ** 20,
    );
  }, 120_000);

  it('stays responsive while a read-only member sends updates that delete what is already deleted', async () => {
    // A read-only connection's update is checked for whether it changes anything; one that
    // deletes only deleted text must not cost the server more than applying it would.
    const writer = open(pccCookie, 'shared');
    await synced(writer);
    const paragraph = writer.doc.getXmlFragment(SECTION_FRAGMENT).get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    writer.doc.transact(() => text.insert(0, 'x'.repeat(1_000)));
    writer.doc.transact(() => text.delete(0, 1_000));
    await serverRoundTrip(writer.provider);
    // No structs; a delete set naming the same 1000 deleted clocks 1000 times (3 KB).
    const update = frame((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, writer.doc.clientID);
      encoding.writeVarUint(e, 1_000);
      for (let i = 0; i < 1_000; i++) {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 1_000);
      }
    });
    // 150 frames: well within a connection's message and byte allowances.
    const fuzz: FuzzCase = { name: 'no-op deletions', section: 'shared', frames: Array.from({ length: 150 }, () => syncFrame(SYNC_UPDATE, update)), expect: 'malformedOrOpen' };
    const latencies: number[] = [];
    let done = false;
    const outcome = runCase(fuzz, viewerCookie).finally(() => {
      done = true;
    });
    while (!done) {
      const at = Date.now();
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      latencies.push(Date.now() - at);
      await sleep(25);
    }
    const result = await outcome;
    expect(!result.closed || DOCUMENTED_CLOSE_CODES.has(result.code), JSON.stringify(result)).toBe(true);
    console.info(`no-op deletions: ${latencies.length} health checks, worst ${Math.max(...latencies)} ms`);
    expect(Math.max(...latencies), 'slowest health check while the frames were processed (ms)').toBeLessThan(1_000);
  }, 60_000);
});
