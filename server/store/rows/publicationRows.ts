// Rows of publications as both databases return them, and their records.
import type { PublicationListing } from '../PublicationStore';
import type { Publication } from '../records';

/** A row of publications. */
export interface PublicationRow {
  id: string;
  response_id: string;
  published_at: string;
  published_by: string;
  html: string;
  html_sha256: string;
  docx: Buffer;
  docx_sha256: string;
  record_json: string;
}

/** The publication with both documents. */
export function toPublication(row: PublicationRow): Publication {
  return {
    id: row.id,
    responseId: row.response_id,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    html: row.html,
    htmlSha256: row.html_sha256,
    docx: row.docx,
    docxSha256: row.docx_sha256,
    recordJson: row.record_json,
  };
}

/** The columns a listing reads: not the documents themselves. */
export type ListingRow = Omit<PublicationRow, 'html' | 'docx' | 'record_json'>;

/** The same statement in both dialects: it takes no parameters. */
export const LIST_PUBLICATIONS = 'SELECT id, response_id, published_at, published_by, html_sha256, docx_sha256 FROM publications ORDER BY published_at DESC, id';

/** A listing entry: the documents' hashes, not the documents. */
export function toListing(row: ListingRow): PublicationListing {
  return {
    id: row.id,
    responseId: row.response_id,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    htmlSha256: row.html_sha256,
    docxSha256: row.docx_sha256,
  };
}

/** What both INSERTs bind, in the order of the columns they name. */
export function publicationValues(publication: Publication): unknown[] {
  return [
    publication.id,
    publication.responseId,
    publication.publishedAt,
    publication.publishedBy,
    publication.html,
    publication.htmlSha256,
    publication.docx,
    publication.docxSha256,
    publication.recordJson,
  ];
}
