import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { MalformedAwareness, rewriteAwarenessUpdate } from '../../../server/sync/awarenessIdentity';
import { presenceShapes } from '../../helpers/presenceShapes';

const identity = {
  userId: 'u1',
  name: 'Sam Taylor',
  membership: { role: 'chief_constable', capacity: 'signatory' as const, administrator: false },
  sessionHash: 'h',
};

function update(entries: Array<[number, number, string]>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [id, clock, json] of entries) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

function decode(data: Uint8Array): Array<[number, number, unknown]> {
  const decoder = decoding.createDecoder(data);
  const count = decoding.readVarUint(decoder);
  return Array.from({ length: count }, () => [decoding.readVarUint(decoder), decoding.readVarUint(decoder), JSON.parse(decoding.readVarString(decoder))]);
}

const SAM = { name: 'Sam Taylor', role: 'chief_constable', color: '#00703c' };
/** A caret as y-tiptap sends it: two serialised Y.RelativePosition objects. */
const caret = {
  anchor: { type: { client: 3141, clock: 1 }, tname: null, item: { client: 3141, clock: 9 }, assoc: 0 },
  head: { type: null, tname: 'default', item: null, assoc: -1 },
};

describe('awareness identity', () => {
  it('stamps the server-known user over what the client claims', () => {
    const claimed = JSON.stringify({ user: { name: 'Mallory', role: 'pcc' }, cursor: caret });
    const [entry] = decode(rewriteAwarenessUpdate(update([[7, 1, claimed]]), identity, () => true)!);
    expect(entry![0]).toBe(7);
    expect(entry![2]).toEqual({ user: SAM, cursor: caret });
  });

  it('passes on nothing a client adds beside its caret', () => {
    const claimed = JSON.stringify({ cursor: caret, html: '<img src=x onerror=alert(1)>', user: 'Mallory', threads: [1] });
    const [entry] = decode(rewriteAwarenessUpdate(update([[7, 1, claimed]]), identity, () => true)!);
    expect(entry![2]).toEqual({ user: SAM, cursor: caret });
  });

  it('keeps a member with a bad caret present, with no caret', () => {
    const bad = JSON.stringify({ cursor: { anchor: null, head: null } });
    const [entry] = decode(rewriteAwarenessUpdate(update([[7, 1, bad]]), identity, () => true)!);
    expect(entry![2]).toEqual({ user: SAM, cursor: null });
    const none = decode(rewriteAwarenessUpdate(update([[7, 2, '{}']]), identity, () => true)!);
    expect(none[0]![2]).toEqual({ user: SAM, cursor: null });
  });

  it('rebuilds every hostile shape to a valid caret or none, or refuses it', () => {
    const shapes = presenceShapes({ caret, seed: 0x5a4e, mutations: 2_000 });
    for (const shape of shapes) {
      const frame = update([[7, 1, shape.json]]);
      if (shape.refused) {
        expect(() => rewriteAwarenessUpdate(frame, identity, () => true), shape.name).toThrow(MalformedAwareness);
        continue;
      }
      const [entry] = decode(rewriteAwarenessUpdate(frame, identity, () => true)!);
      const state = entry![2] as { user: unknown; cursor: unknown };
      expect(Object.keys(state).sort(), shape.name).toEqual(['cursor', 'user']);
      expect(state.user, shape.name).toEqual(SAM);
      // Either the client's caret exactly as it was, or none at all.
      if (state.cursor !== null) expect(state.cursor, shape.name).toStrictEqual(JSON.parse(shape.json).cursor);
    }
  });

  it('still skips echoes of other connections\' presence before reading them', () => {
    // An echo is not parsed, so even a state that would be refused costs nothing.
    const out = rewriteAwarenessUpdate(update([[1, 1, '[not json'], [2, 1, '42'], [3, 1, '{}']]), identity, (id) => id === 3);
    expect(decode(out!)).toEqual([[3, 1, { user: SAM, cursor: null }]]);
  });

  it("drops entries for other connections' client ids and keeps removals of its own", () => {
    const out = rewriteAwarenessUpdate(update([[1, 1, '{}'], [2, 4, 'null']]), identity, (id) => id === 2);
    expect(decode(out!)).toEqual([[2, 4, null]]);
    expect(rewriteAwarenessUpdate(update([[1, 1, '{}']]), identity, () => false)).toBeNull();
  });

  it('drops a removal for an id the connection does not hold (it would be remembered for ever)', () => {
    const mayUse = (_id: number, removal: boolean) => !removal;
    expect(rewriteAwarenessUpdate(update([[9, 1, 'null'], [10, 1, ' null']]), identity, mayUse)).toBeNull();
  });

  it("takes a whole room's presence echoed back in one frame", () => {
    const echo = Array.from({ length: 100 }, (_, i) => [i, 1, '{"cursor":null}'] as [number, number, string]);
    const out = rewriteAwarenessUpdate(update(echo), identity, (id) => id === 42);
    expect(decode(out!).map(([id]) => id)).toEqual([42]);
  });

  it('refuses malformed states', () => {
    expect(() => rewriteAwarenessUpdate(update([[1, 1, 'not json']]), identity, () => true)).toThrow(MalformedAwareness);
    expect(() => rewriteAwarenessUpdate(update([[1, 1, '[1,2]']]), identity, () => true)).toThrow(MalformedAwareness);
    expect(() => rewriteAwarenessUpdate(update([[1, 1, 'x'.repeat(20_000)]]), identity, () => true)).toThrow(MalformedAwareness);
    expect(() => rewriteAwarenessUpdate(new Uint8Array([5, 1]), identity, () => true)).toThrow();
  });
});
