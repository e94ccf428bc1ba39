// The sync server with real sockets, real providers and a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { docFromUpdates } from '../../server/content/sectionContent';
import { CLOSE_MALFORMED, maxFrameBytes, MESSAGE_SYNC, SYNC_UPDATE } from '../../shared/protocol';
import { loadConfig } from '../../server/config';
import type { ResponseDetail } from '../../shared/api';
import { connectSection, fragmentText, insertText, login, openRawSocket, sampleResponse, type SectionClient } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';
import { seededRandom } from '../helpers/seededRandom';

let server: TestServer;
let pccCookie: string;
let officerCookie: string;
let sample: ResponseDetail;
const clients: SectionClient[] = [];

function open(cookie: string, sectionId: string): SectionClient {
  const client = connectSection(server.url, cookie, sample.id, sectionId);
  clients.push(client);
  return client;
}

async function storedText(sectionId: string): Promise<string> {
  return fragmentText(docFromUpdates(await server.server.context.store.updates.load(sectionId)));
}

function synced(client: SectionClient): Promise<void> {
  return waitFor(() => expect(client.provider.synced).toBe(true));
}


beforeAll(async () => {
  server = await startTestServer();
  pccCookie = await login(server.url, 'pcc@example.org');
  officerCookie = await login(server.url, 'officer@example.org');
  sample = await sampleResponse(server.url, pccCookie);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.dispose();
});

describe('sync server', () => {
  it('serves the demo sample with its text', async () => {
    const pccSection = sample.sections[0]!;
    const client = open(pccCookie, pccSection.id);
    await synced(client);
    expect(client.text()).toContain('I am writing to you to acknowledge');
    expect(sample.sections.map((s) => s.kind)).toEqual(['prose', 'prose', 'prose', 'recommendation', 'recommendation', 'prose']);
  });

  it('lets two clients edit the same section and converge, stored before relayed', async () => {
    const section = sample.sections[0]!;
    const a = open(pccCookie, section.id);
    const b = open(officerCookie, section.id);
    await Promise.all([synced(a), synced(b)]);
    insertText(a.doc, 0, 'From A. ');
    insertText(b.doc, 0, 'From B. ');
    await waitFor(() => {
      expect(a.text()).toContain('From A. ');
      expect(a.text()).toContain('From B. ');
      expect(b.text()).toBe(a.text());
    });
    expect(await storedText(section.id)).toBe(a.text());
  });

  it('keeps three clients with interleaved seeded random edits equal to each other and to storage', async () => {
    const section = sample.sections[5]!; // HMI comments, owned by the PCC
    const trio = [open(pccCookie, section.id), open(officerCookie, section.id), open(pccCookie, section.id)];
    await Promise.all(trio.map(synced));
    const random = seededRandom(20261130);
    for (let step = 0; step < 300; step++) {
      const client = trio[Math.floor(random() * trio.length)]!;
      const text = (client.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      if (random() < 0.7 || text.length < 5) {
        insertText(client.doc, Math.floor(random() * (text.length + 1)), String.fromCharCode(97 + Math.floor(random() * 26)));
      } else {
        text.delete(Math.floor(random() * (text.length - 1)), 1 + Math.floor(random() * 3));
      }
      if (step % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(async () => {
      const texts = trio.map((c) => c.text());
      expect(texts[1]).toBe(texts[0]);
      expect(texts[2]).toBe(texts[0]);
      expect(await storedText(section.id)).toBe(texts[0]);
    }, 15_000);
  });

  it('keeps everything across a restart', async () => {
    const section = sample.sections[0]!;
    const before = await storedText(section.id);
    expect(before).toContain('From A. ');
    for (const client of clients.splice(0)) client.destroy();
    await server.restart();
    pccCookie = await login(server.url, 'pcc@example.org');
    const fresh = open(pccCookie, section.id);
    await synced(fresh);
    expect(fresh.text()).toBe(before);
  });

  it('loads a room once and syncs every client that arrives together', async () => {
    const section = sample.sections[0]!;
    const expected = await storedText(section.id);
    const many = Array.from({ length: 12 }, () => open(pccCookie, section.id));
    await Promise.all(many.map(synced));
    for (const client of many) expect(client.text()).toBe(expected);
  });

  it('refuses an unknown response or section with 404, and a malformed path', async () => {
    const unknownResponse = await openRawSocket(server.url, `/sync/nope/${sample.sections[0]!.id}`, { cookie: pccCookie });
    expect(unknownResponse).toEqual({ refused: 404 });
    const unknownSection = await openRawSocket(server.url, `/sync/${sample.id}/nope`, { cookie: pccCookie });
    expect(unknownSection).toEqual({ refused: 404 });
    const other = await openRawSocket(server.url, `/elsewhere`, { cookie: pccCookie });
    expect(other).toEqual({ refused: 404 });
  });

  it('closes only the connection that sends a malformed or oversized frame', async () => {
    const section = sample.sections[0]!;
    const bystander = open(pccCookie, section.id);
    await synced(bystander);

    const closeCode = async (frame: Buffer): Promise<number> => {
      const opened = await openRawSocket(server.url, `/sync/${sample.id}/${section.id}`, { cookie: pccCookie });
      if (!('socket' in opened)) throw new Error(`refused ${opened.refused}`);
      const closed = new Promise<number>((resolve) => opened.socket.once('close', (code) => resolve(code)));
      opened.socket.send(frame);
      return closed;
    };

    // A sync update whose declared length runs past the end of the frame.
    const truncated = encoding.createEncoder();
    encoding.writeVarUint(truncated, MESSAGE_SYNC);
    encoding.writeVarUint(truncated, SYNC_UPDATE);
    encoding.writeVarUint(truncated, 1000);
    encoding.writeUint8(truncated, 1);
    expect(await closeCode(Buffer.from(encoding.toUint8Array(truncated)))).toBe(CLOSE_MALFORMED);

    // An unknown message type, and bytes that are not an update.
    expect(await closeCode(Buffer.from([77, 1, 2, 3]))).toBe(CLOSE_MALFORMED);
    const garbage = encoding.createEncoder();
    encoding.writeVarUint(garbage, MESSAGE_SYNC);
    encoding.writeVarUint(garbage, SYNC_UPDATE);
    encoding.writeVarUint8Array(garbage, new Uint8Array([255, 255, 255, 255, 15, 3, 9, 9, 9]));
    expect(await closeCode(Buffer.from(encoding.toUint8Array(garbage)))).toBe(CLOSE_MALFORMED);

    // Over the frame limit: ws closes with 1009 (Message Too Big).
    expect(await closeCode(Buffer.alloc(maxFrameBytes(loadConfig({}).maxSectionBytes) + 1))).toBe(1009);

    // The bystander still syncs, and what was stored is intact.
    const writer = open(officerCookie, section.id);
    await synced(writer);
    insertText(writer.doc, 0, 'Still alive. ');
    await waitFor(() => expect(bystander.text().startsWith('Still alive. ')).toBe(true));
    expect(await storedText(section.id)).toBe(bystander.text());
  });

  it('answers a text frame by closing that connection', async () => {
    const section = sample.sections[0]!;
    const opened = await openRawSocket(server.url, `/sync/${sample.id}/${section.id}`, { cookie: pccCookie });
    if (!('socket' in opened)) throw new Error('refused');
    const closed = new Promise<number>((resolve) => opened.socket.once('close', (code) => resolve(code)));
    opened.socket.send('hello');
    expect(await closed).toBe(CLOSE_MALFORMED);
  });

  it('unloads a room when its last client leaves, compacting its updates', async () => {
    const section = sample.sections[2]!; // Portfolio lead comments
    const leadCookie = await login(server.url, 'lead@example.org');
    const client = open(leadCookie, section.id);
    await synced(client);
    for (let i = 0; i < 20; i++) insertText(client.doc, 0, `${i} `);
    await waitFor(async () => expect(await storedText(section.id)).toBe(client.text()));
    const rooms = server.server.context.sync.rooms;
    expect(rooms.find(sample.id, section.id)).toBeDefined();
    const expected = client.text();
    client.destroy();
    await waitFor(() => expect(rooms.find(sample.id, section.id)).toBeUndefined());
    const stored = await server.server.context.store.updates.load(section.id);
    expect(stored).toHaveLength(1);
    expect(fragmentText(docFromUpdates(stored))).toBe(expected);
  });
  it('opens a compacted section from its stored row, and takes edits typed the moment it opens', async () => {
    const section = sample.sections[2]!; // compacted into one row by the test above
    expect(await server.server.context.store.updates.load(section.id)).toHaveLength(1);
    const expected = await storedText(section.id);
    const leadCookie = await login(server.url, 'lead@example.org');
    const writer = open(leadCookie, section.id);
    const reader = open(pccCookie, section.id);
    writer.provider.once('sync', () => insertText(writer.doc, 0, 'First words. '));
    await Promise.all([synced(writer), synced(reader)]);
    await waitFor(() => expect(reader.text()).toBe(`First words. ${expected}`));
    await waitFor(async () => expect(await storedText(section.id)).toBe(`First words. ${expected}`));
  });
});

