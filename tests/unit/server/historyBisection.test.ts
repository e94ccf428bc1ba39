// The history's range look-ups bisect sorted lists instead of scanning them for every item (a
// diff of a long section was quadratic): they must find exactly what a full scan finds.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { AuthorshipIndex, firstEndingAfter, mergeRanges, type AuthorshipRange } from '../../../server/history/authorship';
import { changesBetween } from '../../../server/history/changes';
import { seededRandom } from '../../helpers/seededRandom';

const AT = '2026-12-01T10:00:00.000Z';

/** Every clock within [clock, clock + length) where a range starts or ends: the scan the bisection replaced. */
function scannedCuts(ranges: AuthorshipRange[], clock: number, length: number): number[] {
  const cuts: number[] = [];
  for (const range of ranges) {
    if (range.clock > clock && range.clock < clock + length) cuts.push(range.clock);
    const end = range.clock + range.length;
    if (end > clock && end < clock + length) cuts.push(end);
  }
  return cuts.sort((a, b) => a - b);
}

describe('bisected range look-ups', () => {
  it('firstEndingAfter finds the first range that ends after a clock', () => {
    const ranges = [
      { clock: 0, length: 3 },
      { clock: 5, length: 2 },
      { clock: 9, length: 1 },
    ];
    const lengthOf = (range: { length: number }) => range.length;
    expect([0, 2, 3, 4, 5, 6, 7, 9, 10, 50].map((clock) => firstEndingAfter(ranges, clock, lengthOf))).toEqual([0, 0, 1, 1, 1, 1, 2, 2, 3, 3]);
    expect(firstEndingAfter([], 4, lengthOf)).toBe(0);
  });

  it('boundaries lists the cuts a scan of every range lists, for items anywhere', () => {
    const random = seededRandom(7);
    const ranges: AuthorshipRange[] = [];
    // Runs of two members' typing with gaps (another client's ids, say), as compaction leaves them.
    for (let clock = 0; clock < 5000; ) {
      const length = 1 + Math.floor(random() * 40);
      ranges.push({ kind: 'insert', client: 1, clock, length, userId: random() < 0.5 ? 'alex' : 'robin', at: AT });
      clock += length + (random() < 0.3 ? Math.floor(random() * 20) : 0);
    }
    const index = new AuthorshipIndex(ranges);
    // The index keeps the merged ranges (adjacent runs of one member join), one list per kind and client.
    const kept = mergeRanges(ranges).filter((range) => range.kind === 'insert' && range.client === 1);
    expect(kept.length).toBeGreaterThan(50);
    for (let trial = 0; trial < 2000; trial++) {
      const clock = Math.floor(random() * 5200);
      const length = 1 + Math.floor(random() * 300);
      expect(index.boundaries('insert', 1, clock, length).sort((a, b) => a - b)).toEqual(scannedCuts(kept, clock, length));
    }
    expect(index.boundaries('delete', 1, 0, 100)).toEqual([]);
  });

  it('cuts an item Yjs merged on load where an older version had deleted only part of it', () => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = 11;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    doc.getXmlFragment('default').insert(0, [paragraph]);
    const text = paragraph.get(0) as Y.XmlText;
    text.insert(0, 'abcdefgh');
    text.delete(1, 1);
    const before = Y.snapshot(doc);
    text.delete(1, 2);
    const after = Y.snapshot(doc);
    // Loaded from its state, "b" (deleted first) and "cd" (deleted later) are one deleted item.
    const stored = new Y.Doc({ gc: false });
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(doc));
    const index = new AuthorshipIndex([
      { kind: 'insert', client: 11, clock: 0, length: 10, userId: 'alex', at: AT },
      { kind: 'delete', client: 11, clock: 0, length: 10, userId: 'robin', at: AT },
    ]);
    expect(changesBetween(stored, before, after, index)).toEqual([
      { type: 'same', text: 'a' },
      { type: 'delete', text: 'cd', userId: 'robin', at: AT },
      { type: 'same', text: 'efgh\n' },
    ]);
  });

  it('a diff across thousands of deletions still credits every run and rebuilds both texts', () => {
    const random = seededRandom(3);
    const doc = new Y.Doc({ gc: false });
    const ranges: AuthorshipRange[] = [];
    let minute = 0;
    doc.on('update', (update: Uint8Array) => {
      const { structs, ds } = Y.decodeUpdate(update);
      const at = new Date(Date.parse(AT) + minute++ * 60_000).toISOString();
      const userId = doc.clientID === 11 ? 'alex' : 'robin';
      for (const struct of structs) ranges.push({ kind: 'insert', client: struct.id.client, clock: struct.id.clock, length: struct.length, userId, at });
      for (const [client, deletions] of ds.clients) for (const d of deletions) ranges.push({ kind: 'delete', client, clock: d.clock, length: d.len, userId, at });
    });
    doc.clientID = 11;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    doc.getXmlFragment('default').insert(0, [paragraph]);
    const text = paragraph.get(0) as Y.XmlText;
    const snapshots: Y.Snapshot[] = [];
    const texts: string[] = [];
    for (let step = 0; step < 3000; step++) {
      doc.clientID = step % 500 < 250 ? 11 : 12;
      if (text.length > 10 && random() < 0.35) text.delete(Math.floor(random() * (text.length - 3)), 1 + Math.floor(random() * 3));
      else text.insert(Math.floor(random() * (text.length + 1)), 'abcdefghij'.slice(0, 1 + Math.floor(random() * 5)));
      if (step % 600 === 599) {
        snapshots.push(Y.snapshot(doc));
        texts.push(text.toString());
      }
    }
    const index = new AuthorshipIndex(ranges);
    // As the server reads it: loaded from its stored state, where Yjs merges items that edits
    // had split, so a run is cut where a snapshot's delete set or the authorship changes.
    const stored = new Y.Doc({ gc: false });
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(doc));
    const changes = changesBetween(stored, snapshots[0]!, snapshots[snapshots.length - 1]!, index);
    expect(changes.filter((c) => c.type !== 'insert').map((c) => c.text).join('')).toBe(texts[0] + '\n');
    expect(changes.filter((c) => c.type !== 'delete').map((c) => c.text).join('')).toBe(texts[texts.length - 1] + '\n');
    for (const change of changes) if (change.type !== 'same') expect(['alex', 'robin']).toContain(change.userId);
    expect(changes.some((c) => c.type === 'delete')).toBe(true);
  });
});
