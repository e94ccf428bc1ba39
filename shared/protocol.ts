// The sync wire protocol: y-websocket's message types, our additions, limits and close codes.

/** y-websocket's message types (first varUint of every frame). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Ours: the server's answer to each write frame (SyncStep2 or Update) of a connection that
 * asked for acknowledgements (`?acks=1`), in order: varUint status, then a varString reason.
 * The client counts them to know what is saved.
 */
export const MESSAGE_WRITE_ACK = 100;
/** Everything in the frame is stored. */
export const WRITE_STORED = 0;
/** The connection may not write this section: nothing in the frame was applied or stored. */
export const WRITE_REFUSED = 1;
/**
 * The frame depends on content the server has not got (sent before a reconnect, say): it is
 * held, not stored. The server follows with its SyncStep1, and the client's SyncStep2 answer
 * brings what is missing; the client counts the frame's edits as unsaved until then.
 */
export const WRITE_INCOMPLETE = 2;

/** Sub-types of MESSAGE_SYNC (y-protocols/sync). */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Room a frame has beyond a section's size limit (COUNTERSIGN_MAX_SECTION_BYTES). */
export const FRAME_HEADROOM_BYTES = 1024 * 1024;

/**
 * The largest frame the server reads (a larger one closes the connection with 1009): a section's
 * size limit and some. A write past the size limit must still be read, to be refused with a
 * reason rather than cut off as a frame too large, which a client would only send again.
 */
export function maxFrameBytes(maxSectionBytes: number): number {
  return maxSectionBytes + FRAME_HEADROOM_BYTES;
}

/**
 * Close codes the server uses. As y-websocket's provider expects, 4400-4499 mirror HTTP 4xx and
 * are final (the provider stops reconnecting); every other code is followed by a reconnect.
 */
export const CLOSE_ACCESS_CHANGED = 4100; // the section locked or the member's rights changed: reconnect
export const CLOSE_MALFORMED = 4400; // a frame we cannot decode, or an update Yjs cannot apply
export const CLOSE_UNAUTHENTICATED = 4401; // the session ended
export const CLOSE_FORBIDDEN = 4403; // no longer a member
export const CLOSE_SECTION_REMOVED = 4404; // the section was removed from the response
export const CLOSE_RATE_LIMITED = 4429; // more messages than any client sends
export const CLOSE_SERVER_BEHIND = 4503; // too much waiting to be sent or processed: reconnect
export const CLOSE_SHUTTING_DOWN = 1001; // the server is stopping

/** Whether a client should reconnect after the server closed its socket with a code. */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/** The path of a section's sync room. */
export function syncPath(responseId: string, sectionId: string): string {
  return `/sync/${encodeURIComponent(responseId)}/${encodeURIComponent(sectionId)}`;
}

/** The path of a response page's one multiplexed socket (every section's channel, and the events). */
export function responseSyncPath(responseId: string): string {
  return `/sync/${encodeURIComponent(responseId)}`;
}

/** The path of a response's event stream (server-pushed changes and presence). */
export function eventsPath(responseId: string): string {
  return `/events/${encodeURIComponent(responseId)}`;
}

/** The name of the Y.XmlFragment that holds a section's text (TipTap's Collaboration default). */
export const SECTION_FRAGMENT = 'default';

/*
 * The multiplexed socket, `/sync/<responseId>` (write acknowledgements always on). One socket
 * per open response page carries every section's sync and presence, and the page's events.
 *
 * Every binary frame, both ways, is `varString(channel)` followed by one message exactly as on
 * a section's own socket (MESSAGE_SYNC, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS,
 * MESSAGE_WRITE_ACK). A channel is a section id. The empty channel is the control channel,
 * whose messages start with a varUint CONTROL_* type:
 *
 * - client to server `CONTROL_OPEN varString(sectionId)`: join the section's room, with the
 *   write right the rules give now. The server answers, as on a new socket, with its
 *   SyncStep1 and everyone's presence. Frames for the channel may follow the open at once.
 * - client to server `CONTROL_CLOSE varString(sectionId)`: leave it.
 * - server to client `CONTROL_CLOSED varString(sectionId) varUint(code) varString(reason)`: the
 *   channel has ended, with the close code a section's own socket would have been closed with
 *   (CLOSE_ACCESS_CHANGED: open it again; 4400-4499: final for that section only), or
 *   CLOSE_CHANNEL_LEFT in answer to the client's CONTROL_CLOSE. Every CONTROL_OPEN gets
 *   exactly one CONTROL_CLOSED (unless the socket closes first), so a client that leaves and
 *   reopens a section tells the answers apart by their order: frames and CLOSED of a channel
 *   always refer to the oldest of its opens not yet closed.
 * - server to client `CONTROL_EVENT varString(json)`: an event of the response (what the
 *   `/events/<responseId>` socket sends as a text frame: changed, thread, presence, audit,
 *   suggestion), or one of the user's own (`notification`, what `/events` sends), so the page
 *   needs no other socket.
 *
 * Frames for a channel that is not open are ignored (they were in flight when it closed). The
 * socket's own close codes are those of a section's socket: 4401 and 4403 end every channel.
 */
/** The control channel's name. */
export const CONTROL_CHANNEL = '';
/** Control messages (the first varUint of a control channel message). */
export const CONTROL_OPEN = 0;
export const CONTROL_CLOSE = 1;
export const CONTROL_CLOSED = 2;
export const CONTROL_EVENT = 3;
/** The code of the CONTROL_CLOSED that answers a client's CONTROL_CLOSE. */
export const CLOSE_CHANNEL_LEFT = 1000;
