import { canonicalJson, docFromUpdates, sectionJson, sha256, type ContentNode } from './sectionContent';
import type { UpdateStore } from '../store/UpdateStore';

/** A section's stored content, serialised canonically, and its SHA-256. */
export interface SectionSnapshot {
  content: ContentNode;
  json: string;
  hash: string;
}

/** Reads a section's content from storage (not from any client's copy) and hashes it. */
export async function snapshotSection(updates: UpdateStore, sectionId: string): Promise<SectionSnapshot> {
  const doc = docFromUpdates(await updates.load(sectionId));
  try {
    const content = sectionJson(doc);
    const json = canonicalJson(content);
    return { content, json, hash: sha256(json) };
  } finally {
    doc.destroy();
  }
}
