// Who wrote and who deleted what, as the server recorded it: every accepted update is stored
// with the member who sent it, so each inserted item (a Yjs id range: client, clock, length) and
// each deletion (a range of the ids it deleted) is theirs. Ranges are merged where one member
// went on typing or deleting, so the record stays small however many keystrokes it covers.
import * as Y from 'yjs';

export type AuthorshipKind = 'insert' | 'delete';

/** A run of Yjs ids that one member inserted, or deleted, at about one time. */
export interface AuthorshipRange {
  kind: AuthorshipKind;
  client: number;
  clock: number;
  length: number;
  userId: string;
  /** When the first of the run was stored (ISO). */
  at: string;
}

/** Ranges of one member's typing or deleting are merged when no more than this apart in time. */
export const MERGE_WITHIN_MS = 10 * 60 * 1000;

/** What one update, stored for `userId` at `at`, inserted and deleted. */
export function rangesOfUpdate(update: Uint8Array, userId: string, at: string): AuthorshipRange[] {
  const { structs, ds } = Y.decodeUpdate(update);
  const ranges: AuthorshipRange[] = [];
  for (const struct of structs) {
    // Skips are gaps in the update, not content; GC structs are content already gone, whose
    // insertion still belongs to whoever sent it.
    if (struct instanceof Y.Skip) continue;
    ranges.push({ kind: 'insert', client: struct.id.client, clock: struct.id.clock, length: struct.length, userId, at });
  }
  for (const [client, deletions] of ds.clients) {
    for (const deletion of deletions) ranges.push({ kind: 'delete', client, clock: deletion.clock, length: deletion.len, userId, at });
  }
  return ranges;
}

/** Merges ranges that continue one another (same kind, client and member, adjacent ids, close in time). */
export function mergeRanges(ranges: AuthorshipRange[]): AuthorshipRange[] {
  const sorted = [...ranges].sort((a, b) => (a.kind === b.kind ? (a.client === b.client ? a.clock - b.clock : a.client - b.client) : a.kind < b.kind ? -1 : 1));
  const merged: AuthorshipRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.kind === range.kind &&
      last.client === range.client &&
      last.userId === range.userId &&
      range.clock <= last.clock + last.length &&
      Math.abs(Date.parse(range.at) - Date.parse(last.at)) <= MERGE_WITHIN_MS
    ) {
      const end = Math.max(last.clock + last.length, range.clock + range.length);
      last.length = end - last.clock;
      if (range.at < last.at) last.at = range.at;
      continue;
    }
    // Ranges never overlap (what is stored of each update is what the document newly took in:
    // an item is inserted once and deleted once); if one did, the part already covered is dropped.
    if (last && last.kind === range.kind && last.client === range.client && range.clock < last.clock + last.length) {
      const overlap = last.clock + last.length - range.clock;
      if (overlap >= range.length) continue;
      merged.push({ ...range, clock: range.clock + overlap, length: range.length - overlap });
      continue;
    }
    merged.push({ ...range });
  }
  return merged;
}

/** The index of the first of sorted, non-overlapping ranges that ends after `clock` (the list's length if none does). */
export function firstEndingAfter<T extends { clock: number }>(list: readonly T[], clock: number, lengthOf: (range: T) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const range = list[middle]!;
    if (range.clock + lengthOf(range) <= clock) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Looks up who inserted or deleted an id, and where the record changes within an item. */
export class AuthorshipIndex {
  private readonly byKey = new Map<string, AuthorshipRange[]>();

  constructor(ranges: AuthorshipRange[]) {
    for (const range of mergeRanges(ranges)) {
      const key = `${range.kind}:${range.client}`;
      const list = this.byKey.get(key) ?? [];
      list.push(range);
      this.byKey.set(key, list);
    }
  }

  /** The range that covers an id, or null when the server has no record of it. */
  find(kind: AuthorshipKind, client: number, clock: number): AuthorshipRange | null {
    const list = this.byKey.get(`${kind}:${client}`);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const range = list[middle]!;
      if (clock < range.clock) high = middle - 1;
      else if (clock >= range.clock + range.length) low = middle + 1;
      else return range;
    }
    return null;
  }

  /** The clocks within [clock, clock + length) where the record of `kind` changes hands. */
  boundaries(kind: AuthorshipKind, client: number, clock: number, length: number): number[] {
    const list = this.byKey.get(`${kind}:${client}`) ?? [];
    const cuts: number[] = [];
    // The lists are sorted and never overlap, so the ranges that touch the item are a run found
    // by bisection: scanning the whole list for each item made a diff quadratic.
    for (let i = firstEndingAfter(list, clock, (range) => range.length); i < list.length && list[i]!.clock < clock + length; i++) {
      const range = list[i]!;
      if (range.clock > clock) cuts.push(range.clock);
      const end = range.clock + range.length;
      if (end < clock + length) cuts.push(end);
    }
    return cuts;
  }

  /** The member who first inserted with each client id: the id is theirs. */
  clientOwners(): Map<number, string> {
    const owners = new Map<number, { userId: string; at: string }>();
    for (const [key, list] of this.byKey) {
      if (!key.startsWith('insert:')) continue;
      for (const range of list) {
        const known = owners.get(range.client);
        if (!known || range.at < known.at) owners.set(range.client, { userId: range.userId, at: range.at });
      }
    }
    return new Map([...owners].map(([client, owner]) => [client, owner.userId]));
  }
}
