// The hashes that make the record tamper-evident, defined once for every store implementation
// and for `countersign verify`.
//
// The activity record is a hash chain per response (not one chain over the whole database): a
// response's entries are numbered from 1 and each entry's hash covers its content, its number
// and the hash of the entry before it. Per response because a publication pins its own
// response's record (a reader of one publication need not trust, or see, any other response's
// private activity); because a response exported to another database keeps a chain that still
// verifies (the chain does not use the database's row ids); and because with several server
// instances on PostgreSQL, appends only queue behind others to the same response, not to all.
//
// Each hash is the SHA-256 of canonical JSON (keys sorted), with a version for later changes.
import { canonicalJson, sha256 } from '../content/sectionContent';

/** The "previous hash" of a response's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The content of an activity entry that its hash covers, as stored. */
export interface AuditEntryContent {
  responseId: string;
  seq: number;
  prevHash: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  sectionId: string | null;
  detail: string;
}

/** SHA-256 (hex) of an activity entry, its place in the chain and the hash before it. */
export function auditEntryHash(entry: AuditEntryContent): string {
  return sha256(
    canonicalJson({
      v: 1,
      responseId: entry.responseId,
      seq: entry.seq,
      prevHash: entry.prevHash,
      at: entry.at,
      actorId: entry.actorId,
      actorName: entry.actorName,
      action: entry.action,
      sectionId: entry.sectionId,
      detail: entry.detail,
    }),
  );
}

/** The content of a recommendation update that its hash covers. */
export interface RecommendationUpdateContent {
  responseId: string;
  sectionId: string;
  status: string;
  hmicfrsView: string | null;
  targetDate: string | null;
  note: string;
  links: string[];
  by: { userId: string; name: string };
  at: string;
}

/**
 * SHA-256 (hex) of a recommendation update. The activity entry that records the update names
 * this hash, so the chain vouches for the update's row too.
 */
export function recommendationUpdateHash(update: RecommendationUpdateContent): string {
  return sha256(
    canonicalJson({
      v: 1,
      responseId: update.responseId,
      sectionId: update.sectionId,
      status: update.status,
      hmicfrsView: update.hmicfrsView,
      targetDate: update.targetDate,
      note: update.note,
      links: update.links,
      byId: update.by.userId,
      byName: update.by.name,
      at: update.at,
    }),
  );
}

/** How an activity entry names the recommendation update it records (verify reads it back). */
export function updateHashMention(hash: string): string {
  return `record SHA-256 ${hash}`;
}

/** Every update hash an activity entry's detail names. */
export function mentionedUpdateHashes(detail: string): string[] {
  return [...detail.matchAll(/record SHA-256 ([0-9a-f]{64})/g)].map((match) => match[1]!);
}
