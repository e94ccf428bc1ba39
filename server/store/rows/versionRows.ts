// Rows of section_versions as both databases return them, and their records.
import type { VersionKind } from '../../../shared/model';
import type { VersionRecord } from '../VersionStore';

/** A row of section_versions. */
export interface VersionRow {
  id: string;
  section_id: string;
  kind: VersionKind;
  name: string | null;
  created_at: string;
  created_by: string | null;
  created_by_name: string | null;
  created_by_role: string | null;
  snapshot: Buffer;
  content_json: string;
  text: string;
  hash: string;
}

/** The version; the snapshot is copied out of the driver's Buffer. */
export function toVersion(row: VersionRow): VersionRecord {
  return {
    id: row.id,
    sectionId: row.section_id,
    kind: row.kind,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by ? { userId: row.created_by, name: row.created_by_name ?? '', role: row.created_by_role ?? '' } : null,
    snapshot: new Uint8Array(row.snapshot),
    contentJson: row.content_json,
    text: row.text,
    hash: row.hash,
  };
}

/** What both INSERTs bind, in the order of the columns they name (id first). */
export function versionValues(id: string, version: Omit<VersionRecord, 'id'>): unknown[] {
  return [
    id,
    version.sectionId,
    version.kind,
    version.name,
    version.createdAt,
    version.createdBy?.userId ?? null,
    version.createdBy?.name ?? null,
    version.createdBy?.role ?? null,
    Buffer.from(version.snapshot),
    version.contentJson,
    version.text,
    version.hash,
  ];
}
