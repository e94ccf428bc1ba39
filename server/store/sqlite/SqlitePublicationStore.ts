import type { PublicationListing, PublicationStore } from '../PublicationStore';
import type { Publication } from '../records';
import { type ListingRow, type PublicationRow, LIST_PUBLICATIONS, publicationValues, toListing, toPublication } from '../rows/publicationRows';
import type { SqliteConnection } from './SqliteConnection';

/** PublicationStore on SQLite (the table `publications`). */
export class SqlitePublicationStore implements PublicationStore {
  constructor(private readonly conn: SqliteConnection) {}

  insert(publication: Publication): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql(
          `INSERT INTO publications (id, response_id, published_at, published_by, html, html_sha256, docx, docx_sha256, record_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...publicationValues(publication));
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
      this.conn.sql<[], ListingRow>(LIST_PUBLICATIONS)
        .all()
        .map(toListing),
    );
  }
}
