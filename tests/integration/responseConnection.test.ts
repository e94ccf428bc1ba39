// The browser's own client of the multiplexed socket (client/sync: ResponseConnection,
// SectionChannel, the SaveTracker), run in Node against the real server with `ws` as its
// WebSocket: what the page would show as saved is what the server stored; a lock reopens one
// channel read-only; a dropped socket comes back with what was typed meanwhile; a sign-out ends
// it for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { docFromUpdates } from '../../server/content/sectionContent';
import { ResponseConnection } from '../../client/sync/ResponseConnection';
import { connectSection, type SectionConnection } from '../../client/sync/SectionConnection';
import type { ResponseDetail, ServerEvent } from '../../shared/api';
import { CLOSE_UNAUTHENTICATED } from '../../shared/protocol';
import { api, connectSection as connectProvider, fragmentText, insertText, login, sampleResponse, type SectionClient } from '../helpers/clients';
import { createLargeResponse } from '../helpers/largeResponse';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
let pcc: string;
let chief: string;
let response: ResponseDetail;
const cleanups: Array<() => void> = [];

/** A page of one user: its socket (the sockets it made, to cut them), its events, its sections. */
function openPage(cookie: string, responseId: string) {
  const sockets: WebSocket[] = [];
  class PageSocket extends WebSocket {
    constructor(address: string | URL) {
      super(address, { headers: { cookie } });
      sockets.push(this);
    }
  }
  const events: ServerEvent[] = [];
  const stopped: number[] = [];
  let opens = 0;
  const connection = new ResponseConnection(
    responseId,
    { onEvent: (event) => events.push(event), onOpen: () => (opens += 1), onStopped: (code) => stopped.push(code) },
    { WebSocket: PageSocket as unknown as typeof globalThis.WebSocket, base: server.url.replace(/^http/, 'ws') },
  );
  const sections: SectionConnection[] = [];
  const page = {
    connection,
    events,
    stopped,
    sockets,
    get opens() {
      return opens;
    },
    section(sectionId: string): SectionConnection {
      const section = connectSection({ connection, sectionId, localCopy: null });
      sections.push(section);
      return section;
    },
  };
  cleanups.push(() => {
    for (const section of sections) section.destroy();
    connection.close();
  });
  return page;
}

function saved(...sections: SectionConnection[]): Promise<void> {
  return waitFor(() => {
    for (const section of sections) expect(section.tracker.getSnapshot()).toMatchObject({ synced: true, connected: true, unsaved: 0 });
  });
}

async function storedText(sectionId: string): Promise<string> {
  return fragmentText(docFromUpdates(await server.server.context.store.updates.load(sectionId)));
}

beforeAll(async () => {
  server = await startTestServer();
  pcc = await login(server.url, 'pcc@example.org');
  chief = await login(server.url, 'chief@example.org');
  await sampleResponse(server.url, pcc);
  response = await createLargeResponse(server.url, pcc, { recommendations: 4, ownerRole: 'chief_constable' });
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.dispose();
});

describe("the page's client of the multiplexed socket", () => {
  it('saves what is typed into several sections over one socket, as the server stores it, and hears the events', async () => {
    const page = openPage(chief, response.id);
    const recommendations = response.sections.filter((section) => section.kind === 'recommendation');
    const [a, b] = [page.section(recommendations[0]!.id), page.section(recommendations[1]!.id)];
    await saved(a, b);
    insertText(a.doc, 0, 'First answer.');
    insertText(b.doc, 0, 'Second answer.');
    expect(a.tracker.getSnapshot().unsaved).toBe(1);
    await saved(a, b);
    expect(await storedText(recommendations[0]!.id)).toBe('First answer.');
    expect(await storedText(recommendations[1]!.id)).toBe('Second answer.');
    expect(page.sockets).toHaveLength(1);
    await waitFor(() => expect(page.events.some((event) => event.type === 'presence')).toBe(true));
  });

  it('reopens a signed-off section read-only on the same socket; its refused edit is counted, the other section saves', async () => {
    const page = openPage(chief, response.id);
    const recommendations = response.sections.filter((section) => section.kind === 'recommendation');
    const locked = page.section(recommendations[2]!.id);
    const open = page.section(recommendations[3]!.id);
    await saved(locked, open);
    insertText(locked.doc, 0, 'Answered before the sign-off.');
    await saved(locked);

    const signed = await api(server.url, chief, 'POST', `/api/responses/${response.id}/sections/${recommendations[2]!.id}/signoff`);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    // The channel is closed with 4100 and opened again at once: connected and synced, read-only.
    await waitFor(() => expect(page.events).toContainEqual({ type: 'changed', reason: 'signoff' }));
    await saved(locked);
    insertText(locked.doc, 0, 'After the sign-off. ');
    await waitFor(() => expect(locked.tracker.getSnapshot()).toMatchObject({ unsaved: 0, refused: 1 }));
    expect(await storedText(recommendations[2]!.id)).toBe('Answered before the sign-off.');

    insertText(open.doc, 0, 'Still open.');
    await saved(open);
    expect(open.tracker.getSnapshot().refused).toBe(0);
    expect(await storedText(recommendations[3]!.id)).toBe('Still open.');
    expect(page.sockets).toHaveLength(1);
  });

  it('comes back after the socket drops, with what was typed meanwhile saved and relayed', async () => {
    const sample = await sampleResponse(server.url, pcc);
    const sectionId = sample.sections.find((section) => section.ownerRole === 'pcc')!.id;
    const observer: SectionClient = connectProvider(server.url, pcc, sample.id, sectionId);
    cleanups.push(() => observer.destroy());
    const page = openPage(pcc, sample.id);
    const section = page.section(sectionId);
    await saved(section);
    await waitFor(() => expect(observer.provider.synced).toBe(true));

    page.sockets[0]!.terminate();
    await waitFor(() => expect(section.tracker.getSnapshot()).toMatchObject({ connected: false, lostContact: true }));
    insertText(section.doc, 0, 'Typed while the socket was down. ');
    expect(section.tracker.getSnapshot().unsaved).toBe(1);

    await saved(section);
    expect(page.sockets).toHaveLength(2);
    expect(page.opens).toBe(2);
    await waitFor(() => expect(observer.text()).toBe(fragmentText(section.doc)));
    expect(await storedText(sectionId)).toContain('Typed while the socket was down. ');
    expect(section.tracker.getSnapshot().refused).toBe(0);
  });

  it('stops for good when the session ends (4401): every section is told, nothing reconnects', async () => {
    const officer = await login(server.url, 'officer@example.org');
    const sample = await sampleResponse(server.url, pcc);
    const page = openPage(officer, sample.id);
    const sections = sample.sections.slice(0, 3).map((section) => page.section(section.id));
    await saved(...sections);
    expect((await api(server.url, officer, 'DELETE', '/api/session')).status).toBe(204);
    await waitFor(() => expect(page.stopped).toEqual([CLOSE_UNAUTHENTICATED]));
    for (const section of sections) expect(section.tracker.getSnapshot().stoppedCode).toBe(CLOSE_UNAUTHENTICATED);
    expect(page.connection.stopped).toBe(CLOSE_UNAUTHENTICATED);
    expect(page.sockets).toHaveLength(1);
    // A section shown afterwards is stopped at once too.
    const late = page.section(sample.sections[3]!.id);
    expect(late.tracker.getSnapshot().stoppedCode).toBe(CLOSE_UNAUTHENTICATED);
  });

  it('counts fifty quick edits as saved only once the server has stored all of them', async () => {
    const page = openPage(chief, response.id);
    const chiefSection = response.sections.find((section) => section.title === 'Chief Officer comments')!;
    const section = page.section(chiefSection.id);
    await saved(section);
    for (let i = 0; i < 50; i++) insertText(section.doc, 0, `${i % 10}`);
    await saved(section);
    expect(section.tracker.getSnapshot()).toMatchObject({ unsaved: 0, refused: 0 });
    expect((await storedText(chiefSection.id)).length).toBe(50);
  });
});
