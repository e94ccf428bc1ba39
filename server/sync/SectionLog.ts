// A room's view of its section's stored update log: appends that are retried until the database
// takes them (nothing is dropped), and what compaction needs to know.
import * as Y from 'yjs';
import { AuthorshipIndex } from '../history/authorship';
import { log } from '../log';
import { SectionLockedError } from '../store/errors';
import type { UpdateAuthor, UpdateStore } from '../store/UpdateStore';
import { COMPACT_AFTER_UPDATES, STORE_RETRY_MAX_MS, STORE_RETRY_MIN_MS } from './limits';

export class SectionLog {
  /** Bytes the section takes in storage: what was loaded, plus each update stored since. */
  storedBytes = 0;
  private updatesSinceCompaction = 0;
  private owners: Map<number, string> | null = null;

  constructor(
    private readonly store: UpdateStore,
    private readonly sectionId: string,
    private readonly name: string,
  ) {}

  /** Every stored update, oldest first. */
  async load(): Promise<Uint8Array[]> {
    const updates = await this.store.load(this.sectionId);
    this.updatesSinceCompaction = updates.length;
    this.storedBytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
    return updates;
  }

  /**
   * Stores an update with its author, retrying until the database takes it; a refusal because
   * the section is signed off (SectionLockedError) is final and passed on.
   */
  async append(update: Uint8Array, author: UpdateAuthor | null): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.store.append(this.sectionId, update, author);
        this.updatesSinceCompaction += 1;
        this.storedBytes += update.byteLength;
        if (author && this.owners) {
          for (const struct of Y.decodeUpdate(update).structs) {
            if (!this.owners.has(struct.id.client)) this.owners.set(struct.id.client, author.userId);
          }
        }
        return;
      } catch (error) {
        if (error instanceof SectionLockedError) throw error;
        const delay = Math.min(STORE_RETRY_MAX_MS, STORE_RETRY_MIN_MS * 2 ** attempt);
        log.error('sync.store_failed', { room: this.name, attempt, retryInMs: delay, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /**
   * Counts an update another instance stored (its size, who holds its Yjs client ids). It does
   * not count towards compaction here: the instance that stored it compacts.
   */
  storedElsewhere(update: Uint8Array, userId: string | null): void {
    this.storedBytes += update.byteLength;
    if (!userId || !this.owners) return;
    for (const struct of Y.decodeUpdate(update).structs) {
      if (!this.owners.has(struct.id.client)) this.owners.set(struct.id.client, userId);
    }
  }

  /** Whether enough updates have piled up to compact them. */
  get wantsCompaction(): boolean {
    return this.updatesSinceCompaction >= COMPACT_AFTER_UPDATES;
  }

  /** Replaces the stored log with the document's state (authorship is kept by the store). */
  async compact(doc: Y.Doc): Promise<void> {
    const state = Y.encodeStateAsUpdate(doc);
    await this.store.compact(this.sectionId, state);
    this.updatesSinceCompaction = 1;
    this.storedBytes = state.byteLength;
  }

  /** Which member holds each Yjs client id of the section (the first who wrote with it), read once. */
  async clientOwners(): Promise<ReadonlyMap<number, string>> {
    this.owners ??= new AuthorshipIndex(await this.store.authorship(this.sectionId)).clientOwners();
    return this.owners;
  }
}
