// The server's side of a section's content: the shared reading of it (shared/sectionContent.ts),
// its SHA-256, documents rebuilt from stored updates, and seed text.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { SECTION_FRAGMENT } from '../../shared/protocol';
import type { ContentNode } from '../../shared/sectionContent';

export { canonicalJson, isEmptyContent, plainText, sectionJson, type ContentNode, type Mark } from '../../shared/sectionContent';

/** The section's document rebuilt from stored updates. */
export function docFromUpdates(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  // Applied one by one in one transaction: Y.mergeUpdates is far slower on long logs.
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/** SHA-256 (hex) of bytes or text. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A paragraph of seed text; `italic` marks the whole paragraph. */
export interface SeedParagraph {
  text: string;
  italic?: boolean;
}

/** Writes paragraphs into a section document, as TipTap would have. */
export function writeParagraphs(doc: Y.Doc, paragraphs: SeedParagraph[]): void {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  doc.transact(() => {
    for (const paragraph of paragraphs) {
      const element = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      element.insert(0, [text]);
      fragment.push([element]);
      text.insert(0, paragraph.text, paragraph.italic ? { italic: {} } : undefined);
    }
  });
}
