// Organisations holding roles, sign-ins under way, mail and notifications; and what sign-offs
// and responses gained with them.
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { makeResponse, makeSections, makeUser, unique } from './fixtures';

export function peopleTests(context: ContractContext): void {
  describe('role holders', () => {
    it('records the organisation holding a role once: the first claim stands', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      expect(await store.roleHolders.list(response.id)).toEqual({});
      await store.roleHolders.claim(response.id, 'pcc', 'opcc');
      await store.roleHolders.claim(response.id, 'chief_constable', 'force');
      await store.roleHolders.claim(response.id, 'pcc', 'somebody-else');
      expect(await store.roleHolders.list(response.id)).toEqual({ pcc: 'opcc', chief_constable: 'force' });
      expect(await store.roleHolders.list('no-such-response')).toEqual({});
    });
  });

  describe('OpenID Connect sign-ins under way', () => {
    const login = (expiresAt: string) => ({
      providerId: 'force',
      codeVerifier: 'verifier',
      nonce: 'nonce',
      browserHash: 'browser',
      returnTo: '/responses/x',
      invitationTokenHash: null,
      expiresAt,
    });

    it('gives a sign-in back once, and not once it has expired', async () => {
      const { store } = context;
      const [state, late] = [`state-${unique()}`, `late-${unique()}`];
      await store.oidcLogins.create(state, login('2030-01-01T00:05:00.000Z'));
      await store.oidcLogins.create(late, { ...login('2030-01-01T00:05:00.000Z'), invitationTokenHash: 'invite-hash' });
      const [first, second] = await Promise.all([store.oidcLogins.take(state, new Date('2030-01-01T00:00:00.000Z')), store.oidcLogins.take(state, new Date('2030-01-01T00:00:00.000Z'))]);
      expect([first, second].filter(Boolean)).toEqual([login('2030-01-01T00:05:00.000Z')]);
      expect(await store.oidcLogins.take(late, new Date('2030-01-01T00:05:00.000Z'))).toBeNull();
      expect(await store.oidcLogins.take(late, new Date('2030-01-01T00:00:00.000Z'))).toBeNull();
    });

    it('removes the sign-ins never finished', async () => {
      const { store } = context;
      const state = `stale-${unique()}`;
      await store.oidcLogins.create(state, login('2000-01-01T00:00:00.000Z'));
      expect(await store.oidcLogins.deleteExpired(new Date('2001-01-01T00:00:00.000Z'))).toBeGreaterThanOrEqual(1);
      expect(await store.oidcLogins.take(state, new Date('1999-01-01T00:00:00.000Z'))).toBeNull();
    });
  });

  describe('outbox', () => {
    const mail = (key: string, held = false) => ({
      key,
      kind: 'invitation',
      to: { address: `to.${unique()}@example.org`, name: 'Sam Taylor' },
      subject: 'You are invited',
      text: 'Plain text',
      html: '<p>HTML</p>',
      headers: { 'Message-ID': `<${key}@countersign>` },
      held,
    });

    it('adds a mail once per key, pending (or held without a mail server)', async () => {
      const { store } = context;
      const key = `mail-${unique()}`;
      const added = await store.outbox.enqueue(mail(key));
      expect(added).toEqual({
        ...mail(key),
        to: added!.to,
        id: expect.any(Number),
        createdAt: expect.any(String),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: added!.createdAt,
        sentAt: null,
        lastError: null,
      });
      expect(await store.outbox.enqueue(mail(key))).toBeNull();
      expect(await store.outbox.getByKey(key)).toEqual(added);
      const held = await store.outbox.enqueue(mail(`held-${unique()}`, true));
      expect(held).toMatchObject({ state: 'held', held: true, nextAttemptAt: null });
      expect(await store.outbox.getByKey('no-such-mail')).toBeNull();
    });

    it('gives the mail due oldest first, and records sending and failing', async () => {
      const { store } = context;
      const a = (await store.outbox.enqueue(mail(`a-${unique()}`)))!;
      const b = (await store.outbox.enqueue(mail(`b-${unique()}`)))!;
      const due = (await store.outbox.due(new Date('2999-01-01T00:00:00.000Z'), 10_000)).map((m) => m.id);
      expect(due.indexOf(a.id)).toBeLessThan(due.indexOf(b.id));
      await store.outbox.markFailed(a.id, 'connection refused', new Date('2999-06-01T00:00:00.000Z'));
      await store.outbox.markSent(b.id, new Date('2030-01-01T00:00:00.000Z'));
      expect(await store.outbox.getByKey(a.key)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: '2999-06-01T00:00:00.000Z', lastError: 'connection refused' });
      expect(await store.outbox.getByKey(b.key)).toMatchObject({ state: 'sent', attempts: 1, sentAt: '2030-01-01T00:00:00.000Z', nextAttemptAt: null });
      expect((await store.outbox.due(new Date('2999-01-01T00:00:00.000Z'), 10_000)).map((m) => m.id)).not.toContain(a.id);
      await store.outbox.markFailed(a.id, 'x'.repeat(5000), null);
      expect(await store.outbox.getByKey(a.key)).toMatchObject({ state: 'failed', attempts: 2, nextAttemptAt: null });
      expect((await store.outbox.getByKey(a.key))!.lastError).toHaveLength(1000);
    });

    it('lets one sender at a time claim the mail due, for a lease', async () => {
      const { store } = context;
      const now = new Date('2998-01-01T00:00:00.000Z');
      const a = (await store.outbox.enqueue(mail(`claim-a-${unique()}`)))!;
      const b = (await store.outbox.enqueue(mail(`claim-b-${unique()}`)))!;
      // Two senders at once (two instances): each mail goes to one of them.
      const [first, second] = await Promise.all([store.outbox.claim(now, 10_000, 60_000), store.outbox.claim(now, 10_000, 60_000)]);
      const claimed = [...first, ...second].map((m) => m.id).filter((id) => id === a.id || id === b.id);
      expect(claimed.sort((x, y) => x - y)).toEqual([a.id, b.id]);
      const mine = [...first, ...second].filter((m) => m.id === a.id || m.id === b.id);
      expect(mine.map((m) => m.nextAttemptAt)).toEqual(['2998-01-01T00:01:00.000Z', '2998-01-01T00:01:00.000Z']);
      // Not due again while the lease lasts; due again after it (its sender died).
      expect((await store.outbox.claim(new Date('2998-01-01T00:00:30.000Z'), 10_000, 60_000)).map((m) => m.id)).not.toContain(a.id);
      const again = (await store.outbox.claim(new Date('2998-01-01T00:01:00.000Z'), 10_000, 60_000)).map((m) => m.id);
      expect(again).toContain(a.id);
      expect(again.indexOf(a.id)).toBeLessThan(again.indexOf(b.id));
      await store.outbox.markSent(a.id, new Date('2998-01-01T00:01:01.000Z'));
      await store.outbox.markSent(b.id, new Date('2998-01-01T00:01:01.000Z'));
      expect((await store.outbox.claim(new Date('2999-12-31T00:00:00.000Z'), 10_000, 60_000)).map((m) => m.id)).not.toContain(a.id);
    });

    it('lists the newest mail first, a page at a time', async () => {
      const { store } = context;
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await store.outbox.enqueue(mail(`page-${i}-${unique()}`)))!.id);
      const page = await store.outbox.list({ before: ids[2]! + 1, limit: 2 });
      expect(page.map((m) => m.id)).toEqual([ids[2], ids[1]]);
      expect((await store.outbox.list({ before: ids[1]!, limit: 1 })).map((m) => m.id)).toEqual([ids[0]]);
    });
  });

  describe('notifications', () => {
    const notice = (userId: string, key = `n-${unique()}`, delivery: 'immediate' | 'digest' | 'none' = 'immediate', sectionId: string | null = null) => ({
      key,
      userId,
      responseId: 'r',
      sectionId,
      kind: 'mentioned' as const,
      title: 'Alex mentioned you',
      detail: 'In PCC comments',
      actorName: 'Alex Morgan',
      path: '/responses/r#s',
      delivery,
    });

    it('adds a notification once per key, lists a user’s newest first, counts and marks them read', async () => {
      const { store } = context;
      const user = await makeUser(store);
      const first = (await store.notifications.add(notice(user.id)))!;
      expect(first).toEqual({ ...notice(user.id, first.key), id: expect.any(Number), createdAt: expect.any(String), readAt: null, digestedAt: null });
      expect(await store.notifications.add(notice(user.id, first.key))).toBeNull();
      const second = (await store.notifications.add(notice(user.id)))!;
      const third = (await store.notifications.add(notice(user.id)))!;
      expect((await store.notifications.list(user.id)).map((n) => n.id)).toEqual([third.id, second.id, first.id]);
      expect((await store.notifications.list(user.id, { before: third.id, limit: 1 })).map((n) => n.id)).toEqual([second.id]);
      expect(await store.notifications.unreadCount(user.id)).toBe(3);
      expect(await store.notifications.markRead(user.id, [first.id, second.id, 999_999_999], new Date('2030-01-01T00:00:00.000Z'))).toBe(2);
      expect(await store.notifications.markRead(user.id, [first.id])).toBe(0);
      expect((await store.notifications.list(user.id)).find((n) => n.id === first.id)?.readAt).toBe('2030-01-01T00:00:00.000Z');
      expect(await store.notifications.markRead(user.id, null)).toBe(1);
      expect(await store.notifications.unreadCount(user.id)).toBe(0);
      await expect(store.notifications.add(notice('no-such-user'))).rejects.toThrow();
    });

    it('tells whether a kind of notification about a section was made since a time', async () => {
      const { store } = context;
      const user = await makeUser(store);
      const section = `s-${unique()}`;
      const before = new Date(Date.now() - 60_000);
      expect(await store.notifications.existsSince('mentioned', section, before)).toBe(false);
      await store.notifications.add(notice(user.id, `n-${unique()}`, 'immediate', section));
      expect(await store.notifications.existsSince('mentioned', section, before)).toBe(true);
      expect(await store.notifications.existsSince('reply', section, before)).toBe(false);
      expect(await store.notifications.existsSince('mentioned', section, new Date(Date.now() + 60_000))).toBe(false);
    });

    it('keeps the digest: who has notifications waiting, which, oldest first, and marks them sent', async () => {
      const { store } = context;
      const user = await makeUser(store);
      const a = (await store.notifications.add(notice(user.id, `d-${unique()}`, 'digest')))!;
      await store.notifications.add(notice(user.id, `i-${unique()}`, 'immediate'));
      const b = (await store.notifications.add(notice(user.id, `d-${unique()}`, 'digest')))!;
      expect(await store.notifications.usersWithDigest()).toContain(user.id);
      expect((await store.notifications.pendingDigest(user.id)).map((n) => n.id)).toEqual([a.id, b.id]);
      await store.notifications.markDigested([a.id, b.id], new Date('2030-01-02T07:00:00.000Z'));
      expect(await store.notifications.pendingDigest(user.id)).toEqual([]);
      expect(await store.notifications.usersWithDigest()).not.toContain(user.id);
    });

    it('keeps each user’s chosen delivery per kind, changing only what is given', async () => {
      const { store } = context;
      const user = await makeUser(store);
      expect(await store.notifications.preferences(user.id)).toEqual({});
      await store.notifications.setPreferences(user.id, { mentioned: 'digest', reply: 'none' });
      await store.notifications.setPreferences(user.id, { reply: 'immediate' });
      await store.notifications.setPreferences(user.id, {});
      expect(await store.notifications.preferences(user.id)).toEqual({ mentioned: 'digest', reply: 'immediate' });
    });
  });

  describe('sign-offs with organisations, and responses by state', () => {
    it('keeps the signer’s organisation and how their identity was checked, when given', async () => {
      const { store } = context;
      const { sectionIds } = await makeSections(store, 2);
      const [a, b] = sectionIds as [string, string];
      const plain = { userId: 'u', name: 'Alex', at: '2026-02-01T10:00:00.000Z', contentHash: 'h', versionId: null };
      await store.signOffs.record(a, { ...plain, organisation: 'Wiltshire OPCC', identityCheck: 'oidc:opcc' }, '{}');
      await store.signOffs.record(b, plain, '{}');
      expect(await store.signOffs.current(a)).toEqual({ ...plain, organisation: 'Wiltshire OPCC', identityCheck: 'oidc:opcc' });
      expect(await store.signOffs.current(b)).toEqual(plain);
    });

    it('lists the responses in a state, oldest first', async () => {
      const { store } = context;
      const [a, b] = [await makeResponse(store), await makeResponse(store)];
      await store.responses.setState(a.id, 'published');
      await store.responses.setState(b.id, 'published');
      const published = (await store.responses.listInState('published')).filter((r) => r.id === a.id || r.id === b.id);
      // By time, then by id (two made in one millisecond).
      const byTime = [a, b].sort((x, y) => (x.createdAt === y.createdAt ? (x.id < y.id ? -1 : 1) : x.createdAt < y.createdAt ? -1 : 1));
      expect(published.map((r) => r.id)).toEqual(byTime.map((r) => r.id));
      expect((await store.responses.listInState('drafting')).map((r) => r.id)).not.toContain(a.id);
    });
  });
}
