// What lets several instances share one database safely: an update to a signed-off section is
// refused by the store itself, a section barrier sees every update stored before it and lets
// none in beside it, and compaction replaces only the rows its state holds.
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SectionLockedError } from '../../../server/store/errors';
import type { ContractContext } from './context';
import { instant, makeSections } from './fixtures';

const elsewhere = () => new Promise((resolve) => setImmediate(resolve));

function typed(clientId: number, text: string): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText('t').insert(0, text);
  return { doc, update: Y.encodeStateAsUpdate(doc) };
}

export function barrierTests(context: ContractContext): void {
  describe('signed-off sections and the section barrier', () => {
    it('refuses an update to a signed-off section, and only that one, until it is reopened', async () => {
      const { store } = context;
      const { sectionIds } = await makeSections(store, 2);
      const [locked, open] = sectionIds as [string, string];
      await store.responses.setSectionState(locked, 'signed_off');
      const results = await Promise.allSettled([
        store.updates.append(open, new Uint8Array([1])),
        store.updates.append(locked, new Uint8Array([2])),
        store.updates.append(open, new Uint8Array([3])),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const refusal = (results[1] as PromiseRejectedResult).reason as unknown;
      expect(refusal).toBeInstanceOf(SectionLockedError);
      expect((refusal as SectionLockedError).sectionId).toBe(locked);
      expect(await store.updates.load(locked)).toEqual([]);
      expect((await store.updates.load(open)).map((update) => update[0])).toEqual([1, 3]);

      await store.responses.setSectionState(locked, 'drafting');
      await store.updates.append(locked, new Uint8Array([4]));
      expect(await store.updates.load(locked)).toEqual([new Uint8Array([4])]);
    });

    it('runs a barrier that sees every update stored before it, and refuses those asked for meanwhile once it signs off', async () => {
      const { store } = context;
      const { sectionIds } = await makeSections(store, 1);
      const section = sectionIds[0]!;
      await store.updates.append(section, new Uint8Array([1]));
      const outside = AsyncLocalStorage.snapshot();
      let meanwhile: Promise<void> | null = null;
      const seen = await store.sectionBarrier(section, async (tx) => {
        meanwhile = outside(() => store.updates.append(section, new Uint8Array([2])));
        meanwhile.catch(() => undefined);
        await elsewhere();
        await elsewhere();
        const stored = await tx.updates.load(section);
        await tx.responses.setSectionState(section, 'signed_off');
        return stored;
      });
      expect(seen).toEqual([new Uint8Array([1])]);
      await expect(meanwhile).rejects.toBeInstanceOf(SectionLockedError);
      expect(await store.updates.load(section)).toEqual([new Uint8Array([1])]);
    });

    it('lets the updates asked for during a barrier in afterwards when it leaves the section open', async () => {
      const { store } = context;
      const { sectionIds } = await makeSections(store, 1);
      const section = sectionIds[0]!;
      const outside = AsyncLocalStorage.snapshot();
      let meanwhile: Promise<void> | null = null;
      const seen = await store.sectionBarrier(section, async (tx) => {
        meanwhile = outside(() => store.updates.append(section, new Uint8Array([5])));
        await elsewhere();
        return tx.updates.load(section);
      });
      expect(seen).toEqual([]);
      await meanwhile;
      expect(await store.updates.load(section)).toEqual([new Uint8Array([5])]);
    });

    it('rolls a barrier back whole when its work throws', async () => {
      const { store } = context;
      const { response, sectionIds } = await makeSections(store, 1);
      const section = sectionIds[0]!;
      await expect(
        store.sectionBarrier(section, async (tx) => {
          await tx.responses.setSectionState(section, 'signed_off');
          throw new Error('the section was empty');
        }),
      ).rejects.toThrow('the section was empty');
      expect((await store.responses.getSection(response.id, section))?.state).toBe('drafting');
      await store.updates.append(section, new Uint8Array([6]));
    });

    it('compacts only the rows its state holds: one stored meanwhile by another instance stays, with its author', async () => {
      const { store } = context;
      const { sectionIds } = await makeSections(store, 1);
      const section = sectionIds[0]!;
      const here = typed(5005, 'held here');
      const there = typed(6006, 'stored by another instance');
      await store.updates.append(section, here.update, { userId: 'alex', at: instant(0) });
      await store.updates.append(section, there.update, { userId: 'sam', at: instant(1) });
      // This instance's document has only its own update.
      const state = Y.encodeStateAsUpdate(here.doc);
      await store.updates.compact(section, state);
      const loaded = await store.updates.load(section);
      expect(loaded).toHaveLength(2);
      expect(loaded).toContainEqual(there.update);
      const doc = new Y.Doc();
      for (const update of loaded) Y.applyUpdate(doc, update);
      expect(doc.getText('t').toString()).toContain('held here');
      expect(doc.getText('t').toString()).toContain('stored by another instance');
      const authors = (await store.updates.authorship(section)).map((range) => `${range.userId}:${range.client}`);
      expect(authors.sort()).toEqual(['alex:5005', 'sam:6006']);
    });

    it('keeps a row whose deletion the state does not hold', async () => {
      const { store } = context;
      const { sectionIds } = await makeSections(store, 1);
      const section = sectionIds[0]!;
      const base = typed(7007, 'abcdef');
      await store.updates.append(section, base.update, { userId: 'alex', at: instant(0) });
      const other = new Y.Doc();
      Y.applyUpdate(other, base.update);
      let deletion: Uint8Array | null = null;
      other.on('update', (update: Uint8Array) => (deletion = update));
      other.getText('t').delete(1, 2);
      await store.updates.append(section, deletion!, { userId: 'sam', at: instant(1) });
      await store.updates.compact(section, Y.encodeStateAsUpdate(base.doc));
      const doc = new Y.Doc();
      for (const update of await store.updates.load(section)) Y.applyUpdate(doc, update);
      expect(doc.getText('t').toString()).toBe('adef');
    });
  });
}
