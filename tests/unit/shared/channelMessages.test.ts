// The multiplexed socket's codec: every frame reads back as it was written, and what is not a
// frame of the protocol is refused as malformed (never read as something else).
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import {
  channelPrefix,
  decodeChannelFrame,
  decodeControl,
  encodeChannelFrame,
  encodeControl,
  prefixedFrame,
  type ControlMessage,
} from '../../../shared/channelMessages';
import { CONTROL_CHANNEL, CONTROL_CLOSED, CONTROL_OPEN } from '../../../shared/protocol';
import { encodeSyncStep1, encodeWriteAck, MalformedMessage } from '../../../shared/syncMessages';

describe('channel frames', () => {
  it('carry a y-websocket message after the channel name, byte for byte', () => {
    const message = encodeSyncStep1(new Uint8Array([1, 2, 3]));
    for (const channel of ['a', 'Xy-_09AbCdEfGhIj', 'x'.repeat(64), 'é']) {
      const frame = encodeChannelFrame(channel, message);
      expect(prefixedFrame(channelPrefix(channel), message)).toEqual(frame);
      const decoded = decodeChannelFrame(frame);
      expect(decoded.channel).toBe(channel);
      expect([...decoded.message]).toEqual([...message]);
    }
  });

  it('name the control channel with the empty string: one zero byte', () => {
    const frame = encodeControl({ type: 'open', sectionId: 's1' });
    expect(frame[0]).toBe(0);
    expect(decodeChannelFrame(frame).channel).toBe(CONTROL_CHANNEL);
  });

  it('refuse a frame that is empty, truncated, or has no message after its channel', () => {
    expect(() => decodeChannelFrame(new Uint8Array([]))).toThrow(MalformedMessage);
    expect(() => decodeChannelFrame(new Uint8Array([5, 97, 98]))).toThrow(MalformedMessage);
    expect(() => decodeChannelFrame(channelPrefix('s1'))).toThrow(MalformedMessage);
  });
});

describe('control messages', () => {
  const messages: ControlMessage[] = [
    { type: 'open', sectionId: 'section-1' },
    { type: 'close', sectionId: 'section-1' },
    { type: 'closed', sectionId: 'section-1', code: 4100, reason: 'This section is now read-only for you' },
    { type: 'closed', sectionId: 's', code: 1000, reason: '' },
    { type: 'event', json: JSON.stringify({ type: 'presence', online: ['u1', 'u2'] }) },
  ];

  it('read back as they were written', () => {
    for (const message of messages) {
      const { channel, message: body } = decodeChannelFrame(encodeControl(message));
      expect(channel).toBe(CONTROL_CHANNEL);
      expect(decodeControl(body)).toEqual(message);
    }
  });

  it('refuse an unknown type, a truncated message and bytes after a message', () => {
    const unknown = encoding.createEncoder();
    encoding.writeVarUint(unknown, 99);
    expect(() => decodeControl(encoding.toUint8Array(unknown))).toThrow(MalformedMessage);

    const truncated = encoding.createEncoder();
    encoding.writeVarUint(truncated, CONTROL_CLOSED);
    encoding.writeVarString(truncated, 's1');
    expect(() => decodeControl(encoding.toUint8Array(truncated))).toThrow(MalformedMessage);

    const trailing = encoding.createEncoder();
    encoding.writeVarUint(trailing, CONTROL_OPEN);
    encoding.writeVarString(trailing, 's1');
    encoding.writeVarUint(trailing, 7);
    expect(() => decodeControl(encoding.toUint8Array(trailing))).toThrow(MalformedMessage);

    expect(() => decodeControl(new Uint8Array([]))).toThrow(MalformedMessage);
  });

  it('are not confused with a channel message: an ack on a channel is not a control message', () => {
    const frame = encodeChannelFrame('s1', encodeWriteAck(0, ''));
    expect(decodeChannelFrame(frame).channel).toBe('s1');
  });
});
