import { useEffect } from 'react';
import type { SaveStatusRegistry } from './SaveStatusRegistry';

/**
 * How long the page stays armed after the last unsaved edit was stored. Typing makes the page
 * unsaved and saved again with every keystroke; adding and removing a beforeunload listener that
 * often costs the browser far more than the keystroke (Chromium tells its browser process).
 */
const DISARM_AFTER_MS = 2_000;

/**
 * Asks the browser to confirm closing or reloading the page while edits are not yet stored.
 * It follows the registry directly (no re-render): the listener is added as soon as something
 * is unsaved, and removed once everything has stayed saved for a moment.
 */
export function useWarnBeforeLeaving(registry: SaveStatusRegistry): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (registry.getSnapshot().unsaved > 0) event.preventDefault();
    };
    let armed = false;
    let disarm: ReturnType<typeof setTimeout> | null = null;
    const follow = () => {
      const unsaved = registry.getSnapshot().unsaved > 0;
      if (unsaved) {
        if (disarm) clearTimeout(disarm);
        disarm = null;
        if (!armed) window.addEventListener('beforeunload', onBeforeUnload);
        armed = true;
      } else if (armed && !disarm) {
        disarm = setTimeout(() => {
          disarm = null;
          armed = false;
          window.removeEventListener('beforeunload', onBeforeUnload);
        }, DISARM_AFTER_MS);
      }
    };
    follow();
    const unsubscribe = registry.subscribe(follow);
    return () => {
      unsubscribe();
      if (disarm) clearTimeout(disarm);
      if (armed) window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [registry]);
}
