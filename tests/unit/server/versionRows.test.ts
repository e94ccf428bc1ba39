import { describe, expect, it } from 'vitest';
import { toVersion, versionValues, type VersionRow } from '../../../server/store/rows/versionRows';

const version = {
  sectionId: 's1',
  kind: 'named' as const,
  name: 'Sent to the chief',
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: { userId: 'u1', name: 'Alex Morgan', role: 'pcc' },
  snapshot: new Uint8Array([1, 2, 3]),
  contentJson: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The PCC welcomes the report. '.repeat(200) }] }] }),
  text: 'The PCC welcomes the report. '.repeat(200),
  hash: 'abc',
};

/** The row a database gives back for what versionValues bound (the INSERTs name the columns in this order). */
function rowOf(values: unknown[]): VersionRow {
  const [id, section_id, kind, name, created_at, created_by, created_by_name, created_by_role, snapshot, content_json, text, hash, content] = values;
  return { id, section_id, kind, name, created_at, created_by, created_by_name, created_by_role, snapshot, content_json, text, hash, content } as VersionRow;
}

describe('a version row', () => {
  it('keeps the content once, compressed, and gives it back as it was', () => {
    const values = versionValues('v1', version);
    const row = rowOf(values);
    expect(row.content_json).toBe('');
    expect(row.text).toBe('');
    expect(row.content!.byteLength).toBeLessThan((version.contentJson.length + version.text.length) / 10);
    expect(toVersion(row)).toEqual({ ...version, id: 'v1' });
  });

  it('reads a row written before the content was compressed', () => {
    const row = { ...rowOf(versionValues('v2', version)), content: null, content_json: version.contentJson, text: version.text };
    expect(toVersion(row)).toEqual({ ...version, id: 'v2' });
  });
});
