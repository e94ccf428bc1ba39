// Transactions (all or nothing, never seen in part, one at a time) and what survives a reopen.
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { makeResponse, makeUser, unique } from './fixtures';

/**
 * Runs a function as a caller outside the transaction would: in the async context of the test,
 * not the transaction's (the SQLite store tells its transaction's statements from others' by it).
 */
function fromOutside(): <T>(work: () => T) => T {
  return AsyncLocalStorage.snapshot();
}

/** Lets other work run: a macrotask, so a query sent from outside reaches the database. */
const elsewhere = () => new Promise((resolve) => setImmediate(resolve));

export function transactionTests(context: ContractContext): void {
  describe('transactions', () => {
    it('commits everything together and returns what the work returns', async () => {
      const { store } = context;
      const user = await makeUser(store);
      const result = await store.transaction(async (tx) => {
        const response = await makeResponse(tx);
        await tx.responses.addSection(response.id, { kind: 'prose', title: 'PCC comments', ownerRole: 'pcc' });
        await tx.members.set(response.id, user.id, { role: 'pcc', capacity: 'signatory', administrator: true });
        await tx.audit.append({ responseId: response.id, actor: null, action: 'response.created' });
        return response.id;
      });
      expect((await store.responses.listSections(result)).map((section) => section.title)).toEqual(['PCC comments']);
      expect(await store.members.get(result, user.id)).toMatchObject({ capacity: 'signatory' });
      expect((await store.audit.list(result)).length).toBe(1);
    });

    it('leaves nothing behind when the work throws, and passes the error on', async () => {
      const { store } = context;
      const email = `rolled.back.${unique()}@example.org`;
      let responseId = '';
      const failure = new Error('changed my mind');
      await expect(
        store.transaction(async (tx) => {
          await tx.users.create({ email, name: 'Nobody', passwordHash: 'h' });
          const response = await makeResponse(tx);
          responseId = response.id;
          await tx.responses.addSection(response.id, { kind: 'prose', title: 'x', ownerRole: 'pcc' });
          await tx.audit.append({ responseId, actor: null, action: 'never.happened' });
          await tx.threads.create({ responseId, sectionId: 's', anchor: null, author: { userId: 'u', name: 'U' }, body: 'x' });
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await store.users.findByEmail(email)).toBeNull();
      expect(await store.responses.get(responseId)).toBeNull();
      expect(await store.responses.listSections(responseId)).toEqual([]);
      expect(await store.audit.list(responseId)).toEqual([]);
      expect(await store.threads.list(responseId)).toEqual([]);
    });

    it('rolls back the statements before one the database refuses', async () => {
      const { store } = context;
      let responseId = '';
      await expect(
        store.transaction(async (tx) => {
          responseId = (await makeResponse(tx)).id;
          await tx.members.set(responseId, 'no-such-user', { role: 'pcc', capacity: 'viewer', administrator: false });
        }),
      ).rejects.toThrow();
      expect(await store.responses.get(responseId)).toBeNull();
    });

    it('is never seen in part from outside: a reader meanwhile sees all of it or none', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const [a, b] = [await makeUser(store), await makeUser(store)];
      const reads: Array<Promise<number>> = [];
      const outside = fromOutside();
      const readNow = () => reads.push(outside(() => store.members.list(response.id)).then((members) => members.length));
      await store.transaction(async (tx) => {
        await tx.members.set(response.id, a.id, { role: 'pcc', capacity: 'viewer', administrator: false });
        readNow();
        await elsewhere();
        await tx.members.set(response.id, b.id, { role: 'pcc', capacity: 'viewer', administrator: false });
        readNow();
        await elsewhere();
      });
      readNow();
      const seen = await Promise.all(reads);
      for (const count of seen.slice(0, -1)) expect([0, 2]).toContain(count);
      expect(seen[seen.length - 1]).toBe(2);
    });

    it('is never seen at all from outside when rolled back', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const user = await makeUser(store);
      const reads: Array<Promise<number>> = [];
      const outside = fromOutside();
      await expect(
        store.transaction(async (tx) => {
          await tx.members.set(response.id, user.id, { role: 'pcc', capacity: 'viewer', administrator: false });
          reads.push(outside(() => store.members.list(response.id)).then((members) => members.length));
          await elsewhere();
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(await Promise.all(reads)).toEqual([0]);
      expect(await store.members.list(response.id)).toEqual([]);
    });

    it('runs transactions as if one at a time: what one reads, no other changes before it commits', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      // Each numbers its section after those it sees, as importing recommendations does.
      await Promise.all(
        Array.from({ length: 5 }, () =>
          store.transaction(async (tx) => {
            const count = (await tx.responses.listSections(response.id)).length;
            await elsewhere();
            await tx.responses.addSection(response.id, { kind: 'recommendation', title: `Recommendation ${count + 1}`, ownerRole: 'pcc', recommendation: 'r' });
          }),
        ),
      );
      const sectionTitles = (await store.responses.listSections(response.id)).map((section) => section.title);
      expect(sectionTitles).toEqual(['Recommendation 1', 'Recommendation 2', 'Recommendation 3', 'Recommendation 4', 'Recommendation 5']);
    });
  });

  describe('closing and opening again', () => {
    it('keeps everything, including an append asked for just before closing', async () => {
      const { subject } = context;
      const user = await makeUser(subject.store);
      const response = await makeResponse(subject.store);
      const section = `s-${unique()}`;
      await subject.store.updates.append(section, new Uint8Array([1]));
      void subject.store.updates.append(section, new Uint8Array([2]));
      await subject.reopen();
      expect(await subject.store.users.get(user.id)).toEqual(user);
      expect(await subject.store.responses.get(response.id)).toEqual(response);
      expect(await subject.store.updates.load(section)).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
    });
  });
}
