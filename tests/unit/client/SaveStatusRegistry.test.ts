// The page's save banner: what it says for the sections' trackers, including documents
// restored from this browser that the server has not yet compared.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INITIAL_ANNOUNCER, nextAnnouncement, saveStatusText, type AnnouncerState } from '../../../client/sync/SaveStatusBanner';
import { SaveStatusRegistry, type SaveSummary } from '../../../client/sync/SaveStatusRegistry';
import { SaveTracker } from '../../../client/sync/SaveTracker';

const NONE: SaveSummary = { offline: 0, loading: 0, stopped: 0, unsaved: 0, unsavedSections: 0, uncounted: 0, unconfirmed: 0 };

describe('saveStatusText', () => {
  it.each<[Partial<SaveSummary>, string]>([
    [{}, 'All changes saved'],
    [{ loading: 1 }, 'Connecting…'],
    // Unsaved work is counted in sections: 3 keystrokes are not "3 changes".
    [{ unsaved: 3, unsavedSections: 1 }, 'Saving changes to 1 section…'],
    [{ offline: 1 }, 'Offline: trying to reconnect'],
    [{ offline: 1, unsaved: 1, unsavedSections: 1 }, 'Offline: changes to 1 section not yet saved'],
    [{ offline: 2, unsaved: 17, unsavedSections: 2 }, 'Offline: changes to 2 sections not yet saved'],
    // Restored from this browser and not yet compared with the server: no number to give.
    [{ offline: 2, unsaved: 4, uncounted: 1 }, 'Offline: changes made here are kept in this browser'],
    [{ stopped: 1, uncounted: 1 }, 'Not connected: changes made here are kept in this browser'],
    [{ stopped: 1, unsaved: 2, unsavedSections: 1 }, 'Not connected: changes to 1 section not saved'],
    // Counted, but restored deletions are only known saved once acknowledged.
    [{ unconfirmed: 1 }, 'Saving changes…'],
  ])('%o → %s', (summary, text) => {
    expect(saveStatusText({ ...NONE, ...summary })).toBe(text);
  });
});

describe('SaveStatusRegistry', () => {
  it('counts a section that never reached the server as offline once an attempt failed', () => {
    const registry = new SaveStatusRegistry();
    const tracker = new SaveTracker(new Y.Doc());
    tracker.restoreFrom({});
    registry.track('s1', tracker);
    expect(registry.getSnapshot()).toMatchObject({ loading: 1, offline: 0, uncounted: 1 });
    expect(saveStatusText(registry.getSnapshot())).toBe('Connecting…');

    tracker.connectionClosed();
    expect(registry.getSnapshot()).toMatchObject({ loading: 0, offline: 1, uncounted: 1 });
    expect(saveStatusText(registry.getSnapshot())).toBe('Offline: changes made here are kept in this browser');
    tracker.destroy();
  });
});

describe('SaveStatusRegistry counts sections', () => {
  it('counts the sections with unsaved changes, not the keystrokes in them', () => {
    const registry = new SaveStatusRegistry();
    const docs = [new Y.Doc(), new Y.Doc()];
    const trackers = docs.map((doc) => new SaveTracker(doc));
    trackers.forEach((tracker, i) => registry.track(`s${i}`, tracker));
    for (const letter of 'typed') docs[0]!.getText('t').insert(0, letter);
    expect(registry.getSnapshot()).toMatchObject({ unsaved: 5, unsavedSections: 1 });
    docs[1]!.getText('t').insert(0, 'x');
    expect(registry.getSnapshot()).toMatchObject({ unsaved: 6, unsavedSections: 2 });
    for (const tracker of trackers) tracker.destroy();
  });
});

/** Runs summaries through the announcer and returns what it said, in order. */
function said(summaries: Array<Partial<SaveSummary>>, from: AnnouncerState = INITIAL_ANNOUNCER): string[] {
  let state = from;
  const out: string[] = [];
  for (const summary of summaries) {
    const next = nextAnnouncement(state, { ...NONE, ...summary });
    state = next.state;
    if (next.say) out.push(next.say);
  }
  return out;
}

describe('nextAnnouncement', () => {
  it('says nothing while the page connects and while someone types and it saves', () => {
    const typing: Array<Partial<SaveSummary>> = [];
    for (let i = 0; i < 35; i++) typing.push({ unsaved: 1, unsavedSections: 1 }, {});
    expect(said([{ loading: 3 }, { loading: 1 }, {}, ...typing])).toEqual([]);
  });

  it('says when the connection is lost and when it is back, and when what was kept is saved', () => {
    expect(
      said([
        {},
        { offline: 1 },
        { offline: 1, unsaved: 4, unsavedSections: 1 },
        { offline: 1, unsaved: 9, unsavedSections: 1 },
        { unsaved: 9, unsavedSections: 1 },
        {},
        { unsaved: 1, unsavedSections: 1 },
        {},
      ]),
    ).toEqual(['Offline: trying to reconnect', 'Connected again. Saving your changes…', 'All changes saved']);
  });

  it('says a reconnection with nothing to save at once, and the end of the connection for good', () => {
    expect(said([{}, { offline: 2 }, {}, { stopped: 1, unsaved: 2, unsavedSections: 1 }])).toEqual([
      'Offline: trying to reconnect',
      'Connected again. All changes saved',
      'Not connected: changes to 1 section not saved',
    ]);
  });
});
