import { useEffect } from 'react';
import { useSaveSummary, type SaveStatusRegistry } from './SaveStatusRegistry';

/** Asks the browser to confirm closing or reloading the page while edits are not yet stored. */
export function useWarnBeforeLeaving(registry: SaveStatusRegistry): void {
  const hasUnsaved = useSaveSummary(registry).unsaved > 0;
  useEffect(() => {
    if (!hasUnsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [hasUnsaved]);
}
