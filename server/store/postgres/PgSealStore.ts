import type { PublicationSeal, SealStore } from '../SealStore';
import { type SealRow, toSeal } from '../rows/sealRows';
import type { Sql } from './PgConnection';

/** SealStore on PostgreSQL (the table `publication_seals`, which triggers keep unchanged). */
export class PgSealStore implements SealStore {
  constructor(private readonly sql: Sql) {}

  async insert(seal: PublicationSeal): Promise<void> {
    await this.sql.query(
      `INSERT INTO publication_seals (publication_id, response_id, audit_seq, audit_hash, html_sha256, docx_sha256, record_sha256, sealed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [seal.publicationId, seal.responseId, seal.auditSeq, seal.auditHash, seal.htmlSha256, seal.docxSha256, seal.recordSha256, seal.sealedAt],
    );
  }

  async forPublication(publicationId: string): Promise<PublicationSeal | null> {
    const row = (await this.sql.query<SealRow>('SELECT * FROM publication_seals WHERE publication_id = $1', [publicationId])).rows[0];
    return row ? toSeal(row) : null;
  }
}
