// Rows of section_versions as both databases return them, and their records. A version's
// content (its JSON and its text) is stored compressed in one column, `content`: a long
// section's versions would otherwise each hold it twice over, uncompressed. Rows written
// before that keep their content_json and text.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
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
  /** `{json, text}` as JSON, deflated; null in rows written before it existed. */
  content: Buffer | null;
}

/** A value computed the first time it is asked for: listing versions reads none of their content. */
function once<T>(compute: () => T): () => T {
  let value: { of: T } | null = null;
  return () => (value ??= { of: compute() }).of;
}

/** The version; the snapshot is copied out of the driver's Buffer, the content read when asked for. */
export function toVersion(row: VersionRow): VersionRecord {
  const stored = row.content;
  const content = stored ? once(() => JSON.parse(inflateRawSync(stored).toString('utf8')) as { json: string; text: string }) : () => ({ json: row.content_json, text: row.text });
  return {
    id: row.id,
    sectionId: row.section_id,
    kind: row.kind,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by ? { userId: row.created_by, name: row.created_by_name ?? '', role: row.created_by_role ?? '' } : null,
    snapshot: new Uint8Array(row.snapshot),
    get contentJson() {
      return content().json;
    },
    get text() {
      return content().text;
    },
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
    '',
    '',
    version.hash,
    deflateRawSync(JSON.stringify({ json: version.contentJson, text: version.text })),
  ];
}
