// The versions of sections: made at a sign-off, a reopen and the publication, when a member
// names one, and automatically while people edit (the text as it stood before the first edit
// after a quiet spell, and when the last editor leaves). A version is a Yjs snapshot of the
// room's document (kept with its content, text and hash), so it costs little and can be
// compared with any other.
import * as Y from 'yjs';
import type { VersionKind } from '../../shared/model';
import { log } from '../log';
import type { Stores } from '../store/Store';
import type { VersionAuthor, VersionRecord } from '../store/VersionStore';
import type { Room } from '../sync/Room';
import type { ChangeAuthor, RoomHooks } from '../sync/RoomOptions';
import { contentOf, historyDoc, type VersionContent } from './snapshots';

interface SectionState {
  /** When the newest version was made (ms), or when the room loaded if there is none. */
  lastVersionAt: number;
  /** The document changed since the newest version. */
  changed: boolean;
  /** Who made the last change, to credit the automatic version that holds it. */
  lastEditor: ChangeAuthor | null;
}

export class SectionHistory {
  private readonly sections = new Map<string, SectionState>();

  constructor(
    private readonly store: Stores,
    /** An automatic version is made at most this often while a section is being edited. */
    private readonly autoVersionMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** What rooms tell the history. */
  readonly hooks: Required<Pick<RoomHooks, 'onLoaded' | 'beforeChange' | 'onUnload'>> = {
    onLoaded: async (room) => {
      const latest = await this.store.versions.latest(room.sectionId);
      this.sections.set(room.sectionId, { lastVersionAt: latest ? Date.parse(latest.createdAt) : this.now(), changed: false, lastEditor: null });
    },
    beforeChange: async (room, author) => {
      const state = this.sections.get(room.sectionId);
      if (!state) return;
      const due = state.changed && this.now() - state.lastVersionAt >= this.autoVersionMs;
      state.changed = true;
      // Stored before the change that follows it, so a crash cannot lose the version and keep the change.
      if (due) await this.recordAuto(room, state);
      state.lastEditor = author;
    },
    onUnload: (room) => {
      const state = this.sections.get(room.sectionId);
      if (state?.changed) void this.recordAuto(room, state);
      this.sections.delete(room.sectionId);
    },
  };

  /**
   * Records a version of a room's document as it is now. Call it inside the room's queue, so the
   * document is what is stored.
   */
  async record(room: Room, kind: VersionKind, options: { name?: string | null; createdBy: VersionAuthor | null }): Promise<VersionRecord> {
    const version = await this.store.versions.create(this.versionOf(room.doc, room.sectionId, kind, options));
    this.recorded(room.sectionId);
    return version;
  }

  /**
   * A version of a section built from updates read from storage (inside a transaction that
   * writes it, such as a sign-off's barrier), with the content it holds; the caller stores it,
   * then calls `recorded`.
   */
  versionOfUpdates(
    sectionId: string,
    updates: Uint8Array[],
    kind: VersionKind,
    options: { name?: string | null; createdBy: VersionAuthor | null },
  ): { version: Omit<VersionRecord, 'id'>; content: VersionContent } {
    const doc = historyDoc(updates);
    try {
      return { version: this.versionOf(doc, sectionId, kind, options), content: contentOf(doc) };
    } finally {
      doc.destroy();
    }
  }

  /** A version of the section was just stored: automatic versions count from now. */
  recorded(sectionId: string): void {
    const state = this.sections.get(sectionId);
    if (state) {
      state.lastVersionAt = this.now();
      state.changed = false;
    }
  }

  /** Records a version of a section as it is stored (for one whose room need not be loaded). */
  async recordStored(sectionId: string, kind: VersionKind, options: { name?: string | null; createdBy: VersionAuthor | null }): Promise<VersionRecord> {
    const doc = historyDoc(await this.store.updates.load(sectionId));
    try {
      return await this.store.versions.create(this.versionOf(doc, sectionId, kind, options));
    } finally {
      doc.destroy();
    }
  }

  private versionOf(doc: Y.Doc, sectionId: string, kind: VersionKind, options: { name?: string | null; createdBy: VersionAuthor | null }): Omit<VersionRecord, 'id'> {
    const content = contentOf(doc);
    return {
      sectionId,
      kind,
      name: options.name ?? null,
      createdAt: new Date(this.now()).toISOString(),
      createdBy: options.createdBy,
      snapshot: Y.encodeSnapshot(Y.snapshot(doc)),
      contentJson: content.json,
      text: content.text,
      hash: content.hash,
    };
  }

  /** An automatic version of the document as it is now (before the change about to be applied, or as the room unloads). */
  private async recordAuto(room: Room, state: SectionState): Promise<void> {
    const version = this.versionOf(room.doc, room.sectionId, 'auto', { createdBy: state.lastEditor });
    state.lastVersionAt = this.now();
    try {
      // The text as the newest version has it already (another instance's room, say, recorded
      // it as it unloaded): one version of it is enough.
      if ((await this.store.versions.latest(room.sectionId))?.hash === version.hash) return;
      await this.store.versions.create(version);
    } catch (error) {
      // A version is a convenience: the edit itself must go on.
      log.error('history.auto_version_failed', { sectionId: room.sectionId, error: String(error) });
    }
  }
}
