// The multiplexed socket's frames (see shared/protocol.ts), read and written in one place with
// no I/O: a channel name before each y-websocket message, and the control channel's messages.
// The server, the browser client and the tests all use these.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CONTROL_CHANNEL, CONTROL_CLOSE, CONTROL_CLOSED, CONTROL_EVENT, CONTROL_OPEN } from './protocol';
import { MalformedMessage } from './syncMessages';

/** A frame of the multiplexed socket: its channel, and the message it carries. */
export interface ChannelFrame {
  channel: string;
  /** A y-websocket message (a view into the frame), or a control message on CONTROL_CHANNEL. */
  message: Uint8Array;
}

/** A message of the control channel. */
export type ControlMessage =
  | { type: 'open'; sectionId: string }
  | { type: 'close'; sectionId: string }
  | { type: 'closed'; sectionId: string; code: number; reason: string }
  | { type: 'event'; json: string };

/** The bytes every frame of a channel starts with; build it once per channel. */
export function channelPrefix(channel: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, channel);
  return encoding.toUint8Array(encoder);
}

/** A frame: a channel's prefix (channelPrefix), then the message. */
export function prefixedFrame(prefix: Uint8Array, message: Uint8Array): Uint8Array {
  const frame = new Uint8Array(prefix.byteLength + message.byteLength);
  frame.set(prefix, 0);
  frame.set(message, prefix.byteLength);
  return frame;
}

/** A frame carrying `message` on `channel`. */
export function encodeChannelFrame(channel: string, message: Uint8Array): Uint8Array {
  return prefixedFrame(channelPrefix(channel), message);
}

/** Reads a frame's channel; the message is the rest. Throws MalformedMessage. */
export function decodeChannelFrame(data: Uint8Array): ChannelFrame {
  try {
    const decoder = decoding.createDecoder(data);
    const channel = decoding.readVarString(decoder);
    const message = data.subarray(decoder.pos);
    if (message.byteLength === 0) throw new MalformedMessage('a frame with no message');
    return { channel, message };
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    throw new MalformedMessage(error instanceof Error ? error.message : String(error));
  }
}

/** A whole frame of the control channel. */
export function encodeControl(message: ControlMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, CONTROL_CHANNEL);
  switch (message.type) {
    case 'open':
      encoding.writeVarUint(encoder, CONTROL_OPEN);
      encoding.writeVarString(encoder, message.sectionId);
      break;
    case 'close':
      encoding.writeVarUint(encoder, CONTROL_CLOSE);
      encoding.writeVarString(encoder, message.sectionId);
      break;
    case 'closed':
      encoding.writeVarUint(encoder, CONTROL_CLOSED);
      encoding.writeVarString(encoder, message.sectionId);
      encoding.writeVarUint(encoder, message.code);
      encoding.writeVarString(encoder, message.reason);
      break;
    case 'event':
      encoding.writeVarUint(encoder, CONTROL_EVENT);
      encoding.writeVarString(encoder, message.json);
      break;
    default: {
      const exhaustive: never = message;
      return exhaustive;
    }
  }
  return encoding.toUint8Array(encoder);
}

/** Reads a control message (the message of a CONTROL_CHANNEL frame). Throws MalformedMessage. */
export function decodeControl(message: Uint8Array): ControlMessage {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    let decoded: ControlMessage;
    switch (type) {
      case CONTROL_OPEN:
        decoded = { type: 'open', sectionId: decoding.readVarString(decoder) };
        break;
      case CONTROL_CLOSE:
        decoded = { type: 'close', sectionId: decoding.readVarString(decoder) };
        break;
      case CONTROL_CLOSED: {
        const sectionId = decoding.readVarString(decoder);
        const code = decoding.readVarUint(decoder);
        decoded = { type: 'closed', sectionId, code, reason: decoding.readVarString(decoder) };
        break;
      }
      case CONTROL_EVENT:
        decoded = { type: 'event', json: decoding.readVarString(decoder) };
        break;
      default:
        throw new MalformedMessage(`unknown control message ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage('bytes after a control message');
    return decoded;
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    throw new MalformedMessage(error instanceof Error ? error.message : String(error));
  }
}
