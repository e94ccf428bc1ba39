import type { VersionKind } from '../../shared/model';

/** Who made a version: the member, with their name and role at that moment. */
export interface VersionAuthor {
  userId: string;
  name: string;
  role: string;
}

/** A section's text at a moment that matters: a Yjs snapshot of the section's document, and its content then. */
export interface VersionRecord {
  id: string;
  sectionId: string;
  kind: VersionKind;
  name: string | null;
  createdAt: string;
  createdBy: VersionAuthor | null;
  /** Y.encodeSnapshot of the document at that moment (its state vector and delete set). */
  snapshot: Uint8Array;
  /** The content then, as canonical JSON (sectionJson), its plain text and its SHA-256. */
  contentJson: string;
  text: string;
  hash: string;
}

/** Versions of sections (the table `section_versions`): written once, never changed. */
export interface VersionStore {
  create(version: Omit<VersionRecord, 'id'>): Promise<VersionRecord>;
  /** A section's versions, newest first. */
  list(sectionId: string): Promise<VersionRecord[]>;
  /** A version, only if it belongs to the section. */
  get(sectionId: string, versionId: string): Promise<VersionRecord | null>;
  /** The newest version of a section, of a kind if given. */
  latest(sectionId: string, kind?: VersionKind): Promise<VersionRecord | null>;
  /** Removes a section's versions (the section was removed). */
  deleteSection(sectionId: string): Promise<void>;
}
