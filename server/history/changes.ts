// What changed between two moments of a section, and who wrote what is there now, read from the
// document's items (deleted content is kept) and the server's authorship record. Every run of
// text is split where its visibility in either moment, or its author, changes, so a change is
// credited exactly, however Yjs merged the items.
import * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../../shared/protocol';
import { firstEndingAfter, MERGE_WITHIN_MS, type AuthorshipIndex, type AuthorshipRange } from './authorship';

/** A run of text in document order: kept, inserted or deleted between two moments. */
export type TextChange =
  | { type: 'same'; text: string }
  | { type: 'insert' | 'delete'; text: string; userId: string | null; at: string | null };

/** A run of the text as it is now, and who inserted it. */
export interface AuthorshipSpan {
  text: string;
  userId: string | null;
  at: string | null;
}

/** Elements whose text is a block of its own: a line break follows each in the plain text. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

type Visibility = 'same' | 'insert' | 'delete' | null;

function inState(snapshot: Y.Snapshot, client: number, clock: number): boolean {
  return (snapshot.sv.get(client) ?? 0) > clock && !Y.isDeleted(snapshot.ds, { client, clock } as Y.ID);
}

function visibility(from: Y.Snapshot, to: Y.Snapshot, client: number, clock: number): Visibility {
  const before = inState(from, client, clock);
  const after = inState(to, client, clock);
  return before && after ? 'same' : after ? 'insert' : before ? 'delete' : null;
}

/** Clocks within [clock, clock + length) where a snapshot's state vector or delete set changes. */
function snapshotCuts(snapshot: Y.Snapshot, client: number, clock: number, length: number, cuts: Set<number>): void {
  const end = clock + length;
  const known = snapshot.sv.get(client) ?? 0;
  if (known > clock && known < end) cuts.add(known);
  // A snapshot's delete set is sorted and merged (Yjs bisects it too): only the run that
  // touches the item is read, not the whole set for every item.
  const deletions = snapshot.ds.clients.get(client) ?? [];
  for (let i = firstEndingAfter(deletions, clock, (deleted) => deleted.len); i < deletions.length && deletions[i]!.clock < end; i++) {
    const deleted = deletions[i]!;
    if (deleted.clock > clock) cuts.add(deleted.clock);
    const deletedEnd = deleted.clock + deleted.len;
    if (deletedEnd < end) cuts.add(deletedEnd);
  }
}

/** Splits the text item [clock, clock + length) into pieces with one visibility and one author each. */
function pieces(item: Y.Item, from: Y.Snapshot, to: Y.Snapshot, index: AuthorshipIndex): Array<{ offset: number; length: number; clock: number }> {
  const { client, clock } = item.id;
  const cuts = new Set<number>();
  snapshotCuts(from, client, clock, item.length, cuts);
  snapshotCuts(to, client, clock, item.length, cuts);
  for (const kind of ['insert', 'delete'] as const) for (const cut of index.boundaries(kind, client, clock, item.length)) cuts.add(cut);
  const sorted = [clock, ...[...cuts].sort((a, b) => a - b), clock + item.length];
  const result = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    result.push({ offset: sorted[i]! - clock, length: sorted[i + 1]! - sorted[i]!, clock: sorted[i]! });
  }
  return result;
}

/** Collects runs, joining a run onto the last when it is of the same kind by the same member at about the same time. */
class Runs {
  readonly changes: TextChange[] = [];

  push(type: 'same' | 'insert' | 'delete', text: string, record: AuthorshipRange | null): void {
    if (text === '') return;
    const last = this.changes[this.changes.length - 1];
    if (last && last.type === type) {
      if (last.type === 'same') {
        last.text += text;
        return;
      }
      const userId = record?.userId ?? null;
      const close = last.at === null || record === null || Math.abs(Date.parse(record.at) - Date.parse(last.at)) <= MERGE_WITHIN_MS;
      if (last.userId === userId && close) {
        last.text += text;
        return;
      }
    }
    this.changes.push(type === 'same' ? { type, text } : { type, text, userId: record?.userId ?? null, at: record?.at ?? null });
  }
}

/**
 * The changes from one moment to another, in document order (`doc` must keep deleted content
 * and hold both moments). Inserted text is credited to the member who inserted it, deleted
 * text to the member who deleted it.
 */
export function changesBetween(doc: Y.Doc, from: Y.Snapshot, to: Y.Snapshot, index: AuthorshipIndex): TextChange[] {
  const runs = new Runs();
  const walk = (parent: { _start: Y.Item | null }, forced: Visibility): void => {
    for (let item = parent._start; item !== null; item = item.right) {
      if (item.content instanceof Y.ContentType) {
        const own = visibility(from, to, item.id.client, item.id.clock);
        // A block inserted (or deleted) whole is inserted (or deleted) with all it holds.
        const mode = forced ?? own;
        if (mode === null || (forced && own === null)) continue;
        const type = item.content.type as Y.AbstractType<unknown>;
        const record = mode === 'same' ? null : index.find(mode, item.id.client, item.id.clock);
        walk(type, mode === 'same' ? null : mode);
        if (type instanceof Y.XmlElement && (TEXT_BLOCKS.has(type.nodeName) || type.nodeName === 'hardBreak')) runs.push(mode, '\n', record);
      } else if (item.content instanceof Y.ContentString) {
        const text = item.content.str;
        for (const piece of pieces(item, from, to, index)) {
          const own = visibility(from, to, item.id.client, piece.clock);
          const mode = forced ?? own;
          if (mode === null || own === null) continue;
          const record = mode === 'same' ? null : index.find(mode, item.id.client, piece.clock);
          runs.push(mode, text.slice(piece.offset, piece.offset + piece.length), record);
        }
      }
    }
  };
  walk(doc.getXmlFragment(SECTION_FRAGMENT), null);
  return runs.changes;
}

/** The text as it is now, in runs by the member who inserted each. */
export function authorshipSpans(doc: Y.Doc, index: AuthorshipIndex): AuthorshipSpan[] {
  const now = Y.snapshot(doc);
  // Every visible run is "inserted" between nothing and now: credited to its author.
  return changesBetween(doc, Y.emptySnapshot, now, index).map((change) =>
    change.type === 'same' ? { text: change.text, userId: null, at: null } : { text: change.text, userId: change.userId, at: change.at },
  );
}
