import { useEffect, useState } from 'react';
import type { SaveStatusRegistry, SaveSummary } from './SaveStatusRegistry';

function sections(n: number): string {
  return n === 1 ? '1 section' : `${n} sections`;
}

/** The banner's words for a summary. Unsaved work is counted in sections, never in keystrokes. */
export function saveStatusText(summary: SaveSummary): string {
  // Content restored from this browser cannot be counted before the server has said what it
  // has: say where it is rather than give a number that may be wrong.
  if (summary.stopped > 0) {
    if (summary.uncounted > 0) return 'Not connected: changes made here are kept in this browser';
    return summary.unsavedSections > 0 ? `Not connected: changes to ${sections(summary.unsavedSections)} not saved` : 'Not connected';
  }
  if (summary.offline > 0) {
    if (summary.uncounted > 0) return 'Offline: changes made here are kept in this browser';
    return summary.unsavedSections > 0
      ? `Offline: changes to ${sections(summary.unsavedSections)} not yet saved`
      : 'Offline: trying to reconnect';
  }
  if (summary.unsavedSections > 0) return `Saving changes to ${sections(summary.unsavedSections)}…`;
  if (summary.loading > 0) return 'Connecting…';
  if (summary.uncounted > 0 || summary.unconfirmed > 0) return 'Saving changes…';
  return 'All changes saved';
}

/** Where the page's connection stands; only a change of this is announced. */
export type ConnectionPhase = 'connecting' | 'connected' | 'offline' | 'stopped';

/** The connection phase a summary shows. */
export function connectionPhase(summary: SaveSummary): ConnectionPhase {
  if (summary.stopped > 0) return 'stopped';
  if (summary.offline > 0) return 'offline';
  if (summary.loading > 0) return 'connecting';
  return 'connected';
}

function allSaved(summary: SaveSummary): boolean {
  return saveStatusText(summary) === 'All changes saved';
}

/** What the announcer remembers between summaries. */
export interface AnnouncerState {
  phase: ConnectionPhase;
  /** Reconnected with changes still to save: say so once they are. */
  confirmSaved: boolean;
}

/** The first state: connecting, nothing to confirm. */
export const INITIAL_ANNOUNCER: AnnouncerState = { phase: 'connecting', confirmSaved: false };

/**
 * What to say to screen readers when the summary changes, if anything: losing and regaining the
 * connection, and the changes made meanwhile being saved. Typing and saving while connected
 * says nothing (the visible status shows it), so a screen reader is not interrupted at every
 * keystroke.
 */
export function nextAnnouncement(state: AnnouncerState, summary: SaveSummary): { state: AnnouncerState; say: string | null } {
  const phase = connectionPhase(summary);
  if (phase !== state.phase) {
    switch (phase) {
      case 'offline':
      case 'stopped':
        return { state: { phase, confirmSaved: false }, say: saveStatusText(summary) };
      case 'connected': {
        const again = state.phase === 'offline' || state.phase === 'stopped';
        if (!again) return { state: { phase, confirmSaved: false }, say: null };
        const saved = allSaved(summary);
        return {
          state: { phase, confirmSaved: !saved },
          say: saved ? 'Connected again. All changes saved' : 'Connected again. Saving your changes…',
        };
      }
      case 'connecting':
        return { state: { phase, confirmSaved: state.confirmSaved }, say: null };
    }
  }
  if (phase === 'connected' && state.confirmSaved && allSaved(summary)) {
    return { state: { phase, confirmSaved: false }, say: 'All changes saved' };
  }
  return { state, say: null };
}

/** The banner's tone for a summary. */
function toneOf(summary: SaveSummary): 'offline' | 'busy' | 'saved' {
  const busy = summary.unsaved > 0 || summary.loading > 0 || summary.uncounted > 0 || summary.unconfirmed > 0;
  return summary.offline > 0 || summary.stopped > 0 ? 'offline' : busy ? 'busy' : 'saved';
}

/**
 * How long a save may take before the banner says so. Typing is saved within moments of every
 * keystroke: the banner would otherwise say "Saving changes to 1 section…" and "All changes
 * saved" by turns at the pace of the keys, redrawn each time.
 */
const SAVING_SHOWN_AFTER_MS = 500;

/** What the banner shows: its tone and text, as one string ("tone|text") so equal means unchanged. */
function shownOf(summary: SaveSummary): string {
  return `${toneOf(summary)}|${saveStatusText(summary)}`;
}

/**
 * The page's connection and save status: always visible (the page keeps it on screen while
 * one writes), and announced only when the connection changes, through a live region of its own.
 * It follows the registry itself and re-renders only when what it shows or says changes, not
 * at every keystroke's save.
 */
export function SaveStatusBanner({ registry }: { registry: SaveStatusRegistry }) {
  const [shown, setShown] = useState(() => shownOf(registry.getSnapshot()));
  // Numbered, so that the same words said twice (offline twice) are announced twice.
  const [announcement, setAnnouncement] = useState({ text: '', count: 0 });
  useEffect(() => {
    let announcer = INITIAL_ANNOUNCER;
    let shownNow = shownOf(registry.getSnapshot());
    let timer: ReturnType<typeof setTimeout> | null = null;
    const show = (next: string) => {
      if (timer) clearTimeout(timer);
      timer = null;
      shownNow = next;
      setShown(next);
    };
    const follow = () => {
      const summary = registry.getSnapshot();
      const { state, say } = nextAnnouncement(announcer, summary);
      announcer = state;
      if (say) setAnnouncement((current) => ({ text: say, count: current.count + 1 }));
      const next = shownOf(summary);
      const entersSaving = next.startsWith('busy|Saving') && !shownNow.startsWith('busy|Saving');
      if (!entersSaving) show(next);
      else timer ??= setTimeout(() => show(shownOf(registry.getSnapshot())), SAVING_SHOWN_AFTER_MS);
    };
    follow();
    const unsubscribe = registry.subscribe(follow);
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [registry]);
  const [tone, text] = shown.split('|', 2) as [string, string];
  return (
    <>
      <p className={`save-status save-status--${tone}`}>{text}</p>
      <p className="visually-hidden" role="status" data-save-announcement="">
        {announcement.text && <span key={announcement.count}>{announcement.text}</span>}
      </p>
    </>
  );
}
