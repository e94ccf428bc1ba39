// The public register: the PCC's published responses, for anyone (no sign-in), newest first,
// each with its report, the statutory deadline and whether it was published on time.
import { daysBetween, ukToday } from '../../shared/deadline';
import type { RegisterEntry, RegisterIndex } from '../../shared/trackingApi';
import type { Stores } from '../store/Store';

/** Where the register and its feeds are served. */
export const REGISTER_PATHS = { html: '/published', atom: '/published/feed.atom', json: '/published/index.json' } as const;

/** Every publication as the register lists it, newest first; URLs are absolute on `baseUrl`. */
export async function registerEntries(store: Stores, baseUrl: string): Promise<RegisterEntry[]> {
  const publications = await store.publications.list();
  const responses = new Map((await store.responses.getMany([...new Set(publications.map((p) => p.responseId))])).map((r) => [r.id, r]));
  const entries: RegisterEntry[] = [];
  for (const publication of publications) {
    const response = responses.get(publication.responseId);
    if (!response) continue;
    // On time means published on or before the last day, in UK calendar dates (s.55(5A)).
    const publishedOn = ukToday(new Date(publication.publishedAt));
    const daysLate = Math.max(0, daysBetween(response.deadline, publishedOn));
    entries.push({
      publicationId: publication.id,
      title: response.title,
      report: response.report,
      deadline: response.deadline,
      publishedAt: publication.publishedAt,
      publishedOn,
      publishedBy: publication.publishedBy,
      onTime: daysLate === 0,
      daysLate,
      htmlUrl: `${baseUrl}/published/${publication.id}`,
      docxUrl: `${baseUrl}/published/${publication.id}.docx`,
      htmlSha256: publication.htmlSha256,
      docxSha256: publication.docxSha256,
    });
  }
  return entries;
}

/** The register's title, as every rendering of it says it. */
export const REGISTER_TITLE = 'Published responses to HMICFRS inspection reports';

/** `GET /published/index.json`. */
export function registerIndex(entries: RegisterEntry[], baseUrl: string): RegisterIndex {
  return {
    title: REGISTER_TITLE,
    updated: entries[0]?.publishedAt ?? null,
    htmlUrl: `${baseUrl}${REGISTER_PATHS.html}`,
    feedUrl: `${baseUrl}${REGISTER_PATHS.atom}`,
    publications: entries,
  };
}
