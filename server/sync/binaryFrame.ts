// A binary WebSocket frame built once and written as it is to every socket that should get it:
// relaying a keystroke to N clients then costs N socket writes rather than N times ws's framing
// (a header allocated, corked and written beside the payload for each socket).

/** An unmasked, final binary frame (RFC 6455 §5.2; frames from a server are never masked). */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x82; // FIN + opcode 2 (binary)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, headerLength);
  return frame;
}

/** One message for many connections: its bytes, and the frame made of them once it is asked for. */
export class SharedMessage {
  private framed: Buffer | null = null;

  constructor(readonly data: Uint8Array) {}

  get frame(): Buffer {
    return (this.framed ??= binaryFrame(this.data));
  }
}
