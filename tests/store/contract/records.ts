// The activity record and comment threads.
import { describe, expect, it } from 'vitest';
import { MAX_AUDIT_PAGE } from '../../../shared/limits';
import type { ContractContext } from './context';
import { countOf, makeResponse, unique } from './fixtures';

export function recordTests(context: ContractContext): void {
  describe('audit', () => {
    it('appends entries with increasing ids and the time now, and lists them oldest first', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const before = new Date().toISOString();
      const first = await store.audit.append({ responseId: response.id, actor: { userId: 'u1', name: 'Alex' }, action: 'response.created' });
      const second = await store.audit.append({ responseId: response.id, actor: null, action: 'write.refused', sectionId: 's1', detail: 'read-only' });
      expect(first).toEqual({ id: expect.any(Number), at: expect.any(String), actor: { userId: 'u1', name: 'Alex' }, action: 'response.created', sectionId: null, detail: '' });
      expect(second.id).toBeGreaterThan(first.id);
      expect(first.at >= before).toBe(true);
      expect(await store.audit.list(response.id)).toEqual([first, second]);
      expect(await store.audit.list('no-such-response')).toEqual([]);
    });

    it('pages back with `before` and `limit`, and never gives more than the largest page', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const other = await makeResponse(store);
      const ids: number[] = [];
      for (let i = 0; i < 12; i++) {
        ids.push((await store.audit.append({ responseId: response.id, actor: null, action: `step.${i}` })).id);
        await store.audit.append({ responseId: other.id, actor: null, action: 'elsewhere' });
      }
      const latest = await store.audit.list(response.id, { limit: 5 });
      expect(latest.map((event) => event.action)).toEqual(['step.7', 'step.8', 'step.9', 'step.10', 'step.11']);
      const older = await store.audit.list(response.id, { before: latest[0]!.id, limit: 5 });
      expect(older.map((event) => event.action)).toEqual(['step.2', 'step.3', 'step.4', 'step.5', 'step.6']);
      const oldest = await store.audit.list(response.id, { before: older[0]!.id, limit: 5 });
      expect(oldest.map((event) => event.action)).toEqual(['step.0', 'step.1']);
      expect(await store.audit.list(response.id, { before: ids[0]! })).toEqual([]);
      expect((await store.audit.list(response.id, { limit: 0 })).length).toBe(1);
      expect((await store.audit.list(response.id, { limit: MAX_AUDIT_PAGE * 10 })).length).toBe(12);
    });

    it('keeps MAX_AUDIT_PAGE as the largest page', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      await store.transaction(async (tx) => {
        for (let i = 0; i < MAX_AUDIT_PAGE + 3; i++) await tx.audit.append({ responseId: response.id, actor: null, action: `bulk.${i}` });
      });
      const page = await store.audit.list(response.id, { limit: MAX_AUDIT_PAGE + 3 });
      expect(page.length).toBe(MAX_AUDIT_PAGE);
      expect(page[page.length - 1]!.action).toBe(`bulk.${MAX_AUDIT_PAGE + 2}`);
    });

    it('is append-only in the database itself: UPDATE and DELETE from any connection are refused', async () => {
      const { store, subject } = context;
      const response = await makeResponse(store);
      await store.audit.append({ responseId: response.id, actor: null, action: 'kept', detail: 'as written' });
      const count = async () => countOf(await subject.raw('SELECT COUNT(*) AS n FROM audit_events'));
      const before = await count();
      await expect(subject.raw("UPDATE audit_events SET detail = 'nothing happened'")).rejects.toThrow(/append-only/);
      await expect(subject.raw('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      expect(await count()).toBe(before);
      expect((await store.audit.list(response.id))[0]?.detail).toBe('as written');
    });
  });

  describe('threads', () => {
    const alex = { userId: 'u-alex', name: 'Alex Morgan' };
    const sam = { userId: 'u-sam', name: 'Sam Taylor' };

    it('creates a thread with its first comment and its anchor, found only through its response', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const anchor = { start: 'AQID', end: 'BAUG', quote: 'the “regional” units' };
      const thread = await store.threads.create({ responseId: response.id, sectionId: 's1', anchor, author: alex, body: 'Is this right?' });
      expect(thread).toEqual({
        id: expect.any(String),
        sectionId: 's1',
        anchor,
        state: 'open',
        createdBy: alex,
        createdAt: expect.any(String),
        resolvedBy: null,
        resolvedAt: null,
        comments: [{ id: expect.any(String), author: alex, body: 'Is this right?', createdAt: thread.createdAt, editedAt: null, deleted: false }],
      });
      expect(await store.threads.get(response.id, thread.id)).toEqual(thread);
      expect(await store.threads.get((await makeResponse(store)).id, thread.id)).toBeNull();
      expect(await store.threads.get(response.id, 'no-such-thread')).toBeNull();
      const plain = await store.threads.create({ responseId: response.id, sectionId: 's2', anchor: null, author: sam, body: 'On the section' });
      expect(plain.anchor).toBeNull();
    });

    it('lists threads in the order they were started, with their comments in order, and counts the open ones', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const first = await store.threads.create({ responseId: response.id, sectionId: 's1', anchor: null, author: alex, body: 'one' });
      const second = await store.threads.create({ responseId: response.id, sectionId: 's1', anchor: null, author: sam, body: 'two' });
      const reply = await store.threads.addComment(first.id, sam, 'a reply');
      expect(reply).toEqual({ id: expect.any(String), author: sam, body: 'a reply', createdAt: expect.any(String), editedAt: null, deleted: false });
      const listed = await store.threads.list(response.id);
      // By time, then by id (two made in one millisecond): the same order on every database.
      const byTime = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;
      expect(listed.map((thread) => thread.id)).toEqual([first, second].sort(byTime).map((thread) => thread.id));
      const comments = listed.find((thread) => thread.id === first.id)!.comments;
      expect(comments.map((comment) => comment.id)).toEqual([first.comments[0]!, reply].sort(byTime).map((comment) => comment.id));
      expect(await store.threads.countOpen(response.id)).toBe(2);
      expect(await store.threads.list('no-such-response')).toEqual([]);
      expect(await store.threads.countOpen('no-such-response')).toBe(0);
    });

    it('edits and deletes comments (a deleted comment keeps its place, without its words)', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const thread = await store.threads.create({ responseId: response.id, sectionId: 's1', anchor: null, author: alex, body: 'first' });
      const comment = await store.threads.addComment(thread.id, alex, `secret ${unique()}`);
      await store.threads.editComment(thread.comments[0]!.id, 'first, edited');
      const edited = await store.threads.getComment(thread.id, thread.comments[0]!.id);
      expect(edited).toMatchObject({ body: 'first, edited', deleted: false });
      expect(edited!.editedAt).toEqual(expect.any(String));
      await store.threads.deleteComment(comment.id);
      expect(await store.threads.getComment(thread.id, comment.id)).toMatchObject({ body: '', deleted: true });
      const comments = (await store.threads.get(response.id, thread.id))!.comments;
      expect(comments.find((c) => c.id === comment.id)).toMatchObject({ body: '', deleted: true });
      expect(comments.find((c) => c.id === thread.comments[0]!.id)).toMatchObject({ body: 'first, edited', deleted: false });
      expect(await store.threads.getComment('other-thread', comment.id)).toBeNull();
      expect(await store.threads.getComment(thread.id, 'no-such-comment')).toBeNull();
    });

    it('resolves and reopens a thread, recording who resolved it', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const thread = await store.threads.create({ responseId: response.id, sectionId: 's1', anchor: null, author: alex, body: 'x' });
      await store.threads.setState(thread.id, 'resolved', sam);
      const resolved = await store.threads.get(response.id, thread.id);
      expect(resolved).toMatchObject({ state: 'resolved', resolvedBy: sam });
      expect(resolved!.resolvedAt).toEqual(expect.any(String));
      expect(await store.threads.countOpen(response.id)).toBe(0);
      await store.threads.setState(thread.id, 'open', alex);
      expect(await store.threads.get(response.id, thread.id)).toMatchObject({ state: 'open', resolvedBy: null, resolvedAt: null });
    });

    it('refuses a thread on a response that does not exist, and a comment on a thread that does not', async () => {
      const { store } = context;
      await expect(store.threads.create({ responseId: 'no-such-response', sectionId: 's', anchor: null, author: alex, body: 'x' })).rejects.toThrow();
      await expect(store.threads.addComment('no-such-thread', alex, 'x')).rejects.toThrow();
    });
  });
}
