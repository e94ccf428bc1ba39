import type { PublicationSeal, SealStore } from '../SealStore';
import { type SealRow, toSeal } from '../rows/sealRows';
import type { SqliteConnection } from './SqliteConnection';

/** SealStore on SQLite (the table `publication_seals`, which triggers keep unchanged). */
export class SqliteSealStore implements SealStore {
  constructor(private readonly conn: SqliteConnection) {}

  insert(seal: PublicationSeal): Promise<void> {
    return this.conn.run(() => {
      this.conn.sql(
          `INSERT INTO publication_seals (publication_id, response_id, audit_seq, audit_hash, html_sha256, docx_sha256, record_sha256, sealed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(seal.publicationId, seal.responseId, seal.auditSeq, seal.auditHash, seal.htmlSha256, seal.docxSha256, seal.recordSha256, seal.sealedAt);
    });
  }

  forPublication(publicationId: string): Promise<PublicationSeal | null> {
    return this.conn.run(() => {
      const row = this.conn.sql<[string], SealRow>('SELECT * FROM publication_seals WHERE publication_id = ?').get(publicationId);
      return row ? toSeal(row) : null;
    });
  }
}
