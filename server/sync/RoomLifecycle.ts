/**
 * Where a room is in its life:
 * - `loading`: its stored updates are being read; messages wait in its queue;
 * - `ready`: serving; `unapplied` holds the stored state read at load but not yet built into
 *   the document (a first open is answered with it as it is, and the document built just after);
 * - `failed`: storage could not be read; its connections are closed and the registry drops it;
 * - `discarded`: the section was removed; nothing more is stored;
 * - `destroyed`: unloaded, its memory freed.
 */
export type RoomLifecycle =
  | { kind: 'loading' }
  | { kind: 'ready'; unapplied: Uint8Array | null }
  | { kind: 'failed'; error: string }
  | { kind: 'discarded' }
  | { kind: 'destroyed' };
