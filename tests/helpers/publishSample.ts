// Publishes the demo's sample response over HTTP, as its signatories would: each section
// signed off by its owner's signatory, then published by the PCC.
import type { PublicationInfo, ResponseDetail } from '../../shared/api';
import { addExistingMember, api, appendParagraph, connectSection, login, sampleResponse, serverRoundTrip } from './clients';
import { waitFor } from './waitFor';

/** The demo signatories' session cookies, by role. */
export interface DemoCookies {
  pcc: string;
  chief: string;
  lead: string;
  officer: string;
  viewer: string;
}

/** Signs in every demo user. */
export async function demoCookies(url: string): Promise<DemoCookies> {
  const [pcc, chief, lead, officer, viewer] = await Promise.all(
    ['pcc', 'chief', 'lead', 'officer', 'viewer'].map((name) => login(url, `${name}@example.org`)),
  );
  return { pcc: pcc!, chief: chief!, lead: lead!, officer: officer!, viewer: viewer! };
}

/** Signs off every section of a response by its owner's signatory and publishes it. */
export async function signOffAndPublish(url: string, cookies: DemoCookies, responseId: string): Promise<PublicationInfo> {
  const signers: Record<string, string> = { pcc: cookies.pcc, chief_constable: cookies.chief, portfolio_lead: cookies.lead };
  const detail = (await api<ResponseDetail>(url, cookies.pcc, 'GET', `/api/responses/${responseId}`)).body;
  for (const section of detail.sections.filter((s) => s.state === 'drafting')) {
    const signed = await api(url, signers[section.ownerRole]!, 'POST', `/api/responses/${responseId}/sections/${section.id}/signoff`, {});
    if (signed.status !== 200) throw new Error(`sign off "${section.title}": ${signed.status} ${JSON.stringify(signed.body)}`);
  }
  const published = await api<PublicationInfo>(url, cookies.pcc, 'POST', `/api/responses/${responseId}/publish`);
  if (published.status !== 201) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

/** Publishes the demo's sample response; returns it as published and its publication. */
export async function publishSample(url: string, cookies: DemoCookies): Promise<{ sample: ResponseDetail; publication: PublicationInfo }> {
  const draft = await sampleResponse(url, cookies.pcc);
  const publication = await signOffAndPublish(url, cookies, draft.id);
  const sample = (await api<ResponseDetail>(url, cookies.pcc, 'GET', `/api/responses/${draft.id}`)).body;
  return { sample, publication };
}

/** Writes a paragraph into a section through a real provider, and resolves once the server has handled it. */
export async function writeSection(url: string, cookie: string, responseId: string, sectionId: string, text: string): Promise<void> {
  const client = connectSection(url, cookie, responseId, sectionId);
  try {
    await waitFor(() => {
      if (!client.provider.synced) throw new Error('not synced yet');
    });
    appendParagraph(client.doc, text);
    await serverRoundTrip(client.provider);
  } finally {
    client.destroy();
  }
}

/** Adds the demo's Chief Constable and portfolio lead signatories to a response the PCC created; each accepts. */
export async function addDemoSignatories(url: string, cookies: DemoCookies, responseId: string): Promise<void> {
  for (const [email, role, cookie] of [
    ['chief@example.org', 'chief_constable', cookies.chief],
    ['lead@example.org', 'portfolio_lead', cookies.lead],
  ] as const) {
    await addExistingMember(url, cookies.pcc, responseId, cookie, { email, role, capacity: 'signatory' });
  }
}
