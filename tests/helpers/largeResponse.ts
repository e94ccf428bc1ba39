// A response with many sections, made as an administrator would through the API: the standard
// sections, then a report's recommendations imported (one section each), and the demo's people
// as members (each invited and accepting, as membership needs their consent).
import type { ResponseDetail } from '../../shared/api';
import { addExistingMember, api, login } from './clients';

/** The demo's other people, in the seats they hold in the sample response. */
const DEMO_MEMBERS = [
  { email: 'chief@example.org', role: 'chief_constable', capacity: 'signatory' },
  { email: 'lead@example.org', role: 'portfolio_lead', capacity: 'signatory' },
  { email: 'officer@example.org', role: 'pcc', capacity: 'drafter' },
  { email: 'viewer@example.org', role: 'pcc', capacity: 'viewer' },
] as const;

/** Numbered recommendations, as a report lists them. */
export function recommendationsText(count: number): string {
  return Array.from({ length: count }, (_, i) => `${i + 1}. By March 2027, the force should act on finding number ${i + 1}.`).join('\n');
}

/**
 * Creates a response (the creator, signed in as `cookie`, administers it) with `recommendations`
 * imported for `ownerRole`, and the demo's people as members. Returns it as the creator sees it.
 */
export async function createLargeResponse(
  url: string,
  cookie: string,
  options: { recommendations: number; ownerRole?: string; title?: string },
): Promise<ResponseDetail> {
  const created = await api<ResponseDetail>(url, cookie, 'POST', '/api/responses', {
    title: options.title ?? `A response with ${options.recommendations} recommendations`,
    report: { title: 'An inspection with many recommendations', publishedOn: '2026-11-20', url: 'https://www.example.org/report' },
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  const imported = await api(url, cookie, 'POST', `/api/responses/${id}/recommendations/import`, {
    text: recommendationsText(options.recommendations),
    ownerRole: options.ownerRole ?? 'chief_constable',
    preview: false,
  });
  if (imported.status !== 201 && imported.status !== 200) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body)}`);
  for (const member of DEMO_MEMBERS) await addExistingMember(url, cookie, id, await login(url, member.email), member);
  const detail = await api<ResponseDetail>(url, cookie, 'GET', `/api/responses/${id}`);
  if (detail.status !== 200) throw new Error(`detail: ${detail.status}`);
  return detail.body;
}
