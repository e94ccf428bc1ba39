// Presence is only as trustworthy as the server makes it: every awareness entry a client sends
// is rebuilt from what shared/presence.ts accepts of it (a valid caret or none) and the `user`
// the server knows the connection to be, and a client may not set entries that belong to
// another connection. Nothing else a client puts in its state reaches anyone.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { sanitizePresence } from '../../shared/presence';
import { roleColor } from '../../shared/roles';
import type { Identity } from './Identity';

/** Awareness client ids one connection may hold (one per provider; a few for reloads). */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 8;
/** The largest awareness state we keep for a client (a caret and a name need far less). */
export const MAX_AWARENESS_STATE_CHARS = 16 * 1024;

export class MalformedAwareness extends Error {}

/**
 * The presence fields the server vouches for: what a caret shows (name, role colour) and the
 * role, from which a client derives anything else (shared/roles). Every other client parses
 * this with each caret move, so it carries nothing more.
 */
export function presenceUser(identity: Identity): Record<string, string> {
  return {
    name: identity.name,
    role: identity.membership.role,
    color: roleColor(identity.membership.role),
  };
}

/**
 * Rewrites an awareness update from a connection: drops entries it may not set, and rebuilds
 * the rest from their sanitized caret and the server's `user`. Returns null when nothing is
 * left. Throws MalformedAwareness.
 */
export function rewriteAwarenessUpdate(
  update: Uint8Array,
  identity: Identity,
  mayUse: (clientId: number, removal: boolean) => boolean,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  // No limit on the count: a client echoes every presence we sent it, the whole room at once
  // on joining. The frame size bounds the work; `mayUse` bounds the ids a connection holds.
  const count = decoding.readVarUint(decoder);
  const entries: Array<{ clientId: number; clock: number; json: string }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > MAX_AWARENESS_STATE_CHARS) throw new MalformedAwareness('awareness state too large');
    // Most entries a client sends are echoes of others' presence: skip them before parsing.
    if (!mayUse(clientId, false)) continue;
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new MalformedAwareness('awareness state is not JSON');
    }
    if (state === null) {
      // Removing presence is only for ids the connection already holds.
      if (mayUse(clientId, true)) entries.push({ clientId, clock, json: 'null' });
      continue;
    }
    // A bad caret becomes no caret; a state that is not even an object is no client of ours.
    const presence = sanitizePresence(state);
    if (!presence) throw new MalformedAwareness('awareness state is not an object');
    entries.push({ clientId, clock, json: JSON.stringify({ user: presenceUser(identity), cursor: presence.cursor }) });
  }
  if (entries.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
