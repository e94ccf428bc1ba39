// Where each thread's passage is now, as the section editors find it, and the way from the
// threads panel to a passage in its editor.
import type { AnchorPlace } from './anchors';

/** Whether a thread's passage is in the text now ('unknown' until its editor has the text). */
export type PassageStatus = AnchorPlace['status'];

/** What a section's editor offers the threads panel. */
export interface PassageView {
  /** Scrolls the editor into view, focuses it and selects the passage; false if it is gone. */
  show(threadId: string): boolean;
}

const NONE: ReadonlyMap<string, PassageStatus> = new Map();

function sameStatuses(a: ReadonlyMap<string, PassageStatus>, b: ReadonlyMap<string, PassageStatus>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, status] of a) if (b.get(id) !== status) return false;
  return true;
}

/** The section editors of a page, and the passages they found. */
export class PassageRegistry {
  private readonly views = new Map<string, PassageView>();
  private readonly bySection = new Map<string, ReadonlyMap<string, PassageStatus>>();
  private statuses: ReadonlyMap<string, PassageStatus> = NONE;
  private readonly listeners = new Set<() => void>();

  /** Thread id to passage status, for every anchored thread some editor has looked for. */
  getSnapshot = (): ReadonlyMap<string, PassageStatus> => this.statuses;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Registers a section's editor until the returned function is called. */
  attach(sectionId: string, view: PassageView): () => void {
    this.views.set(sectionId, view);
    return () => {
      if (this.views.get(sectionId) !== view) return;
      this.views.delete(sectionId);
      this.bySection.delete(sectionId);
      this.rebuild();
    };
  }

  /** What a section's editor found of its threads' passages. */
  report(sectionId: string, statuses: ReadonlyMap<string, PassageStatus>): void {
    if (sameStatuses(this.bySection.get(sectionId) ?? NONE, statuses)) return;
    this.bySection.set(sectionId, statuses);
    this.rebuild();
  }

  /** Shows a thread's passage in its section's editor; false if it cannot. */
  show(sectionId: string, threadId: string): boolean {
    return this.views.get(sectionId)?.show(threadId) ?? false;
  }

  private rebuild(): void {
    const all = new Map<string, PassageStatus>();
    for (const statuses of this.bySection.values()) for (const [id, status] of statuses) all.set(id, status);
    this.statuses = all;
    for (const listener of [...this.listeners]) listener();
  }
}
