// Presence (a y-websocket awareness state): what a client may put in it, and what a client may
// draw from another member's. Our clients send `{user, cursor}`: TipTap's caret extension sets
// `user`, which the server replaces with its own stamp, and y-tiptap's cursor plugin sets
// `cursor` to null or `{anchor, head}`, two Y.RelativePosition objects as JSON. Anything else is
// not ours and is never passed on: one member's bad presence once stopped every other editor
// from applying remote updates (y-tiptap threw while drawing the caret).
import { z } from 'zod';
import { SECTION_FRAGMENT } from './protocol';

/** The longest caret name drawn (the server stamps the account's name, far shorter). */
export const MAX_CARET_NAME_CHARS = 200;

/** A Yjs item id: the client that made it and its clock (both counters, so safe integers). */
const yjsIdSchema = z.strictObject({
  client: z.int().nonnegative(),
  clock: z.int().nonnegative(),
});

/**
 * A Yjs relative position as JSON: a serialised Y.RelativePosition (every key, unset ones null)
 * or `Y.relativePositionToJSON` (unset keys left out). The only root type a caret can be in is
 * the editor's fragment, so a `tname` is that name or nothing: any other name would make every
 * receiving client create a new root type in its document (Y.Doc.get).
 */
export const relativePositionSchema = z
  .strictObject({
    type: yjsIdSchema.nullable().optional(),
    tname: z.literal(SECTION_FRAGMENT).nullable().optional(),
    item: yjsIdSchema.nullable().optional(),
    assoc: z.int(),
  })
  // Yjs throws on a position with none of the three (createAbsolutePositionFromRelativePosition).
  .refine((position) => position.type != null || position.tname != null || position.item != null, {
    message: 'a relative position needs a type, a type name or an item',
  });

/** A caret and its selection: where the selection starts (anchor) and where the caret is (head). */
export const presenceCursorSchema = z.strictObject({
  anchor: relativePositionSchema,
  head: relativePositionSchema,
});

/** The presence the server keeps from a client: only the caret (the `user` is the server's). */
export const clientPresenceSchema = z.strictObject({
  cursor: presenceCursorSchema.nullable(),
});

export type PresenceCursor = z.infer<typeof presenceCursorSchema>;
export type ClientPresence = z.infer<typeof clientPresenceSchema>;

/** Who a caret belongs to, as the server stamps it (server/sync/awarenessIdentity.ts). */
export const presenceUserSchema = z.object({
  name: z.string().min(1).max(MAX_CARET_NAME_CHARS),
  role: z.string().optional(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});

export type PresenceUser = z.infer<typeof presenceUserSchema>;

/** A remote member's caret as a client may draw it. */
export interface RemoteCaret {
  user: PresenceUser;
  cursor: PresenceCursor;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property the object itself has (never one inherited, whatever `__proto__` keys it had). */
function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * The presence to keep from a client's state: its cursor if it is a valid one, otherwise
 * `cursor: null` (the member is still present). Null when the state is not an object at all,
 * which no client of ours sends. Never throws, whatever the state.
 */
export function sanitizePresence(state: unknown): ClientPresence | null {
  try {
    if (!isPlainObject(state)) return null;
    const cursor = presenceCursorSchema.safeParse(own(state, 'cursor'));
    return { cursor: cursor.success ? cursor.data : null };
  } catch {
    // Only an exotic object (a throwing getter, a proxy) gets here; JSON never does.
    return null;
  }
}

/**
 * The caret to draw for another member's presence state, or null when there is none to draw:
 * no cursor, or a state that is not what our server sends. Never throws, whatever the state.
 */
export function remoteCaret(state: unknown): RemoteCaret | null {
  const presence = sanitizePresence(state);
  if (!presence?.cursor || !isPlainObject(state)) return null;
  try {
    const user = presenceUserSchema.safeParse(own(state, 'user'));
    return user.success ? { user: user.data, cursor: presence.cursor } : null;
  } catch {
    return null;
  }
}
