// Two real server processes on one PostgreSQL database and one Redis (COUNTERSIGN_REDIS_URL),
// as two instances behind a load balancer: members on different instances edit one section
// live and see each other's carets (which nobody on the other instance can take over); seeded
// random edits from three clients spread over both end equal to each other and to the
// database; who has the response open, and the login throttle, are shared; a sign-off or a
// section's removal on A closes B's write connections; kill -9 of A while a client types loses
// nothing the client was told was stored, and the client carries on through the same proxy, on
// B; a Redis restart mid-typing heals by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CloseEvent } from 'ws';
import type { ResponseDetail } from '../../shared/api';
import type { Section } from '../../shared/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CLOSE_ACCESS_CHANGED, CLOSE_SECTION_REMOVED, MESSAGE_AWARENESS, WRITE_REFUSED } from '../../shared/protocol';
import { docFromUpdates } from '../../server/content/sectionContent';
import { openStore } from '../../server/store/openStore';
import type { Store } from '../../server/store/Store';
import { startChildServer, type ChildServer } from '../helpers/childServer';
import { api, appendParagraph, caretInFirstParagraph, connectSection, fragmentText, login, openRawSocket, recordWriteAcks, sampleResponse, serverRoundTrip, type SectionClient } from '../helpers/clients';
import { MarkerEditor, markerProblems } from '../helpers/markerEditor';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { redisPrefix, startTestRedis, type TestRedis } from '../helpers/redis';
import { seededRandom } from '../helpers/seededRandom';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy';
import { waitFor } from '../helpers/waitFor';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SEED = Number(process.env.CLUSTER_SEED ?? 0xc1a5_2026);
const EDITS_PER_CLIENT = 300;
/** Reconnect back-off cap for the clients (y-websocket's default is 2500 ms). */
const MAX_BACKOFF_MS = 300;

let database: TestDatabase;
let redis: TestRedis;
let a: ChildServer;
let b: ChildServer;
let store: Store;
let storeDir: string;
let sample: ResponseDetail;
const cookies: Record<string, string> = {};
const clients: SectionClient[] = [];
const sockets: WebSocket[] = [];
const proxies: TcpProxy[] = [];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function drafting(ownerRole: Section['ownerRole'], index = 0): Section {
  const section = sample.sections.filter((s) => s.ownerRole === ownerRole && s.state === 'drafting')[index];
  if (!section) throw new Error(`no drafting section of ${ownerRole} #${index}`);
  return section;
}

function open(server: { url: string }, who: string, section: Section, params: Record<string, string> = {}): SectionClient {
  const client = connectSection(server.url, cookies[who]!, sample.id, section.id, params, { maxBackoffTime: MAX_BACKOFF_MS });
  clients.push(client);
  return client;
}

function closeCodes(client: SectionClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => codes.push((event as CloseEvent | null)?.code ?? -1));
  return codes;
}

async function synced(...list: SectionClient[]): Promise<void> {
  await waitFor(() => expect(list.every((client) => client.provider.synced)).toBe(true), 20_000);
}

/** A presence frame setting one client id's state, as a hostile client would send it. */
function awarenessFrame(clientId: number, clock: number, json: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, json);
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

async function storedText(sectionId: string): Promise<string> {
  return fragmentText(docFromUpdates(await store.updates.load(sectionId)));
}

beforeAll(async () => {
  [database, redis] = await Promise.all([createTestDatabase(), startTestRedis()]);
  const env = { COUNTERSIGN_DATABASE_URL: database.url, COUNTERSIGN_REDIS_URL: redis.url, COUNTERSIGN_REDIS_PREFIX: redisPrefix() };
  // A seeds the demo into the empty database; B finds it there.
  a = await startChildServer({ env });
  b = await startChildServer({ env });
  for (const who of ['pcc', 'chief', 'lead', 'officer']) cookies[who] = await login(a.url, `${who}@example.org`);
  sample = await sampleResponse(b.url, cookies.pcc!);
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-cluster-'));
  store = await openStore({ dataDir: storeDir, databaseUrl: database.url });
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const socket of sockets) socket.terminate();
  for (const proxy of proxies) await proxy.close();
  await store?.close();
  await Promise.all([a?.dispose(), b?.dispose()]);
  await redis?.stop();
  await database?.drop();
  if (storeDir) fs.rmSync(storeDir, { recursive: true, force: true });
});

describe('two instances on one database and one Redis', () => {
  it('relays edits and carets between clients on A and on B, live', async () => {
    const section = drafting('chief_constable', 0);
    const onA = open(a, 'chief', section);
    const onB = open(b, 'chief', section);
    await synced(onA, onB);

    appendParagraph(onA.doc, 'Typed on A.');
    await waitFor(() => expect(onB.text()).toContain('Typed on A.'));
    appendParagraph(onB.doc, 'Typed on B.');
    await waitFor(() => expect(onA.text()).toContain('Typed on B.'));
    expect(onA.text()).toBe(onB.text());
    expect(await storedText(section.id)).toBe(onA.text());

    // Presence: A's caret reaches B, with the name the server gives it; it goes when A leaves.
    const caret = JSON.parse(JSON.stringify(caretInFirstParagraph(onA.doc, 3))) as Record<string, unknown>;
    onA.provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
    await waitFor(() =>
      expect(onB.provider.awareness.getStates().get(onA.doc.clientID)).toMatchObject({ cursor: { anchor: caret, head: caret }, user: { name: 'Sam Taylor' } }),
    );
    onA.provider.disconnect();
    await waitFor(() => expect(onB.provider.awareness.getStates().has(onA.doc.clientID)).toBe(false));
  });

  it('keeps a client id set through A for its holder: a client on B cannot take it over, echoing it first', async () => {
    const section = drafting('chief_constable', 0);
    const holder = open(a, 'chief', section);
    const watcher = open(a, 'officer', section);
    await synced(holder, watcher);
    holder.provider.awareness.setLocalStateField('cursor', null);
    const holderId = holder.doc.clientID;
    const namesSeen = new Set<string>();
    watcher.provider.awareness.on('change', () => {
      const state = watcher.provider.awareness.getStates().get(holderId) as { user?: { name?: string } } | undefined;
      if (state?.user?.name) namesSeen.add(state.user.name);
    });
    await waitFor(() => expect(namesSeen).toContain('Sam Taylor'));

    // A hostile client on B, the only one there: the room opening on B is told A's presence at
    // once, and the client sees the holder's state and clock as its provider would.
    const clocks = new Map<number, number>();
    // Listening from the first frame: the room's greeting may come with the upgrade's answer.
    const opened = await openRawSocket(b.url, `/sync/${encodeURIComponent(sample.id)}/${encodeURIComponent(section.id)}`, { cookie: cookies.lead! }, (data) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return;
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      for (let n = decoding.readVarUint(update); n > 0; n--) {
        const clientId = decoding.readVarUint(update);
        clocks.set(clientId, decoding.readVarUint(update));
        decoding.readVarString(update);
      }
    });
    if (!('socket' in opened)) throw new Error(`socket refused: ${opened.refused}`);
    const hostile = opened.socket;
    sockets.push(hostile);
    const clock = await waitFor(() => {
      expect(clocks.has(holderId)).toBe(true);
      return clocks.get(holderId)!;
    });
    // An echo of the holder's state (as every y-websocket provider sends back), then a newer
    // state for it, then one of its own: once its own reaches A, the others were decided.
    const ownId = 0xbad;
    hostile.send(awarenessFrame(holderId, clock, '{"cursor":null}'));
    hostile.send(awarenessFrame(holderId, clock + 10, '{"cursor":null}'));
    hostile.send(awarenessFrame(ownId, 1, '{"cursor":null}'));
    await waitFor(() => expect(watcher.provider.awareness.getStates().get(ownId)).toMatchObject({ user: { name: 'Jordan Lee' } }));
    expect([...namesSeen]).toEqual(['Sam Taylor']);
  });

  it(`ends ${3 * EDITS_PER_CLIENT} seeded random edits of 3 clients over both instances equal everywhere and in the database`, async () => {
    const section = drafting('chief_constable', 1);
    const random = seededRandom(SEED);
    const editors = [open(a, 'chief', section), open(b, 'chief', section), open(a, 'chief', section)].map(
      (client, i) => new MarkerEditor(i + 1, client, seededRandom(SEED + i + 1)),
    );
    await synced(...editors.map((editor) => editor.client));
    const remaining = editors.map(() => EDITS_PER_CLIENT);
    while (remaining.some((count) => count > 0)) {
      const choices = editors.filter((_, i) => remaining[i]! > 0);
      const editor = choices[Math.floor(random() * choices.length)]!;
      editor.edit();
      remaining[editor.number - 1]! -= 1;
      // Now and then a pause, so that edits cross the instances while others are being typed.
      if (random() < 0.3) await sleep(Math.floor(random() * 4));
    }
    const inserted = editors.flatMap((editor) => editor.inserted);
    expect(inserted).toHaveLength(3 * EDITS_PER_CLIENT);
    await waitFor(async () => {
      const texts = editors.map((editor) => editor.client.text());
      expect(markerProblems(await storedText(section.id), texts, inserted)).toEqual([]);
    }, 30_000, 100);
  });

  it('lists on a page on B who has the response open on A, and drops them when they leave', async () => {
    const online: string[][] = [];
    const page = (server: ChildServer, who: string, seen?: string[][]) => {
      const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/events/${sample.id}`, { headers: { cookie: cookies[who]! } });
      sockets.push(socket);
      socket.on('message', (data) => {
        const event = JSON.parse(String(data)) as { type: string; online?: string[] };
        if (event.type === 'presence' && seen) seen.push([...event.online!].sort());
      });
      return new Promise<WebSocket>((resolve) => socket.once('open', () => resolve(socket)));
    };
    const ids = Object.fromEntries(
      await Promise.all(
        ['pcc', 'chief'].map(async (who) => [who, (await api<{ user: { id: string } }>(a.url, cookies[who]!, 'GET', '/api/session')).body.user.id] as const),
      ),
    );
    await page(b, 'pcc', online);
    const onA = await page(a, 'chief');
    await waitFor(() => expect(online.at(-1)).toEqual([ids.pcc, ids.chief].sort()));
    onA.close();
    await waitFor(() => expect(online.at(-1)).toEqual([ids.pcc]));
  });

  it('counts wrong passwords tried through either instance together (the login throttle is shared)', async () => {
    const attempt = (server: ChildServer, password: string) =>
      fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'officer@example.org', password }),
      }).then((response) => response.status);
    // Three failures are free per address and account (then each makes the next wait): spread
    // over both instances, they add up.
    expect(await attempt(a, 'wrong one')).toBe(401);
    expect(await attempt(b, 'wrong two')).toBe(401);
    expect(await attempt(a, 'wrong three')).toBe(401);
    expect(await attempt(b, 'countersign')).toBe(429);
    expect(await attempt(a, 'countersign')).toBe(429);
  });

  it('closes the write connections on B when the section is signed off on A, and tells B’s pages', async () => {
    const section = drafting('portfolio_lead');
    const writer = open(b, 'lead', section, { acks: '1' });
    const acks = recordWriteAcks(writer.provider);
    const writerCloses = closeCodes(writer);
    const events: Array<{ type: string }> = [];
    const page = new WebSocket(`${b.url.replace(/^http/, 'ws')}/events/${sample.id}`, { headers: { cookie: cookies.pcc! } });
    sockets.push(page);
    page.on('message', (data) => events.push(JSON.parse(String(data)) as { type: string }));
    await new Promise((resolve) => page.once('open', resolve));
    await synced(writer);
    appendParagraph(writer.doc, 'Signed on A, written on B.');
    await waitFor(async () => expect(await storedText(section.id)).toContain('Signed on A, written on B.'));

    const signed = await api<Section>(a.url, cookies.lead!, 'POST', `/api/responses/${sample.id}/sections/${section.id}/signoff`);
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('signed_off');
    await waitFor(() => expect(writerCloses).toContain(CLOSE_ACCESS_CHANGED));
    // B's open page of the response hears of the sign-off made on A.
    await waitFor(() => expect(events.some((event) => event.type === 'changed' || event.type === 'audit')).toBe(true));

    // Back on B, read-only: what the writer types now is refused and never stored.
    await waitFor(() => expect(writer.provider.wsconnected && writer.provider.synced).toBe(true));
    const before = acks.length;
    appendParagraph(writer.doc, 'Typed after the sign-off.');
    await waitFor(() => expect(acks.slice(before).map((ack) => ack.status)).toContain(WRITE_REFUSED));
    expect(await storedText(section.id)).not.toContain('Typed after the sign-off.');
  });

  it('closes the editors on B of a section removed on A (4404)', async () => {
    const section = drafting('chief_constable', 2);
    const writer = open(b, 'chief', section);
    const writerCloses = closeCodes(writer);
    await synced(writer);
    const removed = await api(a.url, cookies.pcc!, 'DELETE', `/api/responses/${sample.id}/sections/${section.id}`);
    expect(removed.status).toBe(204);
    await waitFor(() => expect(writerCloses).toContain(CLOSE_SECTION_REMOVED));
  });

  it('loses nothing acknowledged when A is killed (-9) mid-typing; the client carries on through the proxy on B', async () => {
    const section = drafting('pcc', 0);
    const proxy = await startTcpProxy([a.port, b.port]);
    proxies.push(proxy);
    const typist = new MarkerEditor(1, open(proxy, 'pcc', section, { acks: '1' }), seededRandom(SEED + 10));
    const watcher = open(b, 'pcc', section);
    await synced(typist.client, watcher);
    expect(proxy.given.get(a.port)).toBe(1);

    let typing = true;
    const loop = (async () => {
      while (typing) {
        typist.edit();
        await sleep(5);
      }
    })();
    await waitFor(() => expect(typist.acknowledged.size).toBeGreaterThan(40));
    await a.kill('SIGKILL');
    const acknowledgedBeforeKill = [...typist.acknowledged];
    // The client reconnects through the same address; the proxy finds A gone and gives it B.
    await waitFor(() => expect(proxy.given.get(b.port) ?? 0).toBeGreaterThan(0), 20_000);
    await waitFor(() => expect(typist.acknowledged.size).toBeGreaterThan(acknowledgedBeforeKill.length + 20), 20_000);
    typing = false;
    await loop;

    const stored = await waitFor(async () => {
      const text = await storedText(section.id);
      expect(markerProblems(text, [typist.client.text(), watcher.text()], typist.inserted)).toEqual([]);
      return text;
    }, 20_000, 100);
    for (const marker of acknowledgedBeforeKill) expect(stored).toContain(marker);
    await a.restart();
  });

  it('heals by itself when Redis restarts while clients on A and B type', async () => {
    const section = drafting('pcc', 1);
    const editors = [open(a, 'pcc', section), open(b, 'pcc', section)].map((client, i) => new MarkerEditor(i + 1, client, seededRandom(SEED + 20 + i)));
    await synced(...editors.map((editor) => editor.client));
    let typing = true;
    const loops = editors.map(async (editor) => {
      while (typing) {
        editor.edit();
        await sleep(10);
      }
    });
    await sleep(300);
    await redis.stop('SIGKILL');
    // While Redis is down each instance still stores and serves its own clients.
    await sleep(500);
    await redis.start();
    await sleep(500);
    typing = false;
    await Promise.all(loops);
    const inserted = editors.flatMap((editor) => editor.inserted);
    await waitFor(async () => {
      const texts = editors.map((editor) => editor.client.text());
      expect(markerProblems(await storedText(section.id), texts, inserted)).toEqual([]);
    }, 20_000, 100);
    // And live relaying works again: an edit on B reaches A.
    appendParagraph(editors[1]!.client.doc, 'After the restart.');
    await waitFor(() => expect(editors[0]!.client.text()).toContain('After the restart.'));
    await serverRoundTrip(editors[0]!.client.provider);
  });
});
