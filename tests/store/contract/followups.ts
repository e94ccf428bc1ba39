// Suggestions, recommendation tracking, publication seals and the activity record's hash chain.
import { describe, expect, it } from 'vitest';
import { auditEntryHash, GENESIS_HASH } from '../../../server/store/recordHashes';
import type { ContractContext } from './context';
import { countOf, makeResponse, unique } from './fixtures';

const alex = { userId: 'u-alex', name: 'Alex Morgan', role: 'pcc' };
const sam = { userId: 'u-sam', name: 'Sam Taylor', role: 'chief_constable' };
const anchor = { start: 'AQID', end: 'BAUG', quote: 'regional units' };

export function followUpTests(context: ContractContext): void {
  describe('suggestions', () => {
    it('creates an open suggestion, found only through its response, listed oldest first', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const section = `s-${unique()}`;
      const first = await store.suggestions.create({ responseId: response.id, sectionId: section, anchor, insert: 'regional organised crime units', by: alex });
      expect(first).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
        responseId: response.id,
        sectionId: section,
        state: 'open',
        anchor,
        insert: 'regional organised crime units',
        by: alex,
        createdAt: expect.any(String),
        decidedBy: null,
        decidedAt: null,
        staleReason: null,
        comments: [],
      });
      const second = await store.suggestions.create({ responseId: response.id, sectionId: `s-${unique()}`, anchor, insert: '', by: sam });
      expect(await store.suggestions.get(response.id, first.id)).toEqual(first);
      expect(await store.suggestions.get((await makeResponse(store)).id, first.id)).toBeNull();
      expect(await store.suggestions.get(response.id, 'no-such-suggestion')).toBeNull();
      const byTime = [first, second].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
      expect((await store.suggestions.list(response.id)).map((s) => s.id)).toEqual(byTime.map((s) => s.id));
      expect(await store.suggestions.list('no-such-response')).toEqual([]);
    });

    it('decides a suggestion once: the first decision from the allowed states wins', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const section = `s-${unique()}`;
      const suggestion = await store.suggestions.create({ responseId: response.id, sectionId: section, anchor, insert: 'x', by: alex });
      expect((await store.suggestions.openIn(section)).map((s) => s.id)).toEqual([suggestion.id]);
      const [accept, reject] = await Promise.all([
        store.suggestions.decide(suggestion.id, { state: 'accepted', by: sam, at: '2026-02-01T10:00:00.000Z' }, ['open']),
        store.suggestions.decide(suggestion.id, { state: 'rejected', by: sam, at: '2026-02-01T10:00:00.001Z' }, ['open']),
      ]);
      expect([accept, reject].filter(Boolean)).toHaveLength(1);
      const decided = await store.suggestions.get(response.id, suggestion.id);
      expect(decided).toMatchObject({ state: accept ? 'accepted' : 'rejected', decidedBy: sam, staleReason: null });
      expect(await store.suggestions.openIn(section)).toEqual([]);
      expect(await store.suggestions.decide(suggestion.id, { state: 'stale', by: null, at: '2026-02-02T00:00:00.000Z' }, ['open'])).toBe(false);
      expect(await store.suggestions.decide('no-such-suggestion', { state: 'rejected', by: sam, at: '2026-02-02T00:00:00.000Z' }, ['open'])).toBe(false);
    });

    it('marks a suggestion stale with a reason (by nobody), and keeps the reason when decided again', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const suggestion = await store.suggestions.create({ responseId: response.id, sectionId: `s-${unique()}`, anchor, insert: 'x', by: alex });
      expect(await store.suggestions.decide(suggestion.id, { state: 'stale', by: null, at: '2026-02-01T10:00:00.000Z', staleReason: 'The text it changes is gone' }, ['open'])).toBe(true);
      expect(await store.suggestions.get(response.id, suggestion.id)).toMatchObject({ state: 'stale', decidedBy: null, decidedAt: '2026-02-01T10:00:00.000Z', staleReason: 'The text it changes is gone' });
      expect(await store.suggestions.decide(suggestion.id, { state: 'rejected', by: sam, at: '2026-02-01T11:00:00.000Z' }, ['open', 'stale'])).toBe(true);
      expect(await store.suggestions.get(response.id, suggestion.id)).toMatchObject({ state: 'rejected', decidedBy: sam, staleReason: 'The text it changes is gone' });
    });

    it('adds replies in order, and removes a section’s suggestions with their replies', async () => {
      const { store, subject } = context;
      const response = await makeResponse(store);
      const [gone, kept] = [`s-${unique()}`, `s-${unique()}`];
      const suggestion = await store.suggestions.create({ responseId: response.id, sectionId: gone, anchor, insert: 'x', by: alex });
      const other = await store.suggestions.create({ responseId: response.id, sectionId: kept, anchor, insert: 'y', by: alex });
      const reply = await store.suggestions.addComment(suggestion.id, { userId: sam.userId, name: sam.name }, 'Agreed');
      expect(reply).toEqual({ id: expect.any(String), author: { userId: sam.userId, name: sam.name }, body: 'Agreed', createdAt: expect.any(String), editedAt: null, deleted: false });
      expect((await store.suggestions.get(response.id, suggestion.id))!.comments).toEqual([reply]);
      await expect(store.suggestions.addComment('no-such-suggestion', { userId: 'u', name: 'U' }, 'x')).rejects.toThrow();

      await store.suggestions.deleteSection(gone);
      expect(await store.suggestions.get(response.id, suggestion.id)).toBeNull();
      expect(await store.suggestions.get(response.id, other.id)).not.toBeNull();
      expect(countOf(await subject.raw(`SELECT COUNT(*) AS n FROM suggestion_comments WHERE suggestion_id = '${suggestion.id}'`))).toBe(0);
    });
  });

  describe('recommendation tracking', () => {
    const update = (responseId: string, sectionId: string, note: string) => ({
      responseId,
      sectionId,
      status: 'in_progress' as const,
      hmicfrsView: null,
      targetDate: '2026-09-30',
      note,
      links: ['https://example.org/plan', 'https://example.org/minutes'],
      by: { userId: alex.userId, name: alex.name },
    });

    it('appends updates with increasing ids and the time now, and gives the history of sections oldest first', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const [a, b] = [`s-${unique()}`, `s-${unique()}`];
      const first = await store.tracking.append(update(response.id, a, 'Plan agreed'));
      const second = await store.tracking.append({ ...update(response.id, b, 'Done'), status: 'completed', hmicfrsView: 'awaiting_review', targetDate: null, links: [] });
      const third = await store.tracking.append(update(response.id, a, 'Half done'));
      expect(first).toEqual({ ...update(response.id, a, 'Plan agreed'), id: expect.any(Number), at: expect.any(String) });
      expect(second.id).toBeGreaterThan(first.id);
      expect(await store.tracking.historyOf([a])).toEqual([first, third]);
      expect(await store.tracking.historyOf([b, a])).toEqual([first, second, third]);
      expect(await store.tracking.historyOf([])).toEqual([]);
    });

    it('scans every update after an id, a page at a time', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const section = `s-${unique()}`;
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await store.tracking.append(update(response.id, section, `note ${i}`))).id);
      const page = await store.tracking.scan({ afterId: ids[1]!, limit: 2 });
      expect(page.map((u) => u.id)).toEqual([ids[2], ids[3]]);
      expect((await store.tracking.scan({ afterId: ids[4]!, limit: 10 })).length).toBe(0);
      expect((await store.tracking.scan({ limit: 1 })).length).toBe(1);
    });

    it('is append-only in the database itself', async () => {
      const { store, subject } = context;
      const response = await makeResponse(store);
      await store.tracking.append(update(response.id, `s-${unique()}`, 'kept'));
      await expect(subject.raw("UPDATE recommendation_updates SET note = 'rewritten'")).rejects.toThrow(/append-only/);
      await expect(subject.raw('DELETE FROM recommendation_updates')).rejects.toThrow(/append-only/);
    });

    it('links a follow-up’s recommendation to an earlier one, both ways, newest first', async () => {
      const { store } = context;
      const [earlier, followUp, later] = [await makeResponse(store), await makeResponse(store), await makeResponse(store)];
      const from = `s-${unique()}`;
      const [to1, to2] = [`s-${unique()}`, `s-${unique()}`];
      await store.tracking.addCarryover({ sectionId: to1, responseId: followUp.id, fromSectionId: from, fromResponseId: earlier.id });
      await store.tracking.addCarryover({ sectionId: to2, responseId: later.id, fromSectionId: from, fromResponseId: earlier.id });
      const carriedFrom = await store.tracking.carriedFrom([to1, 'unknown']);
      expect(carriedFrom).toEqual([{ sectionId: to1, responseId: followUp.id, fromSectionId: from, fromResponseId: earlier.id, at: expect.any(String) }]);
      expect((await store.tracking.carriedTo([from])).map((link) => link.sectionId)).toEqual([to2, to1]);
      expect(await store.tracking.carriedTo([])).toEqual([]);
      expect(await store.tracking.carriedFrom([])).toEqual([]);
      await expect(store.tracking.addCarryover({ sectionId: to1, responseId: followUp.id, fromSectionId: from, fromResponseId: earlier.id })).rejects.toThrow();
    });
  });

  describe('publication seals and listing', () => {
    it('keeps a seal as written, once, refusing changes in the database itself', async () => {
      const { store, subject } = context;
      const response = await makeResponse(store);
      const seal = {
        publicationId: `pub-${unique()}`,
        responseId: response.id,
        auditSeq: 12,
        auditHash: 'd'.repeat(64),
        htmlSha256: 'a'.repeat(64),
        docxSha256: 'b'.repeat(64),
        recordSha256: 'c'.repeat(64),
        sealedAt: '2026-04-01T09:30:00.123Z',
      };
      await store.seals.insert(seal);
      await store.seals.insert({ ...seal, publicationId: `pub-${unique()}`, auditSeq: null, auditHash: null });
      expect(await store.seals.forPublication(seal.publicationId)).toEqual(seal);
      expect(await store.seals.forPublication('no-such-publication')).toBeNull();
      await expect(store.seals.insert(seal)).rejects.toThrow();
      await expect(subject.raw("UPDATE publication_seals SET audit_hash = 'x'")).rejects.toThrow(/written once/);
      await expect(subject.raw('DELETE FROM publication_seals')).rejects.toThrow(/written once/);
    });

    it('lists publications without their files, newest first', async () => {
      const { store } = context;
      const make = async (publishedAt: string) => {
        const response = await makeResponse(store);
        const publication = {
          id: `pub-${unique()}`,
          responseId: response.id,
          publishedAt,
          publishedBy: 'Alex Morgan',
          html: '<p>x</p>',
          htmlSha256: 'a'.repeat(64),
          docx: Buffer.from([1, 2, 3]),
          docxSha256: 'b'.repeat(64),
          recordJson: '[]',
        };
        await store.publications.insert(publication);
        return publication;
      };
      const older = await make('2001-01-01T00:00:00.000Z');
      const newer = await make('2001-01-02T00:00:00.000Z');
      const listed = (await store.publications.list()).filter((p) => p.id === older.id || p.id === newer.id);
      expect(listed).toEqual([
        { id: newer.id, responseId: newer.responseId, publishedAt: newer.publishedAt, publishedBy: 'Alex Morgan', htmlSha256: newer.htmlSha256, docxSha256: newer.docxSha256 },
        { id: older.id, responseId: older.responseId, publishedAt: older.publishedAt, publishedBy: 'Alex Morgan', htmlSha256: older.htmlSha256, docxSha256: older.docxSha256 },
      ]);
    });
  });

  describe('the activity record’s hash chain', () => {
    it('numbers each response’s entries from 1, each hash covering the one before, and scans them all in order', async () => {
      const { store } = context;
      const [a, b] = [await makeResponse(store), await makeResponse(store)];
      expect(await store.audit.head(a.id)).toBeNull();
      const e1 = await store.audit.append({ responseId: a.id, actor: { userId: 'u1', name: 'Alex' }, action: 'one', detail: 'first' });
      await store.audit.append({ responseId: b.id, actor: null, action: 'other' });
      const e2 = await store.audit.append({ responseId: a.id, actor: null, action: 'two', sectionId: 's1' });
      const head = await store.audit.head(a.id);
      expect(head?.seq).toBe(2);

      const scanned = [];
      for (let afterId = e1.id - 1; ; ) {
        const page = await store.audit.scan({ afterId, limit: 2 });
        if (page.length === 0) break;
        scanned.push(...page);
        afterId = page[page.length - 1]!.id;
      }
      const chain = scanned.filter((entry) => entry.responseId === a.id);
      expect(chain.map((entry) => entry.id)).toEqual([e1.id, e2.id]);
      const [c1, c2] = chain as [(typeof chain)[number], (typeof chain)[number]];
      expect(c1).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, at: e1.at, actorId: 'u1', actorName: 'Alex', action: 'one', sectionId: null, detail: 'first' });
      expect(c1.hash).toBe(auditEntryHash({ responseId: a.id, seq: 1, prevHash: GENESIS_HASH, at: e1.at, actorId: 'u1', actorName: 'Alex', action: 'one', sectionId: null, detail: 'first' }));
      expect(c2).toMatchObject({ seq: 2, prevHash: c1.hash, sectionId: 's1' });
      expect(c2.hash).toBe(auditEntryHash({ responseId: a.id, seq: 2, prevHash: c1.hash!, at: e2.at, actorId: null, actorName: null, action: 'two', sectionId: 's1', detail: '' }));
      expect(head?.hash).toBe(c2.hash);
      expect(scanned.find((entry) => entry.responseId === b.id)?.seq).toBe(1);
    });

    it('gives concurrent appends to one response distinct, gapless places', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      await Promise.all(Array.from({ length: 12 }, (_, i) => store.audit.append({ responseId: response.id, actor: null, action: `concurrent.${i}` })));
      const entries = (await store.audit.scan({ limit: 100_000 })).filter((entry) => entry.responseId === response.id);
      expect(entries.map((entry) => entry.seq).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      const bySeq = [...entries].sort((x, y) => x.seq! - y.seq!);
      for (let i = 1; i < bySeq.length; i++) expect(bySeq[i]!.prevHash).toBe(bySeq[i - 1]!.hash);
    });
  });
}
