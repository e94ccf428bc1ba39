import { useSaveSummary, type SaveStatusRegistry, type SaveSummary } from './SaveStatusRegistry';

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

/** The page's connection and save status, announced politely as it changes. */
export function SaveStatusBanner({ registry }: { registry: SaveStatusRegistry }) {
  const summary = useSaveSummary(registry);
  const busy = summary.unsaved > 0 || summary.loading > 0 || summary.uncounted > 0 || summary.unconfirmed > 0;
  const tone = summary.offline > 0 || summary.stopped > 0 ? 'offline' : busy ? 'busy' : 'saved';
  return (
    <div className={`save-status save-status--${tone}`} role="status" aria-live="polite">
      {saveStatusText(summary)}
    </div>
  );
}
