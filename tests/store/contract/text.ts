// Section text: the update log with its authorship, compaction, and versions.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeRanges } from '../../../server/history/authorship';
import type { ContractContext } from './context';
import { countOf, instant, unique } from './fixtures';

/** A document whose edits are captured as the updates a room would store. */
function editor(clientId: number) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return {
    doc,
    text: doc.getText('t'),
    /** The updates since the last call. */
    take: () => updates.splice(0),
  };
}

const sortRanges = <T extends { kind: string; client: number; clock: number }>(ranges: T[]) =>
  [...ranges].sort((a, b) => (a.kind === b.kind ? (a.client === b.client ? a.clock - b.clock : a.client - b.client) : a.kind < b.kind ? -1 : 1));

export function textTests(context: ContractContext): void {
  describe('updates', () => {
    it('loads nothing for a section never written', async () => {
      expect(await context.store.updates.load(`empty-${unique()}`)).toEqual([]);
      expect(await context.store.updates.authorship(`empty-${unique()}`)).toEqual([]);
    });

    it('loads updates in the order they were appended, byte for byte', async () => {
      const { store } = context;
      const section = `s-${unique()}`;
      const updates = [new Uint8Array([1, 2, 3]), new Uint8Array([0]), new Uint8Array(70_000).fill(0xab), new Uint8Array([255, 0, 255])];
      for (const update of updates) await store.updates.append(section, update);
      expect(await store.updates.load(section)).toEqual(updates);
    });

    it('commits the appends of one turn together, resolving none before its commit, each section in order', async () => {
      const { store, subject } = context;
      const prefix = `turn-${unique()}`;
      const appended = Array.from({ length: 50 }, (_, i) => store.updates.append(`${prefix}-${i % 5}`, new Uint8Array([i])));
      const seen = await Promise.all(
        appended.map((append) => append.then(async () => countOf(await subject.raw(`SELECT COUNT(*) AS n FROM section_updates WHERE section_id LIKE '${prefix}-%'`)))),
      );
      expect(seen.every((rows) => rows === 50)).toBe(true);
      expect((await store.updates.load(`${prefix}-3`)).map((update) => update[0])).toEqual([3, 8, 13, 18, 23, 28, 33, 38, 43, 48]);
    });

    it('lets a load see an append asked for just before it', async () => {
      const { store } = context;
      const section = `s-${unique()}`;
      void store.updates.append(section, new Uint8Array([7]));
      expect(await store.updates.load(section)).toEqual([new Uint8Array([7])]);
    });

    it('records who inserted and who deleted what, and keeps it through compaction', async () => {
      const { store } = context;
      const section = `s-${unique()}`;
      const alex = editor(1001);
      const sam = editor(2002);
      alex.text.insert(0, 'Hello');
      for (const update of alex.take()) await store.updates.append(section, update, { userId: 'alex', at: instant(0) });
      Y.applyUpdate(sam.doc, Y.encodeStateAsUpdate(alex.doc));
      sam.take();
      sam.text.insert(5, ' world');
      sam.text.delete(0, 1);
      for (const update of sam.take()) await store.updates.append(section, update, { userId: 'sam', at: instant(1000) });
      // The server's own update (no author) is stored but credited to nobody.
      const seed = editor(3003);
      Y.applyUpdate(seed.doc, Y.encodeStateAsUpdate(sam.doc));
      seed.take();
      seed.text.insert(seed.text.length, '!');
      for (const update of seed.take()) await store.updates.append(section, update, null);

      const before = mergeRanges(await store.updates.authorship(section));
      expect(sortRanges(before)).toEqual([
        { kind: 'delete', client: 1001, clock: 0, length: 1, userId: 'sam', at: instant(1000) },
        { kind: 'insert', client: 1001, clock: 0, length: 5, userId: 'alex', at: instant(0) },
        { kind: 'insert', client: 2002, clock: 0, length: 6, userId: 'sam', at: instant(1000) },
      ]);

      const doc = new Y.Doc();
      for (const update of await store.updates.load(section)) Y.applyUpdate(doc, update);
      expect(doc.getText('t').toString()).toBe('ello world!');
      const state = Y.encodeStateAsUpdate(doc);
      await store.updates.compact(section, state);
      expect(await store.updates.load(section)).toEqual([state]);
      expect(sortRanges(mergeRanges(await store.updates.authorship(section)))).toEqual(sortRanges(before));

      // Edits after compaction are appended after the state, and a second compaction keeps both.
      sam.text.insert(0, '>');
      const [later] = sam.take();
      await store.updates.append(section, later!, { userId: 'sam', at: instant(2000) });
      expect(await store.updates.load(section)).toEqual([state, later]);
      const again = new Y.Doc();
      for (const update of await store.updates.load(section)) Y.applyUpdate(again, update);
      await store.updates.compact(section, Y.encodeStateAsUpdate(again));
      const after = sortRanges(mergeRanges(await store.updates.authorship(section)));
      // Sam's later typing continues his earlier run: one range, dated from its start.
      expect(after).toContainEqual({ kind: 'insert', client: 2002, clock: 0, length: 7, userId: 'sam', at: instant(1000) });
      expect(after.filter((range) => range.userId === 'alex')).toEqual([{ kind: 'insert', client: 1001, clock: 0, length: 5, userId: 'alex', at: instant(0) }]);
      const loaded = new Y.Doc();
      for (const update of await store.updates.load(section)) Y.applyUpdate(loaded, update);
      expect(loaded.getText('t').toString()).toBe('>ello world!');
    });

    it('compacts a section with nothing stored into its state', async () => {
      const { store } = context;
      const section = `s-${unique()}`;
      await store.updates.compact(section, new Uint8Array([0, 0]));
      expect(await store.updates.load(section)).toEqual([new Uint8Array([0, 0])]);
    });

    it('stores an append asked for just before a compaction before the compaction replaces it', async () => {
      const { store } = context;
      const section = `s-${unique()}`;
      const writer = editor(8008);
      writer.text.insert(0, 'last words');
      const [update] = writer.take();
      void store.updates.append(section, update!, { userId: 'alex', at: instant(0) });
      const state = Y.encodeStateAsUpdate(writer.doc);
      await store.updates.compact(section, state);
      expect(await store.updates.load(section)).toEqual([state]);
      expect(mergeRanges(await store.updates.authorship(section))).toEqual([{ kind: 'insert', client: 8008, clock: 0, length: 10, userId: 'alex', at: instant(0) }]);
    });

    it('removes a section’s text and authorship, and nothing of another section', async () => {
      const { store } = context;
      const [gone, kept] = [`s-${unique()}`, `s-${unique()}`];
      const alex = editor(4004);
      alex.text.insert(0, 'abc');
      const [update] = alex.take();
      for (const section of [gone, kept]) {
        await store.updates.append(section, update!, { userId: 'alex', at: instant(0) });
        await store.updates.compact(section, update!);
        await store.updates.append(section, new Uint8Array([0, 0]), { userId: 'alex', at: instant(1) });
      }
      await store.updates.deleteSection(gone);
      expect(await store.updates.load(gone)).toEqual([]);
      expect(await store.updates.authorship(gone)).toEqual([]);
      expect((await store.updates.load(kept)).length).toBe(2);
      expect((await store.updates.authorship(kept)).length).toBe(1);
    });
  });

  describe('versions', () => {
    const version = (sectionId: string, kind: 'auto' | 'named' | 'signoff', createdAt: string, name: string | null = null) => ({
      sectionId,
      kind,
      name,
      createdAt,
      createdBy: kind === 'auto' ? null : { userId: 'u-alex', name: 'Alex Morgan', role: 'pcc' },
      snapshot: new Uint8Array([1, 2, 3, 0, 255]),
      contentJson: '{"type":"doc"}',
      text: `text at ${createdAt}`,
      hash: 'c'.repeat(64),
    });

    it('creates versions and lists them newest first, those of one millisecond latest made first', async () => {
      const { store } = context;
      const section = `s-${unique()}`;
      const a = await store.versions.create(version(section, 'auto', instant(0)));
      const b = await store.versions.create(version(section, 'named', instant(5000), 'Before the board'));
      const c = await store.versions.create(version(section, 'signoff', instant(5000)));
      const d = await store.versions.create(version(section, 'auto', instant(1000)));
      await store.versions.create(version(`other-${unique()}`, 'auto', instant(9000)));
      expect(a).toEqual({ ...version(section, 'auto', instant(0)), id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) });
      expect((await store.versions.list(section)).map((v) => v.id)).toEqual([c.id, b.id, d.id, a.id]);
      expect(await store.versions.list(`none-${unique()}`)).toEqual([]);
    });

    it('gets a version only through its section, and the latest of a kind', async () => {
      const { store } = context;
      const section = `s-${unique()}`;
      const named = await store.versions.create(version(section, 'named', instant(0), 'Draft 1'));
      const auto = await store.versions.create(version(section, 'auto', instant(1000)));
      expect(await store.versions.get(section, named.id)).toEqual(named);
      expect(await store.versions.get(`other-${unique()}`, named.id)).toBeNull();
      expect(await store.versions.get(section, 'no-such-version')).toBeNull();
      expect(await store.versions.latest(section)).toEqual(auto);
      expect(await store.versions.latest(section, 'named')).toEqual(named);
      expect(await store.versions.latest(section, 'signoff')).toBeNull();
      expect(await store.versions.latest(`none-${unique()}`)).toBeNull();
    });

    it('removes a section’s versions only', async () => {
      const { store } = context;
      const [gone, kept] = [`s-${unique()}`, `s-${unique()}`];
      await store.versions.create(version(gone, 'auto', instant(0)));
      await store.versions.create(version(kept, 'auto', instant(0)));
      await store.versions.deleteSection(gone);
      expect(await store.versions.list(gone)).toEqual([]);
      expect((await store.versions.list(kept)).length).toBe(1);
    });
  });
}
