/** What a publication pins when it is made: the head of its response's activity chain and the hashes of what it published. */
export interface PublicationSeal {
  publicationId: string;
  responseId: string;
  /** The newest entry of the response's activity chain when the publication was rendered (null if it had none). */
  auditSeq: number | null;
  auditHash: string | null;
  htmlSha256: string;
  docxSha256: string;
  /** SHA-256 of the sign-off record (the publication's JSON of every section's signed content hash). */
  recordSha256: string;
  sealedAt: string;
}

/** Publication seals (the table `publication_seals`): written once with the publication, never changed. */
export interface SealStore {
  insert(seal: PublicationSeal): Promise<void>;
  forPublication(publicationId: string): Promise<PublicationSeal | null>;
}
