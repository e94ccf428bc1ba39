// Limits of the sync server, in one place. Frame size is shared with clients (shared/protocol).
export { MAX_MESSAGE_BYTES } from '../../shared/protocol';

/** Messages a connection may send per second, on average... */
export const MAX_MESSAGES_PER_SECOND = 200;
/** ...and in one burst (a reconnecting client sends its backlog at once). */
export const MAX_MESSAGE_BURST = 2_000;
/**
 * Presence frames a client may echo back for free: as many as we sent it, up to this many
 * (a busy room sends each client every other client's caret moves).
 */
export const MAX_ECHO_CREDITS = 100_000;
/** Bytes a connection may have waiting to be processed (while its room loads or stores). */
export const MAX_PENDING_BYTES = 16 * 1024 * 1024;
/** Bytes the server will buffer for a client that is not reading; past it, the client is dropped. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Sync and event connections one user may hold at once (many tabs x sections). */
export const MAX_CONNECTIONS_PER_USER = 200;
/** How often we ping; a connection that missed a pong by the next ping is dead. */
export const PING_INTERVAL_MS = 30_000;
/** Updates stored for a section before they are compacted into one state. */
export const COMPACT_AFTER_UPDATES = 500;
/** Back-off between attempts to store an update when the database refuses it. */
export const STORE_RETRY_MIN_MS = 50;
export const STORE_RETRY_MAX_MS = 5_000;
