import type { PublicationInfo, User } from '../../shared/api';
import type { Membership, Section } from '../../shared/model';
import { canPublish } from '../../shared/permissions';
import { sha256 } from '../content/sectionContent';
import { announceChange, recordActivity, type ServerContext } from '../context';
import { conflict, forbidden } from '../http/errors';
import { publicationInfo } from '../http/responseViews';
import { newId } from '../store/ids';
import type { ResponseRecord } from '../store/ResponseStore';
import { snapshotSection } from '../signoff/sectionSnapshot';
import type { PublicationInput } from './PublicationInput';
import { renderPublicationDocx } from './renderDocx';
import { renderPublicationHtml } from './renderHtml';

type SignedSection = PublicationInput['sections'][number]['section'];

/** The sections that stop publication, in words for the PCC; empty when it may go ahead. */
function blockers(sections: Section[]): string[] {
  const problems: string[] = [];
  if (sections.length === 0) problems.push('the response has no sections');
  const unsigned = sections.filter((section) => section.state !== 'signed_off' || !section.signOff);
  if (unsigned.length > 0) problems.push(`not signed off: ${unsigned.map((section) => section.title).join(', ')}`);
  return problems;
}

/**
 * Locks and publishes a response: only the PCC's signatory, only when every section is signed
 * off and still holds exactly what was signed. Renders the stored content (not a browser's
 * copy) to HTML and DOCX and keeps both, with their hashes and the sign-off record, for good.
 */
export async function publishResponse(
  context: ServerContext,
  action: { user: User; response: ResponseRecord; membership: Membership },
): Promise<PublicationInfo> {
  const { store, sync } = context;
  const { user, response, membership } = action;
  if (response.state === 'published') throw conflict('published', 'This response is already published');
  if (!canPublish(membership, response)) throw forbidden("Only the Police and Crime Commissioner's signatory can publish the response");

  const sections = store.responses.listSections(response.id);
  const problems = blockers(sections);
  const open = store.threads.list(response.id).filter((thread) => thread.state === 'open');
  if (open.length > 0) {
    const titles = new Map(sections.map((section) => [section.id, section.title]));
    const described = open.map((thread) => `"${(thread.anchor?.quote ?? thread.comments[0]?.body ?? '').slice(0, 60)}" on ${titles.get(thread.sectionId) ?? 'a removed section'}`);
    problems.push(`${open.length} open thread${open.length === 1 ? '' : 's'} to resolve: ${described.join('; ')}`);
  }
  if (problems.length > 0) throw conflict('not_ready', `The response cannot be published yet: ${problems.join('; ')}`);

  const entries: PublicationInput['sections'] = [];
  for (const section of sections as SignedSection[]) {
    const snapshot = await snapshotSection(store.updates, section.id);
    if (snapshot.hash !== section.signOff.contentHash) {
      throw conflict('content_changed', `"${section.title}" no longer matches what was signed off; reopen and sign it off again`);
    }
    entries.push({ section, content: snapshot.content });
  }

  const input: PublicationInput = { response, sections: entries, publishedAt: new Date().toISOString(), publishedBy: user.name };
  const html = renderPublicationHtml(input);
  const docx = await renderPublicationDocx(input);

  // Rendering took time: check again, in one synchronous step with the write, that nothing
  // was reopened or published meanwhile.
  store.transaction(() => {
    const now = store.responses.get(response.id);
    if (now?.state !== 'drafting') throw conflict('published', 'This response is already published');
    const current = store.responses.listSections(response.id);
    const changed = current.some((section, i) => section.id !== sections[i]?.id || section.signOff?.contentHash !== sections[i]?.signOff?.contentHash);
    if (changed || current.length !== sections.length || blockers(current).length > 0 || store.threads.countOpen(response.id) > 0) {
      throw conflict('changed_meanwhile', 'A section changed while publishing; try again');
    }
    store.publications.insert({
      id: newId(),
      responseId: response.id,
      publishedAt: input.publishedAt,
      publishedBy: user.name,
      html,
      htmlSha256: sha256(html),
      docx,
      docxSha256: sha256(docx),
      recordJson: JSON.stringify(entries.map(({ section }) => ({ sectionId: section.id, title: section.title, ...section.signOff }))),
    });
    store.responses.setState(response.id, 'published');
  });

  await sync.refreshAccess(response.id);
  const info = publicationInfo(store, response.id)!;
  recordActivity(context, {
    responseId: response.id,
    actor: { userId: user.id, name: user.name },
    action: 'response.published',
    detail: `Published at ${info.htmlUrl} (HTML SHA-256 ${info.htmlSha256}; DOCX SHA-256 ${info.docxSha256})`,
  });
  announceChange(context, response.id, 'published');
  return info;
}
