// Whether a document state holds everything a stored update holds, so that compaction replaces
// only the rows its state covers. With several instances, a row another instance stored while
// this one compacted may not be in this one's document yet: that row must stay.
import * as Y from 'yjs';
import { mergeRanges, rangesOfUpdate, type AuthorshipRange } from '../history/authorship';

/** The ids a state has inserted (per client, every clock below its state vector) and deleted. */
export class StateCoverage {
  private readonly reached: Map<number, number>;
  /** Deleted ranges per client, [start, end), sorted and merged. */
  private readonly deleted = new Map<number, Array<[number, number]>>();

  constructor(state: Uint8Array) {
    this.reached = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
    for (const [client, items] of Y.decodeUpdate(state).ds.clients) {
      const ranges = items.map((item): [number, number] => [item.clock, item.clock + item.len]).sort((a, b) => a[0] - b[0]);
      const merged: Array<[number, number]> = [];
      for (const range of ranges) {
        const last = merged[merged.length - 1];
        if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
        else merged.push([...range]);
      }
      this.deleted.set(client, merged);
    }
  }

  /** Whether the state holds every insertion and deletion of these ranges (what one update did). */
  coversRanges(ranges: AuthorshipRange[]): boolean {
    for (const range of ranges) {
      if (range.length === 0) continue;
      if (range.kind === 'insert' ? (this.reached.get(range.client) ?? 0) < range.clock + range.length : !this.hasDeleted(range.client, range.clock, range.clock + range.length)) {
        return false;
      }
    }
    return true;
  }

  /** Whether everything `update` inserts and deletes is in the state already. */
  contains(update: Uint8Array): boolean {
    for (const [client, end] of Y.parseUpdateMeta(update).to) {
      if ((this.reached.get(client) ?? 0) < end) return false;
    }
    for (const [client, items] of Y.decodeUpdate(update).ds.clients) {
      for (const item of items) if (item.len > 0 && !this.hasDeleted(client, item.clock, item.clock + item.len)) return false;
    }
    return true;
  }

  private hasDeleted(client: number, start: number, end: number): boolean {
    const ranges = this.deleted.get(client);
    if (!ranges) return false;
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [from, to] = ranges[middle]!;
      if (start < from) high = middle - 1;
      else if (start >= to) low = middle + 1;
      else return end <= to;
    }
    return false;
  }
}

/** A stored row as compaction reads it. */
export interface StoredRow {
  data: Uint8Array;
  userId: string | null;
  at: string | null;
}

/**
 * Which stored rows a compacted state covers, and the authorship they record, merged. Each row
 * is decoded once: the ranges it records of authorship say what it inserted and deleted.
 */
export function coveredRows<R extends StoredRow>(state: Uint8Array, rows: R[]): { covered: R[]; ranges: AuthorshipRange[] } {
  const coverage = new StateCoverage(state);
  const covered: R[] = [];
  const ranges: AuthorshipRange[] = [];
  for (const row of rows) {
    if (row.userId && row.at) {
      const recorded = rangesOfUpdate(row.data, row.userId, row.at);
      if (!coverage.coversRanges(recorded)) continue;
      covered.push(row);
      ranges.push(...recorded);
    } else if (coverage.contains(row.data)) {
      covered.push(row);
    }
  }
  return { covered, ranges: mergeRanges(ranges) };
}
