// Which sections of a response have no text, as their editors on this page know it: the Publish
// panel lists an empty recommendation response as a blocker before anyone tries to sign it off.
// Each section's body reports its editor; the panel reads them all. Kept per response in this
// module (one response page is open at a time), so neither needs a provider in the page layout.
import type { Editor } from '@tiptap/react';
import { useEffect, useSyncExternalStore } from 'react';
import { useSaveStatusRegistry } from '../sync/SaveStatusRegistry';

type Emptiness = ReadonlyMap<string, boolean>;

class SectionTexts {
  private empty: Emptiness = new Map();
  private readonly listeners = new Set<() => void>();

  set(sectionId: string, empty: boolean | undefined): void {
    if (this.empty.get(sectionId) === empty) return;
    const next = new Map(this.empty);
    if (empty === undefined) next.delete(sectionId);
    else next.set(sectionId, empty);
    this.empty = next;
    for (const listener of [...this.listeners]) listener();
  }

  getSnapshot = (): Emptiness => this.empty;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

const registries = new Map<string, SectionTexts>();

function textsOf(responseId: string): SectionTexts {
  let texts = registries.get(responseId);
  if (!texts) {
    texts = new SectionTexts();
    registries.set(responseId, texts);
  }
  return texts;
}

/** Whether a document holds no text (whitespace does not count), as the server decides it. */
function isEmptyText(editor: Editor): boolean {
  return editor.state.doc.textContent.trim() === '';
}

/**
 * Reports whether a section's editor is empty, once it holds the server's text (before that,
 * an empty editor means nothing), until the section leaves the page.
 */
export function useReportSectionText(responseId: string, sectionId: string, editor: Editor | null): void {
  const registry = useSaveStatusRegistry();
  useEffect(() => {
    if (!editor) return;
    const texts = textsOf(responseId);
    const tracker = registry?.tracker(sectionId);
    const report = () => {
      if (editor.isDestroyed) return;
      const synced = tracker ? tracker.getSnapshot().synced : true;
      if (synced) texts.set(sectionId, isEmptyText(editor));
    };
    report();
    editor.on('update', report);
    const unsubscribe = tracker?.subscribe(report);
    return () => {
      editor.off('update', report);
      unsubscribe?.();
      texts.set(sectionId, undefined);
    };
  }, [responseId, sectionId, editor, registry]);
}

/** Each section's emptiness as its editor reports it (sections not reported are absent). */
export function useSectionEmptiness(responseId: string): Emptiness {
  const texts = textsOf(responseId);
  return useSyncExternalStore(texts.subscribe, texts.getSnapshot);
}
