// Setting up a response: create it from a report, import recommendations, arrange its sections.
import type { ResponseDetail, User } from '../../shared/api';
import type { CreateResponseRequest } from '../../shared/schemas/requests';
import { MAX_IMPORTED_RECOMMENDATIONS, MAX_SECTIONS } from '../../shared/limits';
import type { Membership, RoleId, Section, SectionKind } from '../../shared/model';
import { canSetChiefCommentsDate, canSetUp } from '../../shared/permissions';
import { splitRecommendations, type ImportedRecommendation } from '../../shared/recommendationImport';
import { roleLabel } from '../../shared/roles';
import { recommendationInsertIndex, STANDARD_SECTIONS } from '../../shared/template';
import { BUILT_IN_ROLES } from '../../shared/model';
import { administeredOrganisations, appointmentProblem, createResponseProblem, initialRoleHolders } from '../../shared/organisations';
import type { ServerContext } from '../context';
import type { ResponseRecord, SectionRecord } from '../store/records';
import type { Stores } from '../store/Store';
import { findSection, memberAccess } from './access';
import { actorOf, announceChange, recordActivity } from './activity';
import { conflict, forbidden, invalid } from './errors';
import { claimRole, organisationOfEmail } from './organisations';
import { responseDetail, sectionsOf, sectionView } from './views';

/** The response, if the caller may set it up now (an administrator, before publication). */
async function responseToSetUp(context: ServerContext, user: User, responseId: string): Promise<{ response: ResponseRecord; membership: Membership }> {
  const access = await memberAccess(context.store, responseId, user.id);
  if (access.response.state !== 'drafting') throw conflict('published', 'The response is published and can no longer change');
  if (!canSetUp(access.membership, access.response)) throw forbidden('Only an administrator can set up this response');
  return access;
}

/** A section that is still being drafted (a signed-off one is fixed until reopened). */
async function openSection(context: ServerContext, response: ResponseRecord, sectionId: string): Promise<SectionRecord> {
  const section = await findSection(context.store, response.id, sectionId);
  if (section.state !== 'drafting') throw conflict('signed_off', `"${section.title}" is signed off; reopen it first`);
  return section;
}

/** Adds the standard sections to a new response: every one that is not optional, and the optional ones named (all by default). */
export async function addStandardSections(tx: Stores, responseId: string, optionalSections?: string[]): Promise<void> {
  const optional = new Set(optionalSections ?? STANDARD_SECTIONS.filter((s) => s.optional).map((s) => s.title));
  for (const template of STANDARD_SECTIONS) {
    if (template.optional && !optional.has(template.title)) continue;
    await tx.responses.addSection(responseId, { kind: template.kind, title: template.title, ownerRole: template.ownerRole });
  }
}

/** Creates a response with the standard sections; the creator administers it. Only people of an organisation that creates responses may. */
export async function createResponse(context: ServerContext, user: User, command: CreateResponseRequest): Promise<ResponseDetail> {
  const { store, config } = context;
  const organisation = organisationOfEmail(config, user.email);
  const refused = createResponseProblem(organisation);
  if (refused || !organisation) throw forbidden(refused ?? 'You cannot create responses', 'organisation_rule');
  const membership: Membership = { role: command.role ?? 'pcc', capacity: command.capacity ?? 'signatory', administrator: true };
  const holders = initialRoleHolders([...new Set([...BUILT_IN_ROLES, ...STANDARD_SECTIONS.map((s) => s.ownerRole), membership.role])], organisation, config.organisations);
  const holder = config.organisations.find((o) => o.id === holders[membership.role]) ?? null;
  const problem = appointmentProblem({
    actor: { organisationId: organisation.id, responseAdministrator: true, administersOrganisations: administeredOrganisations(user.email, config.organisations) },
    target: { organisationId: organisation.id },
    seat: membership,
    holder,
  });
  if (problem) throw forbidden(problem, 'organisation_rule');
  const response = await store.transaction(async (tx) => {
    const created = await tx.responses.create({ title: command.title, report: command.report });
    for (const [role, organisationId] of Object.entries(holders)) await tx.roleHolders.claim(created.id, role, organisationId);
    await addStandardSections(tx, created.id, command.optionalSections);
    await tx.members.set(created.id, user.id, membership);
    return created;
  });
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'response.created', detail: `For the report "${command.report.title}"` });
  return responseDetail(store, response, membership, config);
}

/** Renames a response, or sets the date for the Chief Constable's comments (s.55(4)). */
export async function changeResponse(
  context: ServerContext,
  user: User,
  command: { responseId: string; title?: string; chiefCommentsDueOn?: string | null },
): Promise<ResponseDetail> {
  const { store } = context;
  const { response, membership } = await memberAccess(store, command.responseId, user.id);
  if (response.state !== 'drafting') throw conflict('published', 'The response is published and can no longer change');
  const due = command.chiefCommentsDueOn;
  if (due && (due < response.report.publishedOn || due > response.deadline)) {
    throw invalid(`chiefCommentsDueOn: must fall between the report's publication (${response.report.publishedOn}) and the deadline (${response.deadline})`);
  }
  if (command.title !== undefined && !canSetUp(membership, response)) throw forbidden('Only an administrator can rename the response');
  if (due !== undefined && !canSetChiefCommentsDate(membership, response)) {
    throw forbidden("Only the PCC sets the date for the Chief Constable's comments");
  }
  await store.responses.update(response.id, { title: command.title, chiefCommentsDueOn: due });
  if (due !== undefined) {
    await recordActivity(context, {
      responseId: response.id,
      actor: actorOf(user),
      action: 'chief_comments_due.set',
      detail: due ? `Chief Constable's comments due by ${due}` : "Date for the Chief Constable's comments cleared",
    });
  }
  if (command.title !== undefined) await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'response.renamed', detail: command.title });
  announceChange(context, response.id, 'setup');
  return responseDetail(store, (await store.responses.get(response.id))!, membership, context.config);
}

/** Splits pasted recommendations (a preview saves nothing) or creates one section each. */
export async function importRecommendations(
  context: ServerContext,
  user: User,
  command: { responseId: string; text?: string; recommendations?: ImportedRecommendation[]; ownerRole: RoleId; preview: boolean },
): Promise<{ recommendations: ImportedRecommendation[]; sections?: Section[] }> {
  const { store } = context;
  const { response } = await responseToSetUp(context, user, command.responseId);
  const recommendations = command.recommendations ?? splitRecommendations(command.text ?? '');
  if (command.preview) return { recommendations };
  if (recommendations.length === 0) throw invalid('No recommendations were found in that text');
  const created = await store.transaction(async (tx) => {
    await claimRole(context.config, tx, response.id, command.ownerRole);
    const current = await tx.responses.listSections(response.id);
    const existing = current.filter((section) => section.kind === 'recommendation').length;
    if (existing + recommendations.length > MAX_IMPORTED_RECOMMENDATIONS) {
      throw invalid(`A response can hold at most ${MAX_IMPORTED_RECOMMENDATIONS} recommendations`);
    }
    if (current.length + recommendations.length > MAX_SECTIONS) throw invalid(`A response can hold at most ${MAX_SECTIONS} sections`);
    const at = recommendationInsertIndex(current);
    // Number new recommendations after the highest number in use, so no two share a title.
    const highest = Math.max(0, ...current.map((section) => Number(/^Recommendation (\d+)$/.exec(section.title)?.[1] ?? 0)));
    const sections: SectionRecord[] = [];
    for (const [i, recommendation] of recommendations.entries()) {
      sections.push(
        await tx.responses.addSection(
          response.id,
          { kind: 'recommendation', title: `Recommendation ${highest + i + 1}`, ownerRole: command.ownerRole, recommendation: recommendation.text },
          at + i,
        ),
      );
    }
    return sections;
  });
  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: 'recommendations.imported',
    detail: `${created.length} recommendations, owned by ${roleLabel(command.ownerRole)}`,
  });
  announceChange(context, response.id, 'setup');
  return { recommendations, sections: created.map((section) => ({ ...section, signOff: null })) };
}

/** Adds a section at the end. */
export async function addSection(
  context: ServerContext,
  user: User,
  command: { responseId: string; kind: SectionKind; title: string; ownerRole: RoleId; recommendation?: string },
): Promise<Section> {
  const { store } = context;
  const { response } = await responseToSetUp(context, user, command.responseId);
  if (command.kind === 'recommendation' && !command.recommendation) {
    throw invalid("recommendation: a recommendation section needs the report's text");
  }
  if ((await store.responses.listSections(response.id)).length >= MAX_SECTIONS) throw invalid(`A response can hold at most ${MAX_SECTIONS} sections`);
  const { responseId: _, ...input } = command;
  await claimRole(context.config, store, response.id, command.ownerRole);
  const section = await store.responses.addSection(response.id, input);
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'section.added', sectionId: section.id, detail: `${section.title} (${roleLabel(section.ownerRole)})` });
  announceChange(context, response.id, 'setup');
  return { ...section, signOff: null };
}

/** Renames a section, changes its owner, or corrects a recommendation's text (on the record). */
export async function changeSection(
  context: ServerContext,
  user: User,
  command: { responseId: string; sectionId: string; title?: string; ownerRole?: RoleId; recommendation?: string },
): Promise<Section> {
  const { store } = context;
  const { response } = await responseToSetUp(context, user, command.responseId);
  const section = await openSection(context, response, command.sectionId);
  if (command.recommendation !== undefined && section.kind !== 'recommendation') {
    throw invalid('recommendation: only a recommendation section has recommendation text');
  }
  if (command.ownerRole !== undefined) await claimRole(context.config, store, response.id, command.ownerRole);
  await store.responses.updateSection(section.id, { title: command.title, ownerRole: command.ownerRole, recommendation: command.recommendation });
  const changes: string[] = [];
  if (command.title !== undefined && command.title !== section.title) changes.push(`renamed "${section.title}" to "${command.title}"`);
  if (command.ownerRole !== undefined && command.ownerRole !== section.ownerRole) {
    changes.push(`owner changed from ${roleLabel(section.ownerRole)} to ${roleLabel(command.ownerRole)}`);
  }
  for (const change of changes) {
    await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'section.changed', sectionId: section.id, detail: change });
  }
  if (command.recommendation !== undefined && command.recommendation !== section.recommendation) {
    // The report's text is fixed once imported; a correction is on the record, old and new.
    await recordActivity(context, {
      responseId: response.id,
      actor: actorOf(user),
      action: 'recommendation.corrected',
      sectionId: section.id,
      detail: `"${section.recommendation}" corrected to "${command.recommendation}"`,
    });
  }
  if (command.ownerRole !== undefined) await context.sync.refreshAccess(response.id, section.id);
  announceChange(context, response.id, 'setup');
  return sectionView(store, (await store.responses.getSection(response.id, section.id))!);
}

/** Removes an open section and its text; its open editors are closed. */
export async function removeSection(context: ServerContext, user: User, command: { responseId: string; sectionId: string }): Promise<void> {
  const { store, sync } = context;
  const { response } = await responseToSetUp(context, user, command.responseId);
  const section = await openSection(context, response, command.sectionId);
  await sync.rooms.withRoom(response.id, section.id, async (room) => {
    room.discard();
    await store.responses.deleteSection(section.id);
    await store.updates.deleteSection(section.id);
    await store.versions.deleteSection(section.id);
    await store.suggestions.deleteSection(section.id);
    await sync.refreshRoom(room);
  });
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'section.removed', detail: `${section.title} (${roleLabel(section.ownerRole)})` });
  announceChange(context, response.id, 'setup');
}

/** Puts the sections in a new order (every section exactly once). */
export async function reorderSections(context: ServerContext, user: User, command: { responseId: string; sectionIds: string[] }): Promise<Section[]> {
  const { store } = context;
  const { response } = await responseToSetUp(context, user, command.responseId);
  const current = (await store.responses.listSections(response.id)).map((section) => section.id);
  const { sectionIds } = command;
  const same = sectionIds.length === current.length && new Set(sectionIds).size === current.length && sectionIds.every((id) => current.includes(id));
  if (!same) throw invalid("sectionIds: give every one of the response's section ids exactly once");
  await store.responses.reorderSections(response.id, sectionIds);
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'sections.reordered', detail: 'Sections reordered' });
  announceChange(context, response.id, 'setup');
  return sectionsOf(store, response.id);
}
