// The client's thread state: pushed threads always win; an HTTP answer that a newer push
// overtook is not applied over it; pushed event frames are checked before they are used.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Thread, ThreadComment } from '../../../shared/api';
import { parseServerEvent } from '../../../client/sync/EventStream';
import { ThreadStore } from '../../../client/threads/ThreadStore';

const person = { userId: 'u1', name: 'Alex Morgan' };

function comment(id: string, body: string): ThreadComment {
  return { id, author: person, body, createdAt: '2026-03-03T10:00:00.000Z', editedAt: null, deleted: false };
}

function thread(comments: ThreadComment[], state: Thread['state'] = 'open'): Thread {
  return {
    id: 't1',
    sectionId: 's1',
    anchor: { start: 'AAA=', end: 'AAE=', quote: 'a passage' },
    state,
    createdBy: person,
    createdAt: '2026-03-03T10:00:00.000Z',
    resolvedBy: null,
    resolvedAt: null,
    comments,
  };
}

/** Answers fetch calls one by one, each when the test says so. */
function controlledFetch() {
  const pending: Array<{ url: string; method: string; answer: (status: number, body: unknown) => void }> = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    return new Promise<Response>((resolve) => {
      pending.push({
        url,
        method: init.method ?? 'GET',
        answer: (status, body) => resolve(new Response(body === null ? null : JSON.stringify(body), { status })),
      });
    });
  });
  return pending;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ThreadStore', () => {
  it('loads the threads, then takes each pushed thread whole', async () => {
    const requests = controlledFetch();
    const store = new ThreadStore('r1');
    const loading = store.load();
    requests[0]!.answer(200, { threads: [thread([comment('c1', 'First')])] });
    await loading;
    expect(store.getSnapshot().status).toBe('ready');
    store.receive(thread([comment('c1', 'First'), comment('c2', 'Second')]));
    expect(store.getSnapshot().threads[0]!.comments.map((c) => c.body)).toEqual(['First', 'Second']);
  });

  it('adds its own reply when no push came meanwhile, and keeps a push that overtook the answer', async () => {
    const requests = controlledFetch();
    const store = new ThreadStore('r1');
    store.receive(thread([comment('c1', 'First')]));

    const reply = store.reply('t1', 'Mine');
    await tick();
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/responses/r1/threads/t1/comments' });
    requests[0]!.answer(201, comment('c2', 'Mine'));
    await reply;
    expect(store.getSnapshot().threads[0]!.comments.map((c) => c.body)).toEqual(['First', 'Mine']);

    // A resolve whose answer arrives after the server pushed a newer state (someone replied).
    const resolving = store.setResolved('t1', true);
    await tick();
    const newer = thread([comment('c1', 'First'), comment('c2', 'Mine'), comment('c3', 'Theirs')], 'resolved');
    store.receive(newer);
    requests[1]!.answer(200, thread([comment('c1', 'First'), comment('c2', 'Mine')], 'resolved'));
    await resolving;
    expect(store.getSnapshot().threads[0]).toBe(newer);
  });

  it('marks a deleted comment without dropping it, and reports a refused write to the caller', async () => {
    const requests = controlledFetch();
    const store = new ThreadStore('r1');
    store.receive(thread([comment('c1', 'First'), comment('c2', 'Oops')]));
    const deleting = store.deleteComment('t1', 'c2');
    await tick();
    requests[0]!.answer(204, null);
    await deleting;
    expect(store.getSnapshot().threads[0]!.comments[1]).toMatchObject({ id: 'c2', deleted: true, body: '' });

    const refused = store.reply('t1', 'Too late');
    await tick();
    requests[1]!.answer(409, { error: { code: 'published', message: 'The response is published; its threads are read-only' } });
    await expect(refused).rejects.toThrow('read-only');
  });
});

describe('parseServerEvent', () => {
  it('reads a pushed thread, and drops one that is malformed', () => {
    const good = thread([comment('c1', '<script>alert(1)</script>')]);
    expect(parseServerEvent(JSON.stringify({ type: 'thread', thread: good }))).toEqual({ type: 'thread', thread: good });
    const noComments = { ...good, comments: undefined };
    expect(parseServerEvent(JSON.stringify({ type: 'thread', thread: noComments }))).toBeNull();
    const badState = { ...good, state: 'archived' };
    expect(parseServerEvent(JSON.stringify({ type: 'thread', thread: badState }))).toBeNull();
  });
});
