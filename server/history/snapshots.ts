// A section's document with its history (deleted content kept), and its content at a moment:
// now, or as a Yjs snapshot (state vector and delete set) recorded it.
import * as Y from 'yjs';
import { canonicalJson, plainText, sectionJson, sha256, type ContentNode } from '../content/sectionContent';

/** What a version holds besides its snapshot: the content then, its text and hash. */
export interface VersionContent {
  content: ContentNode;
  json: string;
  text: string;
  hash: string;
}

/** The section's document from its stored updates, keeping deleted content (gc off). */
export function historyDoc(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/** The content of a document as it is now. */
export function contentOf(doc: Y.Doc): VersionContent {
  const content = sectionJson(doc);
  const json = canonicalJson(content);
  return { content, json, text: plainText(content), hash: sha256(json) };
}

/** The content as a snapshot of the document (which must keep deleted content) recorded it. */
export function contentAt(doc: Y.Doc, snapshot: Y.Snapshot): VersionContent {
  const past = Y.createDocFromSnapshot(doc, snapshot, new Y.Doc({ gc: false }));
  try {
    return contentOf(past);
  } finally {
    past.destroy();
  }
}
