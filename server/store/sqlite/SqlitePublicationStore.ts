import type { PublicationListing, PublicationStore } from '../PublicationStore';
import type { Publication } from '../records';
import type { SqliteConnection } from './SqliteConnection';

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

/** PublicationStore on SQLite (the table `publications`). */
export class SqlitePublicationStore implements PublicationStore {
  constructor(private readonly conn: SqliteConnection) {}

  insert(publication: Publication): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql(
          `INSERT INTO publications (id, response_id, published_at, published_by, html, html_sha256, docx, docx_sha256, record_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          publication.id,
          publication.responseId,
          publication.publishedAt,
          publication.publishedBy,
          publication.html,
          publication.htmlSha256,
          publication.docx,
          publication.docxSha256,
          publication.recordJson,
        );
    });
  }

  get(id: string): Promise<Publication | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string], PublicationRow>('SELECT * FROM publications WHERE id = ?').get(id);
      return row ? toPublication(row) : null;
    });
  }

  forResponse(responseId: string): Promise<Publication | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string], PublicationRow>('SELECT * FROM publications WHERE response_id = ?').get(responseId);
      return row ? toPublication(row) : null;
    });
  }

  list(): Promise<PublicationListing[]> {
    return this.conn.run(() =>
      this.conn.sql<[], Omit<PublicationRow, 'html' | 'docx' | 'record_json'>>(
          'SELECT id, response_id, published_at, published_by, html_sha256, docx_sha256 FROM publications ORDER BY published_at DESC, id',
        )
        .all()
        .map((row) => ({
          id: row.id,
          responseId: row.response_id,
          publishedAt: row.published_at,
          publishedBy: row.published_by,
          htmlSha256: row.html_sha256,
          docxSha256: row.docx_sha256,
        })),
    );
  }
}
