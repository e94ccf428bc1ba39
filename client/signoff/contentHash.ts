import type * as Y from 'yjs';
import { canonicalJson, sectionJson } from '../../shared/sectionContent';

/**
 * The SHA-256 (hex) of a section's content as this browser holds it, computed as the server
 * computes a sign-off's hash: sent with a sign-off, it makes the server sign exactly the text
 * the signer saw, or refuse.
 */
export async function contentHash(doc: Y.Doc): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(sectionJson(doc)));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
