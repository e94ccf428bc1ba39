// Comment threads through the real HTTP API and the event socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ResponseDetail, ServerEvent, Thread, ThreadComment } from '../../shared/api';
import { api, login, sampleResponse } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/waitFor';

let server: TestServer;
const cookies: Record<string, string> = {};
let sample: ResponseDetail;
const sockets: WebSocket[] = [];

/** Listens to a response's event socket as a user; collects what the server pushes. */
async function listen(cookie: string): Promise<ServerEvent[]> {
  const events: ServerEvent[] = [];
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/events/${sample.id}`, { headers: { cookie } });
  sockets.push(socket);
  socket.on('message', (data) => events.push(JSON.parse(String(data)) as ServerEvent));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return events;
}

function anchorIn(text: string, from: number, to: number): { start: string; end: string; quote: string } {
  const doc = new Y.Doc();
  const ytext = doc.getText('t');
  ytext.insert(0, text);
  const encode = (index: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, index))).toString('base64');
  return { start: encode(from), end: encode(to), quote: text.slice(from, to) };
}

beforeAll(async () => {
  server = await startTestServer();
  for (const who of ['pcc', 'chief', 'viewer', 'lead']) cookies[who] = await login(server.url, `${who}@example.org`);
  sample = await sampleResponse(server.url, cookies.pcc!);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.dispose();
});

describe('threads', () => {
  let thread: Thread;

  it('opens a thread on a passage, with the author from the session, pushed to others at once', async () => {
    const chiefEvents = await listen(cookies.chief!);
    const recommendation = sample.sections[3]!;
    const created = await api<Thread>(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/threads`, {
      sectionId: recommendation.id,
      body: 'Can we say when the regional ACC was appointed?',
      anchor: anchorIn('The close liaison that SIOs have', 4, 17),
      author: { userId: 'someone-else', name: 'Forged Name' },
    });
    expect(created.status).toBe(201);
    thread = created.body;
    expect(thread.createdBy.name).toBe('Alex Morgan');
    expect(thread.comments[0]!.author.name).toBe('Alex Morgan');
    expect(thread.anchor?.quote).toBe('close liaison');
    expect(thread.state).toBe('open');
    await waitFor(() => expect(chiefEvents.some((e) => e.type === 'thread' && e.thread.id === thread.id)).toBe(true), 2000);
  });

  it('pushes replies to every open page, and lists threads with their comments', async () => {
    const pccEvents = await listen(cookies.pcc!);
    const reply = await api<ThreadComment>(server.url, cookies.chief!, 'POST', `/api/responses/${sample.id}/threads/${thread.id}/comments`, {
      body: '<script>alert(1)</script> In March.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.author.name).toBe('Sam Taylor');
    await waitFor(
      () => expect(pccEvents.some((e) => e.type === 'thread' && e.thread.comments.some((c) => c.id === reply.body.id))).toBe(true),
      2000,
    );
    const list = await api<{ threads: Thread[] }>(server.url, cookies.viewer!, 'GET', `/api/responses/${sample.id}/threads`);
    expect(list.status).toBe(200);
    const listed = list.body.threads.find((t) => t.id === thread.id)!;
    expect(listed.comments.map((c) => c.body)).toEqual(['Can we say when the regional ACC was appointed?', '<script>alert(1)</script> In March.']);
    const detail = await api<ResponseDetail>(server.url, cookies.pcc!, 'GET', `/api/responses/${sample.id}`);
    expect(detail.body.openThreads).toBe(1);
  });

  it('checks bodies: non-empty, plain text, at most 10,000 characters', async () => {
    const path = `/api/responses/${sample.id}/threads/${thread.id}/comments`;
    expect((await api(server.url, cookies.pcc!, 'POST', path, { body: '   ' })).status).toBe(400);
    expect((await api(server.url, cookies.pcc!, 'POST', path, { body: 'x'.repeat(10_001) })).status).toBe(400);
    expect((await api(server.url, cookies.pcc!, 'POST', path, { body: 42 })).status).toBe(400);
    expect((await api(server.url, cookies.pcc!, 'POST', path, { body: 'x'.repeat(10_000) })).status).toBe(201);
    const badAnchor = await api(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/threads`, {
      sectionId: sample.sections[0]!.id,
      body: 'hi',
      anchor: { start: 'not a position', end: 'x', quote: 'q' },
    });
    expect(badAnchor.status).toBe(400);
  });

  it('refuses viewers, non-members and unknown ids', async () => {
    const viewer = await api<{ error: { code: string } }>(server.url, cookies.viewer!, 'POST', `/api/responses/${sample.id}/threads`, {
      sectionId: sample.sections[0]!.id,
      body: 'May I?',
    });
    expect(viewer.status).toBe(403);
    expect((await api(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/threads/nope/comments`, { body: 'x' })).status).toBe(404);
    expect((await api(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/threads`, { sectionId: 'nope', body: 'x' })).status).toBe(404);
    expect((await api(server.url, null, 'GET', `/api/responses/${sample.id}/threads`)).status).toBe(401);
    expect((await api(server.url, cookies.pcc!, 'GET', `/api/responses/unknown/threads`)).status).toBe(404);
  });

  it('lets only the author edit or delete a comment; a deleted comment keeps its place', async () => {
    const first = thread.comments[0]!;
    const path = `/api/responses/${sample.id}/threads/${thread.id}/comments/${first.id}`;
    expect((await api(server.url, cookies.chief!, 'PATCH', path, { body: 'Hijacked' })).status).toBe(403);
    expect((await api(server.url, cookies.chief!, 'DELETE', path)).status).toBe(403);
    const edited = await api<ThreadComment>(server.url, cookies.pcc!, 'PATCH', path, { body: 'Can we say when the ACC was appointed?' });
    expect(edited.status).toBe(200);
    expect(edited.body.editedAt).not.toBeNull();
    const extra = await api<ThreadComment>(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/threads/${thread.id}/comments`, { body: 'Oops' });
    expect((await api(server.url, cookies.pcc!, 'DELETE', `/api/responses/${sample.id}/threads/${thread.id}/comments/${extra.body.id}`)).status).toBe(204);
    const list = await api<{ threads: Thread[] }>(server.url, cookies.pcc!, 'GET', `/api/responses/${sample.id}/threads`);
    const comments = list.body.threads.find((t) => t.id === thread.id)!.comments;
    const deleted = comments.find((c) => c.id === extra.body.id)!;
    expect(deleted).toMatchObject({ deleted: true, body: '' });
    expect(comments[0]!.body).toBe('Can we say when the ACC was appointed?');
  });

  it('resolves and reopens, on the record', async () => {
    const resolved = await api<Thread>(server.url, cookies.chief!, 'POST', `/api/responses/${sample.id}/threads/${thread.id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolvedBy: { name: 'Sam Taylor' } });
    expect((await api(server.url, cookies.chief!, 'POST', `/api/responses/${sample.id}/threads/${thread.id}/resolve`)).status).toBe(409);
    const reopened = await api<Thread>(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/threads/${thread.id}/reopen`);
    expect(reopened.body.state).toBe('open');
    const audit = await api<{ events: Array<{ action: string }> }>(server.url, cookies.pcc!, 'GET', `/api/responses/${sample.id}/audit`);
    const actions = audit.body.events.map((e) => e.action).filter((a) => a.startsWith('thread.'));
    expect(actions).toEqual(['thread.opened', 'thread.resolved', 'thread.reopened']);
  });

  it('blocks publication while a thread is open, listing it; threads never appear in the publication and are read-only after', async () => {
    const owners: Record<string, string> = { pcc: cookies.pcc!, chief_constable: cookies.chief!, portfolio_lead: cookies.lead! };
    for (const section of sample.sections) {
      const signed = await api(server.url, owners[section.ownerRole]!, 'POST', `/api/responses/${sample.id}/sections/${section.id}/signoff`);
      expect(signed.status).toBe(200);
    }
    const blocked = await api<{ error: { code: string; message: string } }>(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/publish`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain('An open thread on Recommendation 1 must be resolved');
    expect(blocked.body.error.message).toContain('close liaison');

    expect((await api(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/threads/${thread.id}/resolve`)).status).toBe(200);
    const published = await api<{ htmlUrl: string }>(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/publish`);
    expect(published.status).toBe(201);
    const html = await (await fetch(`${server.url}${published.body.htmlUrl}`)).text();
    expect(html).not.toContain('regional ACC was appointed');
    expect(html).not.toContain('In March.');

    const late = await api(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/threads/${thread.id}/comments`, { body: 'Too late' });
    expect(late.status).toBe(409);
    expect((await api(server.url, cookies.pcc!, 'POST', `/api/responses/${sample.id}/threads/${thread.id}/reopen`)).status).toBe(409);
    expect((await api(server.url, cookies.pcc!, 'GET', `/api/responses/${sample.id}/threads`)).status).toBe(200);
  });
});
