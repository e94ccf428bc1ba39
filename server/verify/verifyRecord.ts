// `countersign verify`: checks the whole record against the database, through the store
// interfaces only (so it runs the same on any store).
//
// - Every response's activity record: each entry's hash is recomputed from its content, place
//   and the hash it names for the entry before, and the places must run 1, 2, 3... A changed
//   entry no longer matches its hash; a changed entry whose hash was rewritten breaks the link
//   from the next; a removed entry leaves a gap. Removing a response's newest entries leaves
//   no gap: the publication's pin (and, outside the database, every copy of the published page)
//   is what catches that, up to the pinned entry.
// - Every publication: its page and DOCX against their recorded SHA-256; its seal (the hashes
//   and the activity entry it pinned); the activity entry that recorded it; its sign-off record
//   against the sign-offs, the signed content and the section's stored text.
// - Every recommendation update against the activity entry that recorded it (which names the
//   update's hash), and every such entry against the updates.
//
// What it cannot see: someone with the database who rewrites a whole chain from some entry on,
// and every seal and publication after it. The published pages that others hold (the web site,
// HMICFRS's and the Home Secretary's copies) show the pinned entry and the hashes to compare.
import { sha256 } from '../content/sectionContent';
import { snapshotSection } from '../content/sectionSnapshot';
import type { ChainedAuditEntry } from '../store/AuditLog';
import { auditEntryHash, GENESIS_HASH, mentionedUpdateHashes, recommendationUpdateHash } from '../store/recordHashes';
import type { Stores } from '../store/Store';

/** One thing found wrong, with where it is. */
export interface VerifyProblem {
  place: string;
  message: string;
}

/** What was checked (one line each) and what was found wrong. */
export interface VerifyReport {
  checked: string[];
  problems: VerifyProblem[];
  counts: { responses: number; entries: number; publications: number; recommendationUpdates: number };
}

/** Rows read at a time. */
const PAGE = 1_000;

const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : 'none');

interface ChainState {
  count: number;
  lastSeq: number;
  lastHash: string;
  lastId: number | null;
  hashes: Map<number, string>;
  published: ChainedAuditEntry[];
  /** Update hashes named by this response's entries, and the entry naming each. */
  updates: Map<string, number>;
}

interface SignedRecordEntry {
  sectionId: string;
  title: string;
  contentHash: string;
}

function parseRecord(json: string): SignedRecordEntry[] | null {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return null;
    const entries: SignedRecordEntry[] = [];
    for (const item of parsed) {
      const { sectionId, title, contentHash } = (item ?? {}) as Record<string, unknown>;
      if (typeof sectionId !== 'string' || typeof contentHash !== 'string') return null;
      entries.push({ sectionId, title: typeof title === 'string' ? title : sectionId, contentHash });
    }
    return entries;
  } catch {
    return null;
  }
}

/** Checks the activity records, the publications and the recommendation histories; never changes anything. */
export async function verifyRecord(store: Stores): Promise<VerifyReport> {
  const checked: string[] = [];
  const problems: VerifyProblem[] = [];
  const chains = new Map<string, ChainState>();
  const titles = new Map<string, string>();
  const responsePlace = (responseId: string) => `response "${titles.get(responseId) ?? '(unknown)'}" (${responseId})`;

  // 1. Every entry of every activity record, in the order they were written.
  const entries: ChainedAuditEntry[] = [];
  for (let afterId = 0; ; ) {
    const page = await store.audit.scan({ afterId, limit: PAGE });
    if (page.length === 0) break;
    entries.push(...page);
    afterId = page.at(-1)!.id;
  }
  for (const response of await store.responses.getMany([...new Set(entries.map((entry) => entry.responseId))])) titles.set(response.id, response.title);

  for (const entry of entries) {
    let chain = chains.get(entry.responseId);
    if (!chain) {
      chain = { count: 0, lastSeq: 0, lastHash: GENESIS_HASH, lastId: null, hashes: new Map(), published: [], updates: new Map() };
      chains.set(entry.responseId, chain);
    }
    const place = `${responsePlace(entry.responseId)}, activity entry ${entry.seq ?? '(none)'} (row id ${entry.id}, ${entry.action})`;
    chain.count += 1;
    if (entry.seq === null || entry.prevHash === null || entry.hash === null) {
      problems.push({ place, message: 'has no place in the hash chain: it was not written by Countersign' });
      continue;
    }
    const computed = auditEntryHash({ ...entry, seq: entry.seq, prevHash: entry.prevHash });
    if (computed !== entry.hash) {
      problems.push({ place, message: `was changed after it was written: its content hashes to ${short(computed)}, its recorded hash is ${short(entry.hash)}` });
    }
    if (entry.seq > chain.lastSeq + 1) {
      const missing = entry.seq === chain.lastSeq + 2 ? `entry ${chain.lastSeq + 1} is` : `entries ${chain.lastSeq + 1} to ${entry.seq - 1} are`;
      const between = chain.lastId === null ? `before row id ${entry.id}` : `between row ids ${chain.lastId} and ${entry.id}`;
      problems.push({ place: responsePlace(entry.responseId), message: `${missing} missing (${between}): removed from the activity record` });
    } else if (entry.seq <= chain.lastSeq) {
      problems.push({ place, message: `is out of place: it follows entry ${chain.lastSeq}` });
    } else if (entry.prevHash !== chain.lastHash) {
      problems.push({
        place: `${responsePlace(entry.responseId)}, activity entry ${chain.lastSeq} (row id ${chain.lastId ?? '?'})`,
        message: `was replaced or changed and its hash rewritten: entry ${entry.seq} names ${short(entry.prevHash)} as the hash before it, the entry has ${short(chain.lastHash)}`,
      });
    }
    chain.lastSeq = Math.max(chain.lastSeq, entry.seq);
    chain.lastHash = entry.hash;
    chain.lastId = entry.id;
    chain.hashes.set(entry.seq, entry.hash);
    if (entry.action === 'response.published') chain.published.push(entry);
    if (entry.action === 'recommendation.updated') for (const hash of mentionedUpdateHashes(entry.detail)) chain.updates.set(hash, entry.seq);
  }
  for (const [responseId, chain] of chains) {
    checked.push(`Activity record of ${responsePlace(responseId)}: ${chain.count} entries, last entry ${chain.lastSeq} (SHA-256 ${short(chain.lastHash)})`);
  }

  // 2. Every publication.
  const publications = await store.publications.list();
  for (const listed of publications) {
    const publication = await store.publications.get(listed.id);
    if (!publication) continue;
    titles.set(publication.responseId, titles.get(publication.responseId) ?? (await store.responses.get(publication.responseId))?.title ?? '(unknown)');
    const place = `publication ${publication.id} of ${responsePlace(publication.responseId)}`;
    const before = problems.length;
    const htmlSha256 = sha256(publication.html);
    const docxSha256 = sha256(publication.docx);
    if (htmlSha256 !== publication.htmlSha256) problems.push({ place, message: `its page was changed: it hashes to ${short(htmlSha256)}, recorded ${short(publication.htmlSha256)}` });
    if (docxSha256 !== publication.docxSha256) problems.push({ place, message: `its DOCX was changed: it hashes to ${short(docxSha256)}, recorded ${short(publication.docxSha256)}` });

    const chain = chains.get(publication.responseId);
    const recorded = chain?.published.find((entry) => entry.detail.includes(publication.htmlSha256) && entry.detail.includes(publication.docxSha256));
    if (!recorded) {
      problems.push({ place, message: 'no entry of the activity record records this publication with its page\u2019s and DOCX\u2019s SHA-256' });
    }

    const seal = await store.seals.forPublication(publication.id);
    const pinned = seal !== null || (recorded?.detail.includes('pins activity entry') ?? false);
    if (!seal && pinned) problems.push({ place, message: 'its seal (the entry it pinned and its hashes) was removed' });
    let pinNote = 'published before publications were sealed: no pinned entry';
    if (seal) {
      if (seal.htmlSha256 !== htmlSha256) problems.push({ place, message: 'its page does not match the SHA-256 its seal pinned' });
      if (seal.docxSha256 !== docxSha256) problems.push({ place, message: 'its DOCX does not match the SHA-256 its seal pinned' });
      if (seal.recordSha256 !== sha256(publication.recordJson)) problems.push({ place, message: 'its sign-off record was changed since it was sealed' });
      if (seal.auditSeq !== null && seal.auditHash !== null) {
        const found = chain?.hashes.get(seal.auditSeq);
        if (found !== seal.auditHash) {
          problems.push({
            place,
            message: found
              ? `pins activity entry ${seal.auditSeq} with SHA-256 ${short(seal.auditHash)}, but that entry now has ${short(found)}`
              : `pins activity entry ${seal.auditSeq}, which is missing from the activity record: removed`,
          });
        }
        if (!publication.html.includes(seal.auditHash)) problems.push({ place, message: 'its page does not show the activity entry its seal pinned' });
        pinNote = `pins activity entry ${seal.auditSeq}`;
      } else {
        pinNote = 'pins an empty activity record';
      }
    }

    const record = parseRecord(publication.recordJson);
    if (!record) {
      problems.push({ place, message: 'its sign-off record cannot be read' });
    } else {
      for (const signed of record) {
        const sectionPlace = `${place}, section "${signed.title}" (${signed.sectionId})`;
        const [signOff, content, snapshot] = await Promise.all([
          store.signOffs.current(signed.sectionId),
          store.signOffs.currentContent(signed.sectionId),
          snapshotSection(store.updates, signed.sectionId),
        ]);
        if (signOff?.contentHash !== signed.contentHash) problems.push({ place: sectionPlace, message: 'its sign-off no longer records the hash the publication gives' });
        if (content === null || sha256(content) !== signed.contentHash) problems.push({ place: sectionPlace, message: 'the content that was signed no longer hashes to the signed hash' });
        if (snapshot.hash !== signed.contentHash) problems.push({ place: sectionPlace, message: 'its stored text no longer matches what was signed and published' });
        if (!publication.html.includes(signed.contentHash)) problems.push({ place: sectionPlace, message: 'the page does not show its content hash' });
      }
    }
    if (problems.length === before) {
      checked.push(`Publication ${publication.id} of ${responsePlace(publication.responseId)}: page and DOCX match their SHA-256, ${record?.length ?? 0} signed sections match their content, ${pinNote}`);
    }
  }

  // 3. Every recommendation update against the entry that recorded it, and back.
  let updates = 0;
  const matched = new Set<string>();
  for (let afterId = 0; ; ) {
    const page = await store.tracking.scan({ afterId, limit: PAGE });
    if (page.length === 0) break;
    afterId = page.at(-1)!.id;
    for (const update of page) {
      updates += 1;
      const hash = recommendationUpdateHash(update);
      if (chains.get(update.responseId)?.updates.has(hash)) {
        matched.add(`${update.responseId}/${hash}`);
      } else {
        problems.push({
          place: `${responsePlace(update.responseId)}, recommendation update (row id ${update.id}, ${update.at})`,
          message: 'matches no activity entry: it was changed, or written outside Countersign',
        });
      }
    }
  }
  for (const [responseId, chain] of chains) {
    for (const [hash, seq] of chain.updates) {
      if (!matched.has(`${responseId}/${hash}`)) {
        problems.push({ place: `${responsePlace(responseId)}, activity entry ${seq}`, message: `records a recommendation update (SHA-256 ${short(hash)}) that is not in the database: removed or changed` });
      }
    }
  }
  checked.push(`Recommendation updates: ${updates}, each checked against the activity entry that recorded it`);

  return {
    checked,
    problems,
    counts: { responses: chains.size, entries: entries.length, publications: publications.length, recommendationUpdates: updates },
  };
}
