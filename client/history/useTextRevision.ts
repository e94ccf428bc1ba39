import type { Editor } from '@tiptap/react';
import { useEffect, useState } from 'react';
import { useSaveStatusRegistry } from '../sync/SaveStatusRegistry';

/** How long the text must rest before what the server holds is read again. */
const SETTLE_MS = 800;
/** How long to wait for this browser's own edits to be stored before reading anyway. */
const SAVE_WAIT_MS = 5_000;

/**
 * A number that goes up once the section's text has changed and come to rest, and the edits made
 * here have reached the server: the moment to read the server's view of the text again. Counts
 * only while `active`.
 */
export function useTextRevision(editor: Editor | null, sectionId: string, active: boolean): number {
  const registry = useSaveStatusRegistry();
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    if (!editor || !active) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let live = true;
    const settled = async () => {
      await registry?.tracker(sectionId)?.whenSaved(SAVE_WAIT_MS);
      if (live) setRevision((n) => n + 1);
    };
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void settled(), SETTLE_MS);
    };
    editor.on('update', onUpdate);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      editor.off('update', onUpdate);
    };
  }, [editor, sectionId, active, registry]);
  return revision;
}
