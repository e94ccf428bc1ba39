import { useEffect, useState } from 'react';
import type { SaveStatusRegistry, SaveSummary } from './SaveStatusRegistry';

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

/** The banner's words for a summary. */
export function saveStatusText(summary: SaveSummary): string {
  // Content restored from this browser cannot be counted before the server has said what it
  // has: say where it is rather than give a number that may be wrong.
  if (summary.stopped > 0) {
    if (summary.uncounted > 0) return 'Not connected: changes made here are kept in this browser';
    return summary.unsaved > 0 ? `Not connected: ${changes(summary.unsaved)} not saved` : 'Not connected';
  }
  if (summary.offline > 0) {
    if (summary.uncounted > 0) return 'Offline: changes made here are kept in this browser';
    return summary.unsaved > 0
      ? `Offline: ${changes(summary.unsaved)} not yet saved`
      : 'Offline: trying to reconnect';
  }
  if (summary.unsaved > 0) return `Saving ${changes(summary.unsaved)}…`;
  if (summary.loading > 0) return 'Connecting…';
  if (summary.uncounted > 0 || summary.unconfirmed > 0) return 'Saving changes…';
  return 'All changes saved';
}

/** The banner's tone for a summary. */
function toneOf(summary: SaveSummary): 'offline' | 'busy' | 'saved' {
  const busy = summary.unsaved > 0 || summary.loading > 0 || summary.uncounted > 0 || summary.unconfirmed > 0;
  return summary.offline > 0 || summary.stopped > 0 ? 'offline' : busy ? 'busy' : 'saved';
}

/**
 * How long a save may take before the banner says so. Typing is saved within moments of every
 * keystroke: the banner would otherwise say "Saving 1 change…" and "All changes saved" by turns
 * at the pace of the keys, redrawn (and announced) each time.
 */
const SAVING_SHOWN_AFTER_MS = 500;

/** What the banner shows: its tone and text, as one string ("tone|text") so equal means unchanged. */
function shownOf(summary: SaveSummary): string {
  return `${toneOf(summary)}|${saveStatusText(summary)}`;
}

/** The page's connection and save status, announced politely as it changes. */
export function SaveStatusBanner({ registry }: { registry: SaveStatusRegistry }) {
  const [shown, setShown] = useState(() => shownOf(registry.getSnapshot()));
  useEffect(() => {
    let shownNow = shownOf(registry.getSnapshot());
    let timer: ReturnType<typeof setTimeout> | null = null;
    const show = (next: string) => {
      if (timer) clearTimeout(timer);
      timer = null;
      shownNow = next;
      setShown(next);
    };
    const follow = () => {
      const next = shownOf(registry.getSnapshot());
      const entersSaving = next.startsWith('busy|Saving') && !shownNow.startsWith('busy|Saving');
      if (!entersSaving) show(next);
      else timer ??= setTimeout(() => show(shownOf(registry.getSnapshot())), SAVING_SHOWN_AFTER_MS);
    };
    follow();
    return registry.subscribe(follow);
  }, [registry]);
  const [tone, text] = shown.split('|', 2) as [string, string];
  return (
    <div className={`save-status save-status--${tone}`} role="status" aria-live="polite">
      {text}
    </div>
  );
}
