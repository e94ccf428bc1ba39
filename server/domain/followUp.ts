// A follow-up response: when HMICFRS inspects again, a new response is started from the
// published one. Its recommendations are carried over (the report's text, the owning role and
// the whole status history, which goes on in the follow-up once that is published), and so
// are its members in their seats.
import type { ResponseDetail, User } from '../../shared/api';
import type { Membership } from '../../shared/model';
import type { FollowUpRequest } from '../../shared/schemas/tracking';
import { recommendationInsertIndex } from '../../shared/template';
import { canStartFollowUp } from '../../shared/tracking';
import type { ServerContext } from '../context';
import { memberAccess } from './access';
import { actorOf, announceChange, recordActivity } from './activity';
import { conflict, forbidden } from './errors';
import { createResponseProblem } from '../../shared/organisations';
import { organisationOfEmail } from './organisations';
import { addStandardSections } from './setup';
import { responseDetail } from './views';

/** Starts a follow-up response from a published one (its administrators); the caller administers the new one. */
export async function startFollowUp(context: ServerContext, user: User, command: { responseId: string } & FollowUpRequest): Promise<ResponseDetail> {
  const { store } = context;
  const { response: source, membership } = await memberAccess(store, command.responseId, user.id);
  if (source.state !== 'published') throw conflict('not_published', 'A follow-up response starts from a published response');
  if (!canStartFollowUp(membership, source)) throw forbidden('Only an administrator of this response can start a follow-up to it');
  const refused = createResponseProblem(organisationOfEmail(context.config, user.email));
  if (refused) throw forbidden(refused, 'organisation_rule');

  const mine: Membership = { ...membership, administrator: true };
  const { created, carried } = await store.transaction(async (tx) => {
    const recommendations = (await tx.responses.listSections(source.id)).filter((section) => section.kind === 'recommendation');
    // One follow-up at a time: the recommendations' history goes on in exactly one place.
    for (const link of await tx.tracking.carriedTo(recommendations.map((section) => section.id))) {
      if (await tx.responses.getSection(link.responseId, link.sectionId)) {
        throw conflict('already_followed_up', 'This response already has a follow-up response that carries its recommendations on');
      }
    }
    const response = await tx.responses.create({ title: command.title, report: command.report });
    // The same organisations hold the same roles as in the response it follows.
    for (const [role, organisationId] of Object.entries(await tx.roleHolders.list(source.id))) await tx.roleHolders.claim(response.id, role, organisationId);
    await addStandardSections(tx, response.id, command.optionalSections);
    const at = recommendationInsertIndex(await tx.responses.listSections(response.id));
    for (const [i, section] of recommendations.entries()) {
      const copy = await tx.responses.addSection(
        response.id,
        { kind: 'recommendation', title: section.title, ownerRole: section.ownerRole, recommendation: section.recommendation },
        at + i,
      );
      await tx.tracking.addCarryover({ sectionId: copy.id, responseId: response.id, fromSectionId: section.id, fromResponseId: source.id });
    }
    for (const member of await tx.members.list(source.id)) {
      if (member.userId === user.id) continue;
      await tx.members.set(response.id, member.userId, { role: member.role, capacity: member.capacity, administrator: member.administrator });
    }
    await tx.members.set(response.id, user.id, mine);
    return { created: response, carried: recommendations.length };
  });

  const carriedWords = carried === 1 ? '1 recommendation' : `${carried} recommendations`;
  await recordActivity(context, {
    responseId: created.id,
    actor: actorOf(user),
    action: 'response.created',
    detail: `Follow-up to "${source.title}", for the report "${command.report.title}"; ${carriedWords} carried over with their status history, and its members`,
  });
  await recordActivity(context, {
    responseId: source.id,
    actor: actorOf(user),
    action: 'recommendations.carried_over',
    detail: `${carriedWords} carried over to the follow-up response "${created.title}"; they are updated there once it is published`,
  });
  announceChange(context, source.id, 'tracking');
  return responseDetail(store, created, mine, context.config);
}
