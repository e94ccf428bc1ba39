import type { PublicationListing, PublicationStore } from '../PublicationStore';
import type { Publication } from '../records';
import type { Sql } from './PgConnection';

interface PublicationRow {
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

function toPublication(row: PublicationRow): Publication {
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

/** PublicationStore on PostgreSQL (the table `publications`). */
export class PgPublicationStore implements PublicationStore {
  constructor(private readonly sql: Sql) {}

  async insert(publication: Publication): Promise<void> {
    await this.sql.query(
      `INSERT INTO publications (id, response_id, published_at, published_by, html, html_sha256, docx, docx_sha256, record_json)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        publication.id,
        publication.responseId,
        publication.publishedAt,
        publication.publishedBy,
        publication.html,
        publication.htmlSha256,
        publication.docx,
        publication.docxSha256,
        publication.recordJson,
      ],
    );
  }

  async get(id: string): Promise<Publication | null> {
    const row = (await this.sql.query<PublicationRow>('SELECT * FROM publications WHERE id = $1', [id])).rows[0];
    return row ? toPublication(row) : null;
  }

  async forResponse(responseId: string): Promise<Publication | null> {
    const row = (await this.sql.query<PublicationRow>('SELECT * FROM publications WHERE response_id = $1', [responseId])).rows[0];
    return row ? toPublication(row) : null;
  }

  async list(): Promise<PublicationListing[]> {
    const { rows } = await this.sql.query<Omit<PublicationRow, 'html' | 'docx' | 'record_json'>>(
      'SELECT id, response_id, published_at, published_by, html_sha256, docx_sha256 FROM publications ORDER BY published_at DESC, id',
    );
    return rows.map((row) => ({
      id: row.id,
      responseId: row.response_id,
      publishedAt: row.published_at,
      publishedBy: row.published_by,
      htmlSha256: row.html_sha256,
      docxSha256: row.docx_sha256,
    }));
  }
}
