import type { PublicationListing, PublicationStore } from '../PublicationStore';
import type { Publication } from '../records';
import { type ListingRow, type PublicationRow, LIST_PUBLICATIONS, publicationValues, toListing, toPublication } from '../rows/publicationRows';
import type { Sql } from './PgConnection';

/** PublicationStore on PostgreSQL (the table `publications`). */
export class PgPublicationStore implements PublicationStore {
  constructor(private readonly sql: Sql) {}

  async insert(publication: Publication): Promise<void> {
    await this.sql.query(
      `INSERT INTO publications (id, response_id, published_at, published_by, html, html_sha256, docx, docx_sha256, record_json)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      publicationValues(publication),
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
    const { rows } = await this.sql.query<ListingRow>(LIST_PUBLICATIONS);
    return rows.map(toListing);
  }
}
