// The sync protocol's frames, read and written in one place (y-websocket's messages and ours),
// with no I/O: the server, the browser client and the tests all use these.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  MESSAGE_WRITE_ACK,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from './protocol';

/** A frame a client sends, decoded. */
export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'auth' };

/** A frame that is not part of the protocol. */
export class MalformedMessage extends Error {}

/** Reads a client's frame; throws MalformedMessage when it is not one. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SYNC_STEP1) return { type: 'syncStep1', stateVector: payload };
        if (step === SYNC_STEP2) return { type: 'syncStep2', update: payload };
        if (step === SYNC_UPDATE) return { type: 'update', update: payload };
        throw new MalformedMessage(`unknown sync step ${step}`);
      }
      case MESSAGE_AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE_QUERY_AWARENESS:
        return { type: 'queryAwareness' };
      case MESSAGE_AUTH:
        return { type: 'auth' };
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    // lib0 throws plain Errors and RangeErrors on truncated input.
    throw new MalformedMessage(error instanceof Error ? error.message : String(error));
  }
}

/** Whether a frame is presence (the first byte is the message type, a one-byte varUint). */
export function isAwarenessFrame(data: Uint8Array): boolean {
  return data[0] === MESSAGE_AWARENESS;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** SyncStep1: a state vector, asking for what the other side has beyond it. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** SyncStep2: the answer to a SyncStep1, an update with what the asker lacks. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An update, relayed as it was applied. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Presence states (an encoded awareness update). */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Ours: the answer to one write frame (see MESSAGE_WRITE_ACK). */
export function encodeWriteAck(status: number, reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_WRITE_ACK);
    encoding.writeVarUint(e, status);
    encoding.writeVarString(e, reason);
  });
}

/** Reads the body of a MESSAGE_WRITE_ACK (after its type). */
export function readWriteAck(decoder: decoding.Decoder): { status: number; reason: string } {
  const status = decoding.readVarUint(decoder);
  const reason = decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '';
  return { status, reason };
}
