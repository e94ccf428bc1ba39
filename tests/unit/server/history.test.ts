// The history's pure parts: authorship ranges from stored updates (and their merging), changes
// between two snapshots credited exactly even inside items Yjs merged, and restoring content as
// a forward change that keeps what is unchanged.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { sectionJson } from '../../../server/content/sectionContent';
import { AuthorshipIndex, mergeRanges, rangesOfUpdate, type AuthorshipRange } from '../../../server/history/authorship';
import { authorshipSpans, changesBetween } from '../../../server/history/changes';
import { applyContent } from '../../../server/history/restore';
import { appendParagraph, fragmentText } from '../../helpers/clients';
import { seededRandom } from '../../helpers/seededRandom';

const AT = '2026-12-01T10:00:00.000Z';

/** A server-side document, and the authorship record of every update it stored. */
class Recorded {
  readonly doc = new Y.Doc({ gc: false });
  readonly ranges: AuthorshipRange[] = [];
  private minute = 0;

  /** Applies a change made on `client`'s copy as `userId`, recording it as the server does. */
  change(client: Y.Doc, userId: string, edit: (doc: Y.Doc) => void): void {
    Y.applyUpdate(client, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(client)));
    const before = Y.encodeStateVector(this.doc);
    edit(client);
    const update = Y.encodeStateAsUpdate(client, before);
    let applied: Uint8Array | null = null;
    const listen = (u: Uint8Array) => (applied = u);
    this.doc.on('update', listen);
    Y.applyUpdate(this.doc, update);
    this.doc.off('update', listen);
    const at = new Date(Date.parse(AT) + this.minute++ * 60_000).toISOString();
    if (applied) this.ranges.push(...rangesOfUpdate(applied, userId, at));
  }

  index(): AuthorshipIndex {
    return new AuthorshipIndex(this.ranges);
  }
}

function text(doc: Y.Doc, paragraph = 0): Y.XmlText {
  return (doc.getXmlFragment('default').get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('authorship ranges', () => {
  it('records inserts from structs and deletes from the delete set, and merges a member typing on', () => {
    const doc = new Y.Doc();
    const typed: AuthorshipRange[] = [];
    appendParagraph(doc, 'a');
    let last = Y.encodeStateVector(doc);
    typed.push(...rangesOfUpdate(Y.encodeStateAsUpdate(doc), 'u1', AT));
    for (const char of 'bcdef') {
      text(doc).insert(text(doc).length, char);
      typed.push(...rangesOfUpdate(Y.encodeStateAsUpdate(doc, last), 'u1', AT));
      last = Y.encodeStateVector(doc);
    }
    const merged = mergeRanges(typed);
    expect(merged.filter((r) => r.kind === 'insert')).toHaveLength(1);
    text(doc).delete(1, 3);
    const deletion = rangesOfUpdate(Y.encodeStateAsUpdate(doc, last), 'u2', AT);
    expect(deletion).toEqual([expect.objectContaining({ kind: 'delete', length: 3, userId: 'u2' })]);
  });

  it('does not merge two members, or one member an hour apart', () => {
    const base = { kind: 'insert' as const, client: 1, length: 2 };
    expect(mergeRanges([{ ...base, clock: 0, userId: 'a', at: AT }, { ...base, clock: 2, userId: 'b', at: AT }])).toHaveLength(2);
    expect(mergeRanges([{ ...base, clock: 0, userId: 'a', at: AT }, { ...base, clock: 2, userId: 'a', at: '2026-12-01T11:00:00.000Z' }])).toHaveLength(2);
  });

  it('binds each client id to the member who first wrote with it', () => {
    const index = new AuthorshipIndex([
      { kind: 'insert', client: 7, clock: 0, length: 5, userId: 'alex', at: AT },
      { kind: 'delete', client: 7, clock: 1, length: 1, userId: 'robin', at: AT },
      { kind: 'insert', client: 9, clock: 0, length: 1, userId: 'robin', at: AT },
    ]);
    expect(index.clientOwners()).toEqual(new Map([[7, 'alex'], [9, 'robin']]));
  });
});

describe('changes between two moments', () => {
  it('credits insertions and deletions exactly, even inside one merged item', () => {
    const server = new Recorded();
    const alex = new Y.Doc();
    const robin = new Y.Doc();
    server.change(alex, 'alex', (doc) => appendParagraph(doc, 'Hello wide world'));
    const v1 = Y.snapshot(server.doc);
    // Robin deletes "wide " from the middle of Alex's item, and inserts at the end.
    server.change(robin, 'robin', (doc) => {
      text(doc).delete(6, 5);
      text(doc).insert(text(doc).length, '!');
    });
    const changes = changesBetween(server.doc, v1, Y.snapshot(server.doc), server.index());
    expect(changes).toEqual([
      { type: 'same', text: 'Hello ' },
      { type: 'delete', text: 'wide ', userId: 'robin', at: expect.any(String) },
      { type: 'same', text: 'world' },
      { type: 'insert', text: '!', userId: 'robin', at: expect.any(String) },
      { type: 'same', text: '\n' },
    ]);
    expect(authorshipSpans(server.doc, server.index()).map((span) => [span.text, span.userId])).toEqual([
      ['Hello world', 'alex'],
      ['!', 'robin'],
      ['\n', 'alex'],
    ]);
  });

  it('shows a whole paragraph added or removed with everything in it, by whoever did it', () => {
    const server = new Recorded();
    const alex = new Y.Doc();
    server.change(alex, 'alex', (doc) => appendParagraph(doc, 'Kept'));
    server.change(alex, 'alex', (doc) => appendParagraph(doc, 'Dropped later'));
    const v1 = Y.snapshot(server.doc);
    const robin = new Y.Doc();
    server.change(robin, 'robin', (doc) => {
      const fragment = doc.getXmlFragment('default');
      fragment.delete(1, 1);
      appendParagraph(doc, 'Added');
    });
    const changes = changesBetween(server.doc, v1, Y.snapshot(server.doc), server.index());
    // The new paragraph went in right after "Kept", before the one deleted (Yjs keeps deleted items in place).
    expect(changes.map((c) => [c.type, c.text, 'userId' in c ? c.userId : null])).toEqual([
      ['same', 'Kept\n', null],
      ['insert', 'Added\n', 'robin'],
      ['delete', 'Dropped later\n', 'robin'],
    ]);
  });

  it('between any two snapshots of a seeded random session, turns the first text into the second', () => {
    const random = seededRandom(12);
    const server = new Recorded();
    const clients = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    server.change(clients[0]!, 'u0', (doc) => appendParagraph(doc, 'start'));
    const snapshots: Y.Snapshot[] = [];
    const texts: string[] = [];
    for (let step = 0; step < 120; step++) {
      const who = Math.floor(random() * 3);
      server.change(clients[who]!, `u${who}`, (doc) => {
        const t = text(doc);
        if (t.length > 3 && random() < 0.4) t.delete(Math.floor(random() * (t.length - 2)), 1 + Math.floor(random() * 2));
        else t.insert(Math.floor(random() * (t.length + 1)), String.fromCharCode(97 + Math.floor(random() * 26)));
      });
      if (step % 20 === 0) {
        snapshots.push(Y.snapshot(server.doc));
        texts.push(fragmentText(server.doc));
      }
    }
    for (let i = 0; i < snapshots.length; i++) {
      for (let j = i; j < snapshots.length; j++) {
        const changes = changesBetween(server.doc, snapshots[i]!, snapshots[j]!, server.index());
        const before = changes.filter((c) => c.type !== 'insert').map((c) => c.text).join('');
        const after = changes.filter((c) => c.type !== 'delete').map((c) => c.text).join('');
        expect(before).toBe(texts[i] + '\n');
        expect(after).toBe(texts[j] + '\n');
        for (const change of changes) if (change.type !== 'same') expect(change.userId).toMatch(/^u[012]$/);
      }
    }
  });
});

describe('restoring content', () => {
  it('turns the text into the target, keeping unchanged blocks and the unchanged ends of an edited one', () => {
    const doc = new Y.Doc({ gc: false });
    appendParagraph(doc, 'First stays.');
    appendParagraph(doc, 'Second changes here in the middle.');
    appendParagraph(doc, 'Third goes.');
    const firstItem = text(doc, 0)._start!.id;
    const target = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First stays.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Second changed ' }, { type: 'text', text: 'there', marks: [{ type: 'bold' }] }, { type: 'text', text: ' in the middle.' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'New item' }] }] }] },
      ],
    };
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    applyContent(copy, target);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc)));
    expect(sectionJson(doc)).toEqual(target);
    // The first paragraph is the same item as before: its author is unchanged.
    expect(text(doc, 0)._start!.id).toEqual(firstItem);
    expect(text(doc, 1).toString()).toContain('Second change');
  });
});
