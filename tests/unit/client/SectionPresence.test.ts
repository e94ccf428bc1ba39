// Who is in each section: the other members with a caret in its editor, each once, read from
// real y-protocols awareness states as the server stamps them.
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { SectionPresence, visitorsOf } from '../../../client/sections/SectionPresence';
import { SECTION_FRAGMENT } from '../../../shared/protocol';

const POSITION = { type: null, tname: SECTION_FRAGMENT, item: null, assoc: 0 };
const CARET = { anchor: POSITION, head: POSITION };

/** Another client's awareness state, as it reaches this page's awareness. */
function remote(into: Awareness, state: Record<string, unknown>): Awareness {
  const other = new Awareness(new Y.Doc());
  other.setLocalState(state);
  applyAwarenessUpdate(into, encodeAwarenessUpdate(other, [other.clientID]), 'server');
  return other;
}

describe('visitorsOf', () => {
  it('names the others with a caret, once each, in order, and never this client', () => {
    const mine = new Awareness(new Y.Doc());
    mine.setLocalState({ user: { name: 'Me', color: '#1d70b8' }, cursor: CARET });
    remote(mine, { user: { name: 'Sam Taylor', role: 'chief_constable', color: '#00703c' }, cursor: CARET });
    remote(mine, { user: { name: 'Sam Taylor', role: 'chief_constable', color: '#00703c' }, cursor: CARET }); // a second tab
    remote(mine, { user: { name: 'Alex Morgan', role: 'pcc', color: '#1d70b8' }, cursor: CARET });
    // Present but not in the text (no caret), or not a state our server sends: not "here".
    remote(mine, { user: { name: 'Jo Viewer', color: '#505a5f' }, cursor: null });
    remote(mine, { user: { name: 'Mallory', color: 'red' }, cursor: CARET });
    expect(visitorsOf(mine).map((user) => user.name)).toEqual(['Alex Morgan', 'Sam Taylor']);
  });
});

describe('SectionPresence', () => {
  it('tells a section’s listeners when who is in it changes, and only then', () => {
    const store = new SectionPresence();
    const awareness = new Awareness(new Y.Doc());
    const untrack = store.track('s1', awareness);
    let calls = 0;
    store.subscribe('s1', () => (calls += 1));
    const other = remote(awareness, { user: { name: 'Sam Taylor', color: '#00703c' }, cursor: CARET });
    expect(store.visitors('s1').map((user) => user.name)).toEqual(['Sam Taylor']);
    expect(calls).toBe(1);
    // The caret moves: the same people, no call.
    other.setLocalStateField('cursor', { anchor: { ...POSITION, assoc: -1 }, head: POSITION });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [other.clientID]), 'server');
    expect(calls).toBe(1);
    // The caret leaves the text.
    other.setLocalStateField('cursor', null);
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [other.clientID]), 'server');
    expect(store.visitors('s1')).toEqual([]);
    expect(calls).toBe(2);
    untrack();
    expect(store.visitors('s1')).toEqual([]);
  });

  it('keeps the newer awareness when an editor is rebuilt for the same section', () => {
    const store = new SectionPresence();
    const first = new Awareness(new Y.Doc());
    const second = new Awareness(new Y.Doc());
    const untrackFirst = store.track('s1', first);
    store.track('s1', second);
    remote(second, { user: { name: 'Sam Taylor', color: '#00703c' }, cursor: CARET });
    untrackFirst();
    expect(store.visitors('s1').map((user) => user.name)).toEqual(['Sam Taylor']);
  });
});
