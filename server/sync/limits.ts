// Limits of the sync server, in one place. The frame limit follows the section size limit (shared/protocol).
import { MAX_SECTIONS } from '../../shared/limits';

/**
 * Messages a connection may send per second on average, and in one burst. Past them the
 * server stops reading its socket until the allowance refills: a fast client is slowed, never
 * cut off (TCP holds what it sends meanwhile).
 */
export const MAX_MESSAGES_PER_SECOND = 2_000;
export const MAX_MESSAGE_BURST = 10_000;
/**
 * Messages (and bytes) a connection may have waiting in its room's queue before the server
 * stops reading its socket; reading resumes once the queue is down to the low mark.
 */
export const QUEUE_HIGH_MESSAGES = 256;
export const QUEUE_LOW_MESSAGES = 64;
export const QUEUE_HIGH_BYTES = 4 * 1024 * 1024;
/** Past this many bytes waiting (frames already in flight when reading stopped), the connection is closed to reconnect. */
export const MAX_PENDING_BYTES = 64 * 1024 * 1024;
/**
 * Bytes of answers (the state a SyncStep1 asks for) a connection may make the server send per
 * second, and in one burst: asking for a large section again and again is slowed down.
 */
export const ANSWER_BYTES_PER_SECOND = 4 * 1024 * 1024;
export const ANSWER_BYTES_BURST = 16 * 1024 * 1024;
/**
 * Presence frames a client may echo back for free: as many as we sent it, up to this many
 * (a busy room sends each client every other client's caret moves).
 */
export const MAX_ECHO_CREDITS = 100_000;
/** Bytes the server will buffer for a client that is not reading; past it, the client is dropped (and reconnects). */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Sockets one user may hold at once (tabs, sections of the older one-socket-per-section client). */
export const MAX_CONNECTIONS_PER_USER = 200;
/** Sections open at once on one multiplexed socket: every section of the largest response. */
export const MAX_CHANNELS_PER_SOCKET = MAX_SECTIONS;
/** How often we ping; a connection that missed a pong by the next ping is dead. */
export const PING_INTERVAL_MS = 30_000;
/** Updates stored for a section before they are compacted into one state. */
export const COMPACT_AFTER_UPDATES = 500;
/** Back-off between attempts to store an update when the database refuses it. */
export const STORE_RETRY_MIN_MS = 50;
export const STORE_RETRY_MAX_MS = 5_000;
