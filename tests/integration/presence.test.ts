// Presence through the real server: a viewer sends one hostile presence state after another to
// the PCC's section over a raw socket with its own session, and a member's provider on that
// section receives only what the server vouches for: the viewer's name, role and colour, and
// a valid caret or none. States that are not objects are refused (that socket is closed), and a
// member who joins afterwards is sent only the sanitized state.
//
// PRESENCE_SEED replays a run's shapes.
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import type { ResponseDetail } from '../../shared/api';
import { clientPresenceSchema, presenceUserSchema } from '../../shared/presence';
import { CLOSE_MALFORMED, MESSAGE_AWARENESS, SECTION_FRAGMENT, syncPath } from '../../shared/protocol';
import { connectSection, login, openRawSocket, sampleResponse, type SectionClient } from '../helpers/clients';
import { presenceShapes, type CaretJson } from '../helpers/presenceShapes';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

const SEED = Number(process.env.PRESENCE_SEED ?? 0x1e7);
const MUTATIONS = 400;
const VIEWER = { name: 'Casey Brown', role: 'pcc', color: '#1d70b8' };
/** What a member may ever receive for another member: the server's stamp and a valid caret or none. */
const relayedSchema = clientPresenceSchema.extend({ user: presenceUserSchema.strict() }).strict();

let server: TestServer;
let sample: ResponseDetail;
const clients: SectionClient[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  sample = await sampleResponse(server.url, await login(server.url, 'pcc@example.org'));
});

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  for (const client of clients) client.destroy();
  await server?.dispose();
});

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

async function rawSocket(path: string, cookie: string): Promise<WebSocket> {
  const opened = await openRawSocket(server.url, path, { cookie });
  if (!('socket' in opened)) throw new Error(`socket refused: ${opened.refused}`);
  sockets.push(opened.socket);
  return opened.socket;
}

async function member(email: string, sectionId: string): Promise<SectionClient> {
  const client = connectSection(server.url, await login(server.url, email), sample.id, sectionId);
  clients.push(client);
  await waitFor(() => expect(client.provider.synced).toBe(true));
  return client;
}

/** A caret in the section's first paragraph, as y-tiptap sends it. */
function caretIn(doc: Y.Doc): CaretJson {
  const text = (doc.getXmlFragment(SECTION_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const at = (index: number, assoc: number) =>
    JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, index, assoc))) as Record<string, unknown>;
  return { anchor: at(2, 0), head: at(9, -1) };
}

describe('presence from a hostile viewer', () => {
  it('reaches members only as the server vouches for it', async () => {
    const section = sample.sections.find((candidate) => candidate.ownerRole === 'pcc')!;
    const path = syncPath(sample.id, section.id);
    const officer = await member('officer@example.org', section.id);
    const viewerCookie = await login(server.url, 'viewer@example.org');
    const viewer = await rawSocket(path, viewerCookie);
    const viewerId = 0xbad;

    // Every state the officer's provider is given for the viewer, as it came off the wire.
    const received: unknown[] = [];
    officer.provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(viewerId)) received.push(officer.provider.awareness.getStates().get(viewerId));
    });

    const caret = caretIn(officer.doc);
    const shapes = presenceShapes({ caret, seed: SEED, mutations: MUTATIONS });
    let clock = 0;
    let kept = 0;
    for (const [index, shape] of shapes.entries()) {
      if (shape.refused) {
        // A socket of its own, so the viewer's presence stays while this one is closed.
        const other = await rawSocket(path, viewerCookie);
        const closed = new Promise<number>((resolve) => other.once('close', (code) => resolve(code)));
        other.send(awarenessFrame(viewerId + 1 + index, 1, shape.json));
        expect(await closed, shape.name).toBe(CLOSE_MALFORMED);
        continue;
      }
      clock += 1;
      const sent = clock;
      viewer.send(awarenessFrame(viewerId, sent, shape.json));
      await waitFor(() => expect(officer.provider.awareness.meta.get(viewerId)?.clock, shape.name).toBe(sent));
      const state = officer.provider.awareness.getStates().get(viewerId) as { cursor: unknown };
      expect(relayedSchema.safeParse(state).success, `${shape.name}: ${JSON.stringify(state)}`).toBe(true);
      expect(Object.keys(state).sort(), shape.name).toEqual(['cursor', 'user']);
      expect(state, shape.name).toMatchObject({ user: VIEWER });
      // A caret passes on exactly as sent, or not at all.
      if (state.cursor !== null) {
        kept += 1;
        expect(state.cursor, shape.name).toStrictEqual((JSON.parse(shape.json) as { cursor: unknown }).cursor);
      }
    }
    // The valid carets among the mutations passed on; the viewer's socket stayed open throughout.
    expect(kept).toBeGreaterThan(0);
    expect(viewer.readyState).toBe(viewer.OPEN);
    expect(received.length).toBe(clock);
    for (const state of received) expect(relayedSchema.safeParse(state).success, JSON.stringify(state)).toBe(true);

    // The report's shape last: a member who joins now is sent the viewer as sanitized.
    viewer.send(awarenessFrame(viewerId, clock + 1, '{"cursor":{"anchor":null,"head":null},"user":{"name":"PCC"}}'));
    await waitFor(() => expect(officer.provider.awareness.meta.get(viewerId)?.clock).toBe(clock + 1));
    const pcc = await member('pcc@example.org', section.id);
    await waitFor(() => expect(pcc.provider.awareness.getStates().get(viewerId)).toStrictEqual({ user: VIEWER, cursor: null }));
  });

  it('keeps a valid caret and a drafter\'s own presence as they were', async () => {
    const section = sample.sections.find((candidate) => candidate.ownerRole === 'pcc')!;
    const officer = await member('officer@example.org', section.id);
    const pcc = await member('pcc@example.org', section.id);
    const caret = caretIn(pcc.doc);
    // As TipTap's caret extension and y-tiptap's cursor plugin set it.
    pcc.provider.awareness.setLocalStateField('user', { name: 'Someone else', color: '#ffffff' });
    pcc.provider.awareness.setLocalStateField('cursor', caret);
    const id = pcc.provider.awareness.clientID;
    await waitFor(() =>
      expect(officer.provider.awareness.getStates().get(id)).toStrictEqual({
        user: { name: 'Alex Morgan', role: 'pcc', color: '#1d70b8' },
        cursor: caret,
      }),
    );
  });
});
