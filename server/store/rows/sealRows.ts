// Rows of publication_seals as both databases return them, and the seal they record.
import type { PublicationSeal } from '../SealStore';

/** A row of publication_seals. */
export interface SealRow {
  publication_id: string;
  response_id: string;
  audit_seq: number | null;
  audit_hash: string | null;
  html_sha256: string;
  docx_sha256: string;
  record_sha256: string;
  sealed_at: string;
}

/** The seal of one publication. */
export function toSeal(row: SealRow): PublicationSeal {
  return {
    publicationId: row.publication_id,
    responseId: row.response_id,
    auditSeq: row.audit_seq,
    auditHash: row.audit_hash,
    htmlSha256: row.html_sha256,
    docxSha256: row.docx_sha256,
    recordSha256: row.record_sha256,
    sealedAt: row.sealed_at,
  };
}
