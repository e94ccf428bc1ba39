// Lock and publish, and the statutory steps after it.
import type { PublicationInfo, StatutorySteps, User } from '../../shared/api';
import { DEFAULT_ORGANISATION, signOffOrganisationProblem } from '../../shared/organisations';
import { canPublish, canRecordStatutorySteps, PCC_ROLE } from '../../shared/permissions';
import { describeBlocker, publicationBlockers } from '../../shared/publication';
import { sha256 } from '../content/sectionContent';
import { snapshotSection } from '../content/sectionSnapshot';
import type { ServerContext } from '../context';
import type { PublicationInput } from '../publish/PublicationInput';
import { renderPublicationDocx } from '../publish/renderDocx';
import { renderPublicationHtml } from '../publish/renderHtml';
import { newId } from '../store/ids';
import type { Stores } from '../store/Store';
import { memberAccess } from './access';
import { actorOf, announceChange, recordActivity } from './activity';
import { conflict, forbidden } from './errors';
import { notifyPublished } from './notices';
import { announceNotifications } from './notify';
import { holderOf, organisationOfEmail } from './organisations';
import { publicationInfo, publicationPaths, sectionsOf } from './views';

type SignedSection = PublicationInput['sections'][number]['section'];

/** What stops publication now, in words, from the shared rules; empty when it may go ahead. */
async function blockersNow(store: Stores, responseId: string): Promise<string[]> {
  const [sections, threads, suggestions] = await Promise.all([
    store.responses.listSections(responseId),
    store.threads.list(responseId),
    store.suggestions.list(responseId),
  ]);
  const summaries = threads.map((thread) => ({
    id: thread.id,
    sectionId: thread.sectionId,
    state: thread.state,
    summary: (thread.anchor?.quote ?? thread.comments[0]?.body ?? '').slice(0, 60),
  }));
  return publicationBlockers(sections, summaries, suggestions).map(describeBlocker);
}

/**
 * Locks and publishes a response: only the PCC's signatory, only when nothing blocks it and every
 * section still holds exactly what was signed. Renders the stored content (not a browser's copy)
 * to HTML and DOCX and keeps both, with their hashes and the sign-off record, for good.
 */
export async function publishResponse(context: ServerContext, user: User, command: { responseId: string }): Promise<PublicationInfo> {
  const { store, sync } = context;
  const { response, membership } = await memberAccess(store, command.responseId, user.id);
  if (response.state === 'published') throw conflict('published', 'This response is already published');
  if (!canPublish(membership, response)) throw forbidden("Only the Police and Crime Commissioner's signatory can publish the response");
  const publisher = await holderOf(context.config, store, response.id, PCC_ROLE);
  const wrongOrganisation = signOffOrganisationProblem({ organisationId: organisationOfEmail(context.config, user.email)?.id ?? null }, PCC_ROLE, publisher);
  if (wrongOrganisation) throw forbidden(wrongOrganisation, 'organisation_rule');

  const problems = await blockersNow(store, response.id);
  if (problems.length > 0) throw conflict('not_ready', `The response cannot be published yet: ${problems.join('; ')}`);

  const sections = (await sectionsOf(store, response.id)) as SignedSection[];
  const entries: PublicationInput['sections'] = [];
  for (const section of sections) {
    const snapshot = await snapshotSection(store.updates, section.id);
    if (snapshot.hash !== section.signOff.contentHash) {
      throw conflict('content_changed', `"${section.title}" no longer matches what was signed off; reopen and sign it off again`);
    }
    entries.push({ section, content: snapshot.content });
  }

  // The published page pins the activity record as it stands now (verify checks the pin).
  const auditHead = await store.audit.head(response.id);
  const publicationId = newId();
  const input: PublicationInput = { response, sections: entries, publishedAt: new Date().toISOString(), publishedBy: user.name, auditHead };
  // The DOCX first: the page links to it with its size and hash.
  const docx = await renderPublicationDocx(input);
  const docxSha256 = sha256(docx);
  const html = renderPublicationHtml(input, {
    docx: { href: publicationPaths(publicationId).docxUrl, bytes: docx.length, sha256: docxSha256 },
    // The page's header names the PCC's office as the installation names it (not the catch-all default).
    organisation: publisher && publisher.id !== DEFAULT_ORGANISATION.id ? publisher.name : undefined,
  });

  // Rendering took time: check again, in the transaction that writes, that nothing was
  // reopened or published meanwhile.
  const notified = await store.transaction(async (tx) => {
    const now = await tx.responses.get(response.id);
    if (now?.state !== 'drafting') throw conflict('published', 'This response is already published');
    const current = await sectionsOf(tx, response.id);
    const changed = current.some((section, i) => section.id !== sections[i]?.id || section.signOff?.contentHash !== sections[i]?.signOff?.contentHash);
    if (changed || current.length !== sections.length || (await blockersNow(tx, response.id)).length > 0) {
      throw conflict('changed_meanwhile', 'A section changed while publishing; try again');
    }
    const recordJson = JSON.stringify(entries.map(({ section }) => ({ sectionId: section.id, title: section.title, ...section.signOff })));
    const htmlSha256 = sha256(html);
    await tx.publications.insert({
      id: publicationId,
      responseId: response.id,
      publishedAt: input.publishedAt,
      publishedBy: user.name,
      html,
      htmlSha256,
      docx,
      docxSha256,
      recordJson,
    });
    await tx.seals.insert({
      publicationId,
      responseId: response.id,
      auditSeq: auditHead?.seq ?? null,
      auditHash: auditHead?.hash ?? null,
      htmlSha256,
      docxSha256,
      recordSha256: sha256(recordJson),
      sealedAt: input.publishedAt,
    });
    await tx.responses.setState(response.id, 'published');
    return notifyPublished(context, tx, { response, actor: user, htmlUrl: `/published/${publicationId}` });
  });

  await sync.refreshAccess(response.id);
  // Each section's history shows what was published.
  for (const section of sections) {
    await context.history.recordStored(section.id, 'publication', { createdBy: { userId: user.id, name: user.name, role: membership.role } });
  }
  const info = (await publicationInfo(store, response.id))!;
  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: 'response.published',
    detail:
      `Published at ${info.htmlUrl} (HTML SHA-256 ${info.htmlSha256}; DOCX SHA-256 ${info.docxSha256})` +
      (auditHead ? `; the publication pins activity entry ${auditHead.seq} (SHA-256 ${auditHead.hash})` : ''),
  });
  announceChange(context, response.id, 'published');
  await announceNotifications(context, notified);
  return info;
}

const STEP_NAMES: Record<keyof StatutorySteps, string> = {
  publishedAtUrl: 'Published on the PCC website at',
  sentToHmicfrsOn: 'Copy sent to HMICFRS on',
  sentToHomeSecretaryOn: 'Copy sent to the Home Secretary on',
};

/** Records where the response was published and when copies went out (s.55(6)). */
export async function recordStatutorySteps(
  context: ServerContext,
  user: User,
  command: { responseId: string } & { [K in keyof StatutorySteps]?: StatutorySteps[K] },
): Promise<StatutorySteps> {
  const { store } = context;
  const { response, membership } = await memberAccess(store, command.responseId, user.id);
  if (response.state !== 'published') throw conflict('not_published', 'Publish the response before recording these steps');
  if (!canRecordStatutorySteps(membership, response)) throw forbidden('Only an administrator can record the statutory steps');
  const next: StatutorySteps = { ...response.statutorySteps };
  for (const key of Object.keys(STEP_NAMES) as Array<keyof StatutorySteps>) {
    const value = command[key];
    if (value === undefined || value === next[key]) continue;
    next[key] = value;
    await recordActivity(context, {
      responseId: response.id,
      actor: actorOf(user),
      action: 'statutory_step.recorded',
      detail: value === null ? `${STEP_NAMES[key]}: cleared` : `${STEP_NAMES[key]} ${value}`,
    });
  }
  await store.responses.setStatutorySteps(response.id, next);
  announceChange(context, response.id, 'statutory_steps');
  return next;
}
