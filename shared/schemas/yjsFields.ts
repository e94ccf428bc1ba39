// Fields that carry Yjs encodings (base64): checked by decoding them, so a request with one that
// Yjs cannot read is refused at the edge. Kept apart from the other fields so that pages without
// an editor do not load Yjs.
import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { z } from 'zod';
import { MAX_POSITION_CHARS } from '../limits';

function decodes(encoded: string, decode: (bytes: Uint8Array) => unknown): boolean {
  try {
    decode(fromBase64(encoded));
    return true;
  } catch {
    return false;
  }
}

/** A Yjs relative position, base64-encoded (an end of a passage). */
export const relativePositionField = z
  .string()
  .max(MAX_POSITION_CHARS)
  .refine((encoded) => decodes(encoded, Y.decodeRelativePosition), 'must be a Yjs relative position, base64-encoded');

/** A Yjs state vector, base64-encoded, decoded to its map of client id to clock. */
export const stateVectorField = z
  .string()
  .max(100_000)
  .transform((encoded, ctx) => {
    try {
      return Y.decodeStateVector(fromBase64(encoded));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a base64-encoded Yjs state vector' });
      return z.NEVER;
    }
  });
