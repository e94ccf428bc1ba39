// The page's save banner: what it says for the sections' trackers, including documents
// restored from this browser that the server has not yet compared.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { saveStatusText } from '../../../client/sync/SaveStatusBanner';
import { SaveStatusRegistry, type SaveSummary } from '../../../client/sync/SaveStatusRegistry';
import { SaveTracker } from '../../../client/sync/SaveTracker';

const NONE: SaveSummary = { offline: 0, loading: 0, stopped: 0, unsaved: 0, uncounted: 0, unconfirmed: 0 };

describe('saveStatusText', () => {
  it.each<[Partial<SaveSummary>, string]>([
    [{}, 'All changes saved'],
    [{ loading: 1 }, 'Connecting…'],
    [{ unsaved: 3 }, 'Saving 3 changes…'],
    [{ offline: 1 }, 'Offline: trying to reconnect'],
    [{ offline: 1, unsaved: 1 }, 'Offline: 1 change not yet saved'],
    [{ offline: 2, unsaved: 17 }, 'Offline: 17 changes not yet saved'],
    // Restored from this browser and not yet compared with the server: no number to give.
    [{ offline: 2, unsaved: 4, uncounted: 1 }, 'Offline: changes made here are kept in this browser'],
    [{ stopped: 1, uncounted: 1 }, 'Not connected: changes made here are kept in this browser'],
    [{ stopped: 1, unsaved: 2 }, 'Not connected: 2 changes not saved'],
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
