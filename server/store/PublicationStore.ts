import type { SqliteDatabase } from './openDatabase';
import { statementCache } from './statementCache';

export interface Publication {
  id: string;
  responseId: string;
  publishedAt: string;
  publishedBy: string;
  html: string;
  htmlSha256: string;
  docx: Buffer;
  docxSha256: string;
  /** The sign-off record, as JSON. */
  recordJson: string;
}

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

/** Publications: written once, never changed. */
export class PublicationStore {
  /** Each statement compiled once. */
  private readonly sql: SqliteDatabase['prepare'];

  constructor(private readonly db: SqliteDatabase) {
    this.sql = statementCache(db);
  }

  insert(publication: Publication): void {
    this.sql(
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
  }

  get(id: string): Publication | null {
    const row = this.sql<[string], PublicationRow>('SELECT * FROM publications WHERE id = ?').get(id);
    return row ? toPublication(row) : null;
  }

  forResponse(responseId: string): Publication | null {
    const row = this.sql<[string], PublicationRow>('SELECT * FROM publications WHERE response_id = ?')
      .get(responseId);
    return row ? toPublication(row) : null;
  }
}
