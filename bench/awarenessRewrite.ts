// Micro-benchmark of rewriteAwarenessUpdate, which runs on every caret move of every client:
// a caret move (one entry of the connection's own) and a joining client's echo of a 100-member
// room (one own entry, 99 skipped before parsing). Prints nanoseconds per frame.
import * as encoding from 'lib0/encoding';
import { rewriteAwarenessUpdate } from '../server/sync/awarenessIdentity';

const identity = {
  userId: 'u1',
  name: 'Sam Taylor',
  membership: { role: 'chief_constable', capacity: 'signatory' as const, administrator: false },
  sessionHash: 'h',
};

const position = (clock: number, assoc: number) => ({ type: { client: 1811968287, clock: 1 }, tname: null, item: { client: 1811968287, clock }, assoc });
const caretState = (clock: number) =>
  JSON.stringify({ user: { name: 'Sam Taylor', color: '#00703c' }, cursor: { anchor: position(clock, 0), head: position(clock + 4, -1) } });

function frame(entries: Array<[number, number, string]>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [id, clock, json] of entries) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

const OWN = 42;
const moves = Array.from({ length: 256 }, (_, i) => frame([[OWN, i + 1, caretState(3 + i)]]));
const echo = frame(Array.from({ length: 100 }, (_, i) => [i, 7, caretState(3 + i)] as [number, number, string]));
const mayUse = (id: number) => id === OWN;

function measure(name: string, frames: Uint8Array[], runs: number): void {
  let sink = 0;
  for (let i = 0; i < runs / 10; i++) sink += rewriteAwarenessUpdate(frames[i % frames.length]!, identity, mayUse)?.length ?? 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) sink += rewriteAwarenessUpdate(frames[i % frames.length]!, identity, mayUse)?.length ?? 0;
  const ns = Number(process.hrtime.bigint() - start) / runs;
  console.log(`${name}: ${ns.toFixed(0)} ns per frame (${sink > 0 ? 'ok' : 'nothing'})`);
}

for (let round = 0; round < 3; round++) {
  measure('caret move, 1 entry', moves, 200_000);
  measure('echo of 100 entries, 1 own', [echo], 50_000);
}
