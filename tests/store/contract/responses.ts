// Responses and their sections, members, sign-offs and publications.
import { describe, expect, it } from 'vitest';
import type { SignOff } from '../../../shared/model';
import type { ContractContext } from './context';
import { makeResponse, makeSections, makeUser, unique } from './fixtures';

const titles = (sections: Array<{ title: string }>) => sections.map((section) => section.title);

export function responseTests(context: ContractContext): void {
  describe('responses', () => {
    it('creates a response: drafting, its deadline from the report, no statutory steps yet', async () => {
      const { store } = context;
      const before = new Date().toISOString();
      const response = await makeResponse(store, 'Wiltshire ROCU response');
      expect(response).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
        title: 'Wiltshire ROCU response',
        report: { title: 'Regional Organised Crime Units', publishedOn: '2024-02-29', url: 'https://example.org/report' },
        state: 'drafting',
        deadline: '2024-04-24',
        chiefCommentsDueOn: null,
        statutorySteps: { publishedAtUrl: null, sentToHmicfrsOn: null, sentToHomeSecretaryOn: null },
        createdAt: expect.any(String),
      });
      expect(response.createdAt >= before).toBe(true);
      expect(await store.responses.get(response.id)).toEqual(response);
      expect(await store.responses.get('no-such-response')).toBeNull();
    });

    it('gets several at once, oldest first, leaving out unknown ids', async () => {
      const { store } = context;
      const first = await makeResponse(store);
      const second = await makeResponse(store);
      const found = await store.responses.getMany([second.id, 'unknown', first.id]);
      // By time, then by id (two made in one millisecond).
      const byTime = [first, second].sort((x, y) => (x.createdAt === y.createdAt ? (x.id < y.id ? -1 : 1) : x.createdAt < y.createdAt ? -1 : 1));
      expect(found.map((response) => response.id)).toEqual(byTime.map((response) => response.id));
      expect(await store.responses.getMany([])).toEqual([]);
    });

    it('changes the title, the chief constable’s date (and clears it), the state and the statutory steps', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      await store.responses.update(response.id, { title: 'Renamed' });
      await store.responses.update(response.id, { chiefCommentsDueOn: '2024-03-31' });
      expect(await store.responses.get(response.id)).toMatchObject({ title: 'Renamed', chiefCommentsDueOn: '2024-03-31' });
      await store.responses.update(response.id, { chiefCommentsDueOn: null });
      expect(await store.responses.get(response.id)).toMatchObject({ title: 'Renamed', chiefCommentsDueOn: null });
      await store.responses.update(response.id, {});
      expect((await store.responses.get(response.id))?.title).toBe('Renamed');

      await store.responses.setState(response.id, 'published');
      const steps = { publishedAtUrl: 'https://pcc.example.org/responses/rocu', sentToHmicfrsOn: '2024-04-20', sentToHomeSecretaryOn: '2024-04-21' };
      await store.responses.setStatutorySteps(response.id, steps);
      expect(await store.responses.get(response.id)).toMatchObject({ state: 'published', statutorySteps: steps });
      await store.responses.setStatutorySteps(response.id, { publishedAtUrl: null, sentToHmicfrsOn: null, sentToHomeSecretaryOn: null });
      expect((await store.responses.get(response.id))?.statutorySteps).toEqual({ publishedAtUrl: null, sentToHmicfrsOn: null, sentToHomeSecretaryOn: null });
    });

    it('keeps calendar dates as written, whatever the time zone (a leap day, the last of a year)', async () => {
      const { store } = context;
      const response = await store.responses.create({ title: 'Dates', report: { title: 'R', publishedOn: '2023-12-31', url: 'https://example.org/r' } });
      expect(response.report.publishedOn).toBe('2023-12-31');
      expect(response.deadline).toBe('2024-02-24');
      await store.responses.update(response.id, { chiefCommentsDueOn: '2024-02-29' });
      expect((await store.responses.get(response.id))?.chiefCommentsDueOn).toBe('2024-02-29');
    });
  });

  describe('sections', () => {
    it('adds sections at the end, in order, drafting, with their recommendation text', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const a = await store.responses.addSection(response.id, { kind: 'prose', title: 'PCC comments', ownerRole: 'pcc' });
      const b = await store.responses.addSection(response.id, {
        kind: 'recommendation',
        title: 'Recommendation 1',
        ownerRole: 'chief_constable',
        recommendation: 'By March 2025, chief constables should…',
      });
      expect(a).toEqual({ id: expect.any(String), kind: 'prose', title: 'PCC comments', ownerRole: 'pcc', state: 'drafting', recommendation: null });
      expect(b.recommendation).toBe('By March 2025, chief constables should…');
      expect(await store.responses.listSections(response.id)).toEqual([a, b]);
      expect(await store.responses.listSections('no-such-response')).toEqual([]);
    });

    it('inserts at a position, moving later sections down; a position past either end is clamped', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const add = (title: string, position?: number) => store.responses.addSection(response.id, { kind: 'prose', title, ownerRole: 'pcc' }, position);
      await add('B');
      await add('D');
      await add('C', 1);
      await add('A', -5);
      await add('E', 99);
      await add('A2', 1);
      expect(titles(await store.responses.listSections(response.id))).toEqual(['A', 'A2', 'B', 'C', 'D', 'E']);
    });

    it('keeps the positions of concurrent additions distinct', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.responses.addSection(response.id, { kind: 'prose', title: `S${i}`, ownerRole: 'pcc' })),
      );
      const listed = titles(await store.responses.listSections(response.id));
      expect([...listed].sort()).toEqual(['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']);
      // Each at a position of its own: inserting at 1 lands after exactly one section.
      await store.responses.addSection(response.id, { kind: 'prose', title: 'second', ownerRole: 'pcc' }, 1);
      expect(titles(await store.responses.listSections(response.id))[1]).toBe('second');
    });

    it('gets a section only through its own response', async () => {
      const { store } = context;
      const { response, sectionIds } = await makeSections(store, 1);
      const other = await makeResponse(store);
      expect((await store.responses.getSection(response.id, sectionIds[0]!))?.title).toBe('Section 0');
      expect(await store.responses.getSection(other.id, sectionIds[0]!)).toBeNull();
      expect(await store.responses.getSection(response.id, 'no-such-section')).toBeNull();
    });

    it('changes a title, an owner and a recommendation, each alone', async () => {
      const { store } = context;
      const { response, sectionIds } = await makeSections(store, 1);
      const id = sectionIds[0]!;
      await store.responses.updateSection(id, { title: 'Renamed' });
      await store.responses.updateSection(id, { ownerRole: 'portfolio_lead' });
      await store.responses.updateSection(id, { recommendation: 'Corrected text' });
      expect(await store.responses.getSection(response.id, id)).toMatchObject({ title: 'Renamed', ownerRole: 'portfolio_lead', recommendation: 'Corrected text' });
      await store.responses.updateSection(id, {});
      expect(await store.responses.getSection(response.id, id)).toMatchObject({ title: 'Renamed', ownerRole: 'portfolio_lead' });
    });

    it('reorders, changes state and deletes sections', async () => {
      const { store } = context;
      const { response, sectionIds } = await makeSections(store, 4);
      const [s0, s1, s2, s3] = sectionIds as [string, string, string, string];
      await store.responses.reorderSections(response.id, [s3, s1, s0, s2]);
      expect(titles(await store.responses.listSections(response.id))).toEqual(['Section 3', 'Section 1', 'Section 0', 'Section 2']);
      // A section of another response is not moved by this one's order.
      const other = await makeSections(store, 2);
      await store.responses.reorderSections(response.id, [other.sectionIds[1]!, s0, s1, s2, s3]);
      expect(titles(await store.responses.listSections(other.response.id))).toEqual(['Section 0', 'Section 1']);

      await store.responses.setSectionState(s1, 'signed_off');
      expect((await store.responses.getSection(response.id, s1))?.state).toBe('signed_off');
      await store.responses.deleteSection(s2);
      expect(await store.responses.getSection(response.id, s2)).toBeNull();
      expect((await store.responses.listSections(response.id)).length).toBe(3);
      await store.responses.deleteSection('no-such-section');
    });
  });

  describe('members', () => {
    it('adds members, changes a seat, lists them by name with their addresses, removes one', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const zoe = await makeUser(store, 'Zoe Bell');
      const alex = await makeUser(store, 'Alex Morgan');
      const bob = await makeUser(store, 'bob Lowercase');
      await store.members.set(response.id, zoe.id, { role: 'pcc', capacity: 'drafter', administrator: false });
      await store.members.set(response.id, alex.id, { role: 'pcc', capacity: 'signatory', administrator: true });
      await store.members.set(response.id, bob.id, { role: 'portfolio_lead', capacity: 'viewer', administrator: false });
      await store.members.set(response.id, zoe.id, { role: 'chief_constable', capacity: 'signatory', administrator: false });

      expect(await store.members.get(response.id, zoe.id)).toEqual({ role: 'chief_constable', capacity: 'signatory', administrator: false });
      expect(await store.members.get(response.id, alex.id)).toEqual({ role: 'pcc', capacity: 'signatory', administrator: true });
      expect(await store.members.get(response.id, 'stranger')).toBeNull();
      // By name, compared as SQLite compares text (capitals before small letters).
      expect(await store.members.list(response.id)).toEqual([
        { userId: alex.id, name: 'Alex Morgan', email: alex.email, role: 'pcc', capacity: 'signatory', administrator: true },
        { userId: zoe.id, name: 'Zoe Bell', email: zoe.email, role: 'chief_constable', capacity: 'signatory', administrator: false },
        { userId: bob.id, name: 'bob Lowercase', email: bob.email, role: 'portfolio_lead', capacity: 'viewer', administrator: false },
      ]);

      expect(await store.members.remove(response.id, bob.id)).toBe(true);
      expect(await store.members.remove(response.id, bob.id)).toBe(false);
      expect((await store.members.list(response.id)).map((member) => member.name)).toEqual(['Alex Morgan', 'Zoe Bell']);
    });

    it('lists the responses a user is a member of', async () => {
      const { store } = context;
      const user = await makeUser(store);
      const a = await makeResponse(store);
      const b = await makeResponse(store);
      await makeResponse(store);
      await store.members.set(a.id, user.id, { role: 'pcc', capacity: 'viewer', administrator: false });
      await store.members.set(b.id, user.id, { role: 'pcc', capacity: 'viewer', administrator: false });
      expect((await store.members.responseIdsOf(user.id)).sort()).toEqual([a.id, b.id].sort());
      expect(await store.members.responseIdsOf('nobody')).toEqual([]);
    });

    it('refuses a member who is not a user, or of a response that does not exist', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const user = await makeUser(store);
      await expect(store.members.set(response.id, 'no-such-user', { role: 'pcc', capacity: 'viewer', administrator: false })).rejects.toThrow();
      await expect(store.members.set('no-such-response', user.id, { role: 'pcc', capacity: 'viewer', administrator: false })).rejects.toThrow();
    });
  });

  describe('sign-offs', () => {
    const signOff = (name: string, at: string): SignOff => ({ userId: `user-${name}`, name, at, contentHash: `hash-${name}`, versionId: `version-${name}` });

    it('records a sign-off as the current one, with its content, until it is reopened', async () => {
      const { store } = context;
      const { sectionIds } = await makeSections(store, 2);
      const [a, b] = sectionIds as [string, string];
      expect(await store.signOffs.current(a)).toBeNull();
      expect(await store.signOffs.currentContent(a)).toBeNull();

      const first = signOff('Alex', '2026-02-01T10:00:00.000Z');
      await store.signOffs.record(a, first, '{"type":"doc","content":[]}');
      expect(await store.signOffs.current(a)).toEqual(first);
      expect(await store.signOffs.currentContent(a)).toBe('{"type":"doc","content":[]}');
      expect(await store.signOffs.current(b)).toBeNull();

      await store.signOffs.markReopened(a, 'user-Sam', 'A figure was wrong', '2026-02-02T10:00:00.000Z');
      expect(await store.signOffs.current(a)).toBeNull();
      expect(await store.signOffs.currentContent(a)).toBeNull();

      const second = { ...signOff('Sam', '2026-02-03T10:00:00.000Z'), versionId: null };
      await store.signOffs.record(a, second, '{"second":true}');
      expect(await store.signOffs.current(a)).toEqual(second);
      expect(await store.signOffs.currentContent(a)).toBe('{"second":true}');
    });

    it('gives the current sign-offs of several sections at once, leaving out those without', async () => {
      const { store } = context;
      const { sectionIds } = await makeSections(store, 3);
      const [a, b, c] = sectionIds as [string, string, string];
      await store.signOffs.record(a, signOff('A', '2026-02-01T10:00:00.000Z'), '{}');
      await store.signOffs.record(c, signOff('C1', '2026-02-01T11:00:00.000Z'), '{}');
      await store.signOffs.markReopened(c, 'x', 'reason', '2026-02-01T12:00:00.000Z');
      await store.signOffs.record(c, signOff('C2', '2026-02-01T13:00:00.000Z'), '{}');
      const current = await store.signOffs.currentFor([c, b, a, 'unknown']);
      expect([...current.keys()].sort()).toEqual([a, c].sort());
      expect(current.get(a)?.name).toBe('A');
      expect(current.get(c)?.name).toBe('C2');
      expect((await store.signOffs.currentFor([])).size).toBe(0);
    });

    it('refuses a sign-off of a section that does not exist, and goes with a deleted section', async () => {
      const { store } = context;
      await expect(store.signOffs.record('no-such-section', signOff('X', '2026-02-01T10:00:00.000Z'), '{}')).rejects.toThrow();
      const { sectionIds } = await makeSections(store, 1);
      await store.signOffs.record(sectionIds[0]!, signOff('Y', '2026-02-01T10:00:00.000Z'), '{}');
      await store.responses.deleteSection(sectionIds[0]!);
      expect(await store.signOffs.current(sectionIds[0]!)).toBeNull();
    });
  });

  describe('publications', () => {
    it('stores a publication once, with its files byte for byte, by id and by response', async () => {
      const { store } = context;
      const response = await makeResponse(store);
      const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x80, 0x7f]);
      const publication = {
        id: `pub-${unique()}`,
        responseId: response.id,
        publishedAt: '2026-04-01T09:30:00.123Z',
        publishedBy: 'Alex Morgan',
        html: '<!doctype html><h1>Response — “quoted”</h1>',
        htmlSha256: 'a'.repeat(64),
        docx,
        docxSha256: 'b'.repeat(64),
        recordJson: '[{"sectionId":"s","title":"PCC comments"}]',
      };
      await store.publications.insert(publication);
      const byId = await store.publications.get(publication.id);
      expect({ ...byId, docx: undefined }).toEqual({ ...publication, docx: undefined });
      expect(Buffer.compare(Buffer.from(byId!.docx), docx)).toBe(0);
      expect((await store.publications.forResponse(response.id))?.id).toBe(publication.id);
      expect(await store.publications.get('no-such-publication')).toBeNull();
      expect(await store.publications.forResponse((await makeResponse(store)).id)).toBeNull();
      await expect(store.publications.insert({ ...publication, id: `pub-${unique()}` })).rejects.toThrow();
    });
  });
}
