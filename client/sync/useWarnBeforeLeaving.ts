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

/**
 * The same, as a component that draws nothing: the save summary changes with every keystroke,
 * and only this leaf re-renders for it, not the page that holds it.
 */
export function WarnBeforeLeaving({ registry }: { registry: SaveStatusRegistry }): null {
  useWarnBeforeLeaving(registry);
  return null;
}
