// A list of Yjs updates as one file (a count, then each update's length and bytes, little-endian
// 32-bit): how updates cross between the bench process and countersignStore.ts, which hold two
// different copies of yjs and so share bytes only.
import fs from 'node:fs';

/** Writes updates to a file, in order. */
export function writeUpdates(file: string, updates: readonly Uint8Array[]): void {
  const total = 4 + updates.reduce((sum, update) => sum + 4 + update.byteLength, 0);
  const buffer = Buffer.allocUnsafe(total);
  let offset = buffer.writeUInt32LE(updates.length, 0);
  for (const update of updates) {
    offset = buffer.writeUInt32LE(update.byteLength, offset);
    buffer.set(update, offset);
    offset += update.byteLength;
  }
  fs.writeFileSync(file, buffer);
}

/** Reads the updates writeUpdates wrote. */
export function readUpdates(file: string): Uint8Array[] {
  const buffer = fs.readFileSync(file);
  const count = buffer.readUInt32LE(0);
  const updates: Uint8Array[] = [];
  let offset = 4;
  for (let i = 0; i < count; i++) {
    const length = buffer.readUInt32LE(offset);
    offset += 4;
    updates.push(new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length));
    offset += length;
  }
  if (offset !== buffer.byteLength) throw new Error(`${file}: ${buffer.byteLength - offset} bytes after the last update`);
  return updates;
}
