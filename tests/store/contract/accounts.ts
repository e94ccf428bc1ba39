// Users, sessions and invitations.
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { makeResponse, makeUser, unique } from './fixtures';

export function accountTests(context: ContractContext): void {
  describe('users', () => {
    it('creates a user and finds it by id and by e-mail, regardless of case', async () => {
      const { store } = context;
      const email = `Alex.Morgan.${unique()}@Example.org`;
      const user = await store.users.create({ email, name: 'Alex Morgan', passwordHash: 'hash-1' });
      expect(user).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), email, name: 'Alex Morgan' });
      expect(await store.users.get(user.id)).toEqual(user);
      expect(await store.users.findByEmail(email.toLowerCase())).toEqual({ ...user, passwordHash: 'hash-1' });
      expect(await store.users.findByEmail(email.toUpperCase())).toEqual({ ...user, passwordHash: 'hash-1' });
    });

    it('refuses a second account whose address differs only in case', async () => {
      const { store } = context;
      const email = `sam.${unique()}@example.org`;
      await store.users.create({ email, name: 'Sam', passwordHash: 'h' });
      await expect(store.users.create({ email: email.toUpperCase(), name: 'Sam again', passwordHash: 'h' })).rejects.toThrow();
      expect((await store.users.findByEmail(email))?.name).toBe('Sam');
    });

    it('answers null for unknown ids and addresses', async () => {
      const { store } = context;
      expect(await store.users.get('no-such-user')).toBeNull();
      expect(await store.users.findByEmail(`nobody.${unique()}@example.org`)).toBeNull();
    });

    it('changes a password hash and counts users', async () => {
      const { store } = context;
      const before = await store.users.count();
      const user = await makeUser(store);
      expect(await store.users.count()).toBe(before + 1);
      await store.users.setPasswordHash(user.id, 'hash-2');
      expect((await store.users.findByEmail(user.email))?.passwordHash).toBe('hash-2');
      expect(typeof (await store.users.count())).toBe('number');
    });

    it('keeps names and addresses exactly as given (Unicode, quotes)', async () => {
      const { store } = context;
      const name = `Siân O'Connor-Ĳssel "QPM" ${unique()}`;
      const user = await store.users.create({ email: `siân.${unique()}@example.org`, name, passwordHash: 'h' });
      expect((await store.users.get(user.id))?.name).toBe(name);
      expect((await store.users.findByEmail(user.email))?.email).toBe(user.email);
    });
  });

  describe('sessions', () => {
    const now = new Date('2026-03-01T10:00:00.000Z');
    const later = (ms: number) => new Date(now.getTime() + ms);

    it('creates a session and finds it until its absolute expiry', async () => {
      const { store } = context;
      const user = await makeUser(store);
      const hash = `session-${unique()}`;
      await store.sessions.create(hash, user.id, later(60_000));
      const found = await store.sessions.find(hash, now);
      expect(found).toEqual({ userId: user.id, createdAt: expect.any(String), expiresAt: later(60_000).toISOString(), lastSeenAt: found?.createdAt, method: 'password' });
      await store.sessions.create(`${hash}-sso`, user.id, later(60_000), 'oidc:force');
      expect((await store.sessions.find(`${hash}-sso`, now))?.method).toBe('oidc:force');
      expect(new Date(found!.createdAt).toISOString()).toBe(found!.createdAt);
      expect(await store.sessions.find(hash, later(59_999))).not.toBeNull();
      expect(await store.sessions.find(hash, later(60_000))).toBeNull();
      expect(await store.sessions.find(`unknown-${unique()}`, now)).toBeNull();
    });

    it('records use, and ends sessions one by one or all of a user but one', async () => {
      const { store } = context;
      const user = await makeUser(store);
      const other = await makeUser(store);
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((letter) => `${letter}-${unique()}`) as [string, string, string, string];
      for (const hash of [a, b, c]) await store.sessions.create(hash, user.id, later(3_600_000));
      await store.sessions.create(d, other.id, later(3_600_000));

      await store.sessions.touch(a, later(5_000));
      expect((await store.sessions.find(a, now))?.lastSeenAt).toBe(later(5_000).toISOString());

      await store.sessions.delete(a);
      expect(await store.sessions.find(a, now)).toBeNull();
      expect((await store.sessions.deleteForUser(user.id, b)).sort()).toEqual([c]);
      expect(await store.sessions.find(b, now)).not.toBeNull();
      expect((await store.sessions.deleteForUser(user.id)).sort()).toEqual([b]);
      expect(await store.sessions.deleteForUser(user.id)).toEqual([]);
      expect(await store.sessions.find(d, now)).not.toBeNull();
    });

    it('removes sessions past their expiry or idle too long, and says how many', async () => {
      const { store } = context;
      const user = await makeUser(store);
      const expired = `expired-${unique()}`;
      const idle = `idle-${unique()}`;
      const fresh = `fresh-${unique()}`;
      await store.sessions.create(expired, user.id, new Date('2000-01-01T00:00:00.000Z'));
      await store.sessions.create(idle, user.id, new Date('2999-01-01T00:00:00.000Z'));
      await store.sessions.create(fresh, user.id, new Date('2999-01-01T00:00:00.000Z'));
      await store.sessions.touch(idle, new Date('2001-01-01T00:00:00.000Z'));
      await store.sessions.touch(fresh, new Date('2998-01-01T00:00:00.000Z'));
      const removed = await store.sessions.deleteExpired(new Date('2020-01-01T00:00:00.000Z'), new Date('2010-01-01T00:00:00.000Z'));
      expect(removed).toBeGreaterThanOrEqual(2);
      expect(await store.sessions.find(expired, new Date('1999-01-01T00:00:00.000Z'))).toBeNull();
      expect(await store.sessions.find(idle, now)).toBeNull();
      expect(await store.sessions.find(fresh, now)).not.toBeNull();
    });

    it('refuses a session for an unknown user', async () => {
      await expect(context.store.sessions.create(`orphan-${unique()}`, 'no-such-user', later(1000))).rejects.toThrow();
    });
  });

  describe('invitations', () => {
    const invitationFor = (responseId: string, email: string, createdBy: string) => ({
      responseId,
      email,
      role: 'chief_constable',
      capacity: 'drafter' as const,
      administrator: true,
      createdBy,
      expiresAt: '2030-06-01T12:00:00.000Z',
    });

    it('finds an open invitation by its link and by id until it is closed or expires; closing twice fails the second', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const inviter = await makeUser(store);
      const invitation = invitationFor(response.id, `new.${unique()}@example.org`, inviter.id);
      const hash = `invite-${unique()}`;
      const created = await store.invitations.create(hash, invitation);
      expect(created).toEqual({ ...invitation, id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), createdAt: expect.any(String), codeHash: null, codeExpiresAt: null, codeAttempts: 0, codesSent: 0 });
      expect(await store.invitations.findOpen(hash, new Date('2030-06-01T11:59:59.999Z'))).toEqual(created);
      expect(await store.invitations.getOpen(created.id, new Date('2030-06-01T11:59:59.999Z'))).toEqual(created);
      expect(await store.invitations.findOpen(hash, new Date('2030-06-01T12:00:00.000Z'))).toBeNull();
      expect(await store.invitations.findOpen(`unknown-${unique()}`)).toBeNull();
      expect(await store.invitations.getOpen('no-such-invitation')).toBeNull();

      const [first, second] = await Promise.all([store.invitations.close(created.id, 'accepted'), store.invitations.close(created.id, 'declined')]);
      expect([first, second].sort()).toEqual([false, true]);
      expect(await store.invitations.findOpen(hash, new Date('2029-01-01T00:00:00.000Z'))).toBeNull();
      expect(await store.invitations.close('no-such-invitation', 'withdrawn')).toBe(false);
    });

    it('replaces an open invitation of the same address (in any case) to the same response, and lists the open ones', async () => {
      const { store } = context;
      const [response, other] = [await makeResponse(store), await makeResponse(store)];
      const email = `Deputy.${unique()}@Example.org`;
      const old = await store.invitations.create(`a-${unique()}`, invitationFor(response.id, email, 'u'));
      const elsewhere = await store.invitations.create(`b-${unique()}`, invitationFor(other.id, email, 'u'));
      const replacing = await store.invitations.create(`c-${unique()}`, invitationFor(response.id, email.toLowerCase(), 'u'));
      const now = new Date('2029-01-01T00:00:00.000Z');
      expect(await store.invitations.getOpen(old.id, now)).toBeNull();
      expect((await store.invitations.listOpenForResponse(response.id, now)).map((i) => i.id)).toEqual([replacing.id]);
      expect((await store.invitations.listOpenForEmail(email.toUpperCase(), now)).map((i) => i.id).sort()).toEqual([elsewhere.id, replacing.id].sort());
      expect(await store.invitations.listOpenForEmail(`nobody.${unique()}@example.org`, now)).toEqual([]);
    });

    it('keeps the one-time code of an invitation and counts the codes sent and the wrong attempts', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const created = await store.invitations.create(`code-${unique()}`, { ...invitationFor(response.id, `code.${unique()}@example.org`, 'u'), administrator: false, capacity: 'viewer' });
      await store.invitations.setCode(created.id, 'code-hash-1', '2030-01-01T00:10:00.000Z');
      expect(await store.invitations.recordCodeAttempt(created.id)).toBe(1);
      expect(await store.invitations.recordCodeAttempt(created.id)).toBe(2);
      await store.invitations.setCode(created.id, 'code-hash-2', '2030-01-01T00:20:00.000Z');
      expect(await store.invitations.getOpen(created.id, new Date('2029-01-01T00:00:00.000Z'))).toMatchObject({
        administrator: false,
        capacity: 'viewer',
        codeHash: 'code-hash-2',
        codeExpiresAt: '2030-01-01T00:20:00.000Z',
        codeAttempts: 0,
        codesSent: 2,
      });
      expect(await store.invitations.recordCodeAttempt('no-such-invitation')).toBe(0);
    });
  });
}
