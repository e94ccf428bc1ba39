// After publication: each recommendation's action status, owner, target date and dated
// progress notes. The history is append-only; the current state is its latest entry. A
// follow-up response's recommendation carries on an earlier one: its history starts with the
// earlier one's, and once the follow-up is published the earlier one is updated no more.
import type { User } from '../../shared/api';
import type { Membership } from '../../shared/model';
import { roleLabel } from '../../shared/roles';
import type { RecommendationUpdateRequest } from '../../shared/schemas/tracking';
import {
  describeTrackingBlocker,
  hmicfrsViewLabel,
  INITIAL_STATUS,
  statusLabel,
  trackingBlocker,
  type HmicfrsView,
  type RecommendationStatus,
} from '../../shared/tracking';
import type { CarryLink, ResponseRecommendationsBody, TrackedRecommendation, TrackerBody } from '../../shared/trackingApi';
import type { ServerContext } from '../context';
import { formatUkDate } from '../publish/PublicationInput';
import { ID_PATTERN } from '../store/ids';
import { recommendationUpdateHash, updateHashMention } from '../store/recordHashes';
import type { ResponseRecord, SectionRecord } from '../store/records';
import type { Stores } from '../store/Store';
import type { Carryover, RecommendationUpdateRecord } from '../store/TrackingStore';
import { memberAccess } from './access';
import { actorOf, announceChange } from './activity';
import { conflict, forbidden, invalid, notFound } from './errors';

/** How far back a chain of follow-ups is followed (each is a later inspection of the same area). */
const MAX_FOLLOW_UP_DEPTH = 50;

/** The current state of a recommendation's action: its latest update's, or the initial one. */
interface ActionState {
  status: RecommendationStatus;
  hmicfrsView: HmicfrsView | null;
  targetDate: string | null;
}

function currentState(history: RecommendationUpdateRecord[]): ActionState {
  const last = history.at(-1);
  return last ? { status: last.status, hmicfrsView: last.hmicfrsView, targetDate: last.targetDate } : { status: INITIAL_STATUS, hmicfrsView: null, targetDate: null };
}

/**
 * Each section's lineage, oldest first and ending with the section itself: the recommendations
 * of earlier responses it carries on. Followed link by link (a follow-up of a follow-up...).
 */
async function lineages(store: Stores, sectionIds: string[]): Promise<{ lineage: Map<string, string[]>; parents: Map<string, Carryover> }> {
  const parents = new Map<string, Carryover>();
  let frontier = sectionIds;
  for (let depth = 0; frontier.length > 0 && depth < MAX_FOLLOW_UP_DEPTH; depth++) {
    const links = (await store.tracking.carriedFrom(frontier)).filter((link) => !parents.has(link.sectionId));
    for (const link of links) parents.set(link.sectionId, link);
    frontier = links.map((link) => link.fromSectionId).filter((id) => !parents.has(id));
  }
  const lineage = new Map<string, string[]>();
  for (const id of sectionIds) {
    const chain = [id];
    const seen = new Set(chain);
    for (let parent = parents.get(id); parent && !seen.has(parent.fromSectionId); parent = parents.get(parent.fromSectionId)) {
      chain.unshift(parent.fromSectionId);
      seen.add(parent.fromSectionId);
    }
    lineage.set(id, chain);
  }
  return { lineage, parents };
}

/** Each section's whole history (its lineage's updates, oldest first). */
async function histories(store: Stores, sectionIds: string[]): Promise<{ history: Map<string, RecommendationUpdateRecord[]>; parents: Map<string, Carryover> }> {
  const { lineage, parents } = await lineages(store, sectionIds);
  const all = await store.tracking.historyOf([...new Set([...lineage.values()].flat())]);
  const history = new Map<string, RecommendationUpdateRecord[]>();
  for (const [id, chain] of lineage) {
    const members = new Set(chain);
    history.set(id, all.filter((update) => members.has(update.sectionId)));
  }
  return { history, parents };
}

/** The other end of a carry-over, named only to members of that response. */
async function carryLink(store: Stores, userId: string, responseId: string, sectionId: string): Promise<CarryLink> {
  const [response, membership] = await Promise.all([store.responses.get(responseId), store.members.get(responseId, userId)]);
  const known = response !== null && membership !== null;
  return { responseId, sectionId, responseTitle: known ? response.title : null, responseState: known ? response.state : null };
}

/** The follow-up recommendation that carries each section on now (its section still exists), if any. */
async function followUps(store: Stores, sectionIds: string[]): Promise<Map<string, { link: Carryover; published: boolean }>> {
  const found = new Map<string, { link: Carryover; published: boolean }>();
  for (const link of await store.tracking.carriedTo(sectionIds)) {
    if (found.has(link.fromSectionId)) continue;
    const [section, response] = await Promise.all([store.responses.getSection(link.responseId, link.sectionId), store.responses.get(link.responseId)]);
    if (section && response) found.set(link.fromSectionId, { link, published: response.state === 'published' });
  }
  return found;
}

/** A response's recommendations with their actions, in document order. */
async function trackedOf(store: Stores, userId: string, response: ResponseRecord, sections?: SectionRecord[]): Promise<TrackedRecommendation[]> {
  const recommendations = (sections ?? (await store.responses.listSections(response.id))).filter((section) => section.kind === 'recommendation');
  const ids = recommendations.map((section) => section.id);
  const [{ history, parents }, next] = await Promise.all([histories(store, ids), followUps(store, ids)]);
  const items: TrackedRecommendation[] = [];
  for (const section of recommendations) {
    const updates = history.get(section.id) ?? [];
    const parent = parents.get(section.id);
    const child = next.get(section.id);
    items.push({
      responseId: response.id,
      sectionId: section.id,
      title: section.title,
      text: section.recommendation ?? '',
      ...currentState(updates),
      owner: section.ownerRole,
      ownerLabel: roleLabel(section.ownerRole),
      updates: updates.map((update) => ({
        status: update.status,
        hmicfrsView: update.hmicfrsView,
        targetDate: update.targetDate,
        note: update.note,
        links: update.links,
        by: update.by,
        at: update.at,
        responseId: update.responseId,
        carriedOver: update.sectionId !== section.id,
      })),
      carriedFrom: parent ? await carryLink(store, userId, parent.fromResponseId, parent.fromSectionId) : null,
      carriedTo: child ? await carryLink(store, userId, child.link.responseId, child.link.sectionId) : null,
      supersededByPublishedFollowUp: child?.published ?? false,
    });
  }
  return items;
}

function trackedResponse(response: ResponseRecord, me: Membership) {
  return { id: response.id, title: response.title, state: response.state, me };
}

/** `GET /api/responses/:id/recommendations`: any member. */
export async function listRecommendations(context: ServerContext, user: User, responseId: string): Promise<ResponseRecommendationsBody> {
  const { response, membership } = await memberAccess(context.store, responseId, user.id);
  return { response: trackedResponse(response, membership), recommendations: await trackedOf(context.store, user.id, response) };
}

/** Every recommendation of every response the user is a member of (the tracker and its exports). */
export async function trackerRecommendations(context: ServerContext, user: User): Promise<TrackerBody> {
  const { store } = context;
  const responses = await store.responses.getMany(await store.members.responseIdsOf(user.id));
  const body: TrackerBody = { responses: [], recommendations: [] };
  for (const response of responses) {
    const membership = await store.members.get(response.id, user.id);
    if (!membership) continue;
    body.responses.push(trackedResponse(response, membership));
    body.recommendations.push(...(await trackedOf(store, user.id, response)));
  }
  return body;
}

function describeChange(title: string, before: ActionState, after: ActionState, update: { note: string; links: string[] }, hash: string): string {
  const parts = [`${title}: ${statusLabel(after.status)}${after.status !== before.status ? ` (was ${statusLabel(before.status)})` : ''}`];
  if (after.targetDate !== before.targetDate) {
    parts.push(after.targetDate ? `target date ${formatUkDate(after.targetDate)}` : 'target date cleared');
  }
  if (after.hmicfrsView !== before.hmicfrsView) {
    parts.push(after.hmicfrsView ? `HMICFRS's view: ${hmicfrsViewLabel(after.hmicfrsView)}` : "HMICFRS's view cleared");
  }
  if (update.note) parts.push(`note: ${update.note.length > 300 ? `${update.note.slice(0, 300)}…` : update.note}`);
  if (update.links.length > 0) parts.push(update.links.length === 1 ? `evidence: ${update.links[0]}` : `${update.links.length} evidence links`);
  parts.push(updateHashMention(hash));
  return parts.join('; ');
}

/**
 * Records an update of a recommendation's action: a new status (the same one, for a progress
 * note), optionally HMICFRS's view, the target date, a note and links to evidence. Only the
 * owning role's signatories and drafters or an administrator, only after publication (the
 * shared rule, shared/tracking.ts). The update and its activity entry, which names the update's
 * hash, are written in one transaction.
 */
export async function updateRecommendation(
  context: ServerContext,
  user: User,
  command: { responseId: string; sectionId: string } & RecommendationUpdateRequest,
): Promise<TrackedRecommendation> {
  const { store } = context;
  const { response, membership } = await memberAccess(store, command.responseId, user.id);
  const section = ID_PATTERN.test(command.sectionId) ? await store.responses.getSection(response.id, command.sectionId) : null;
  if (!section || section.kind !== 'recommendation') throw notFound('That recommendation');

  const entry = await store.transaction(async (tx) => {
    const superseded = (await followUps(tx, [section.id])).get(section.id)?.published ?? false;
    const blocker = trackingBlocker(membership, { kind: section.kind, ownerRole: section.ownerRole, supersededByPublishedFollowUp: superseded }, response);
    if (blocker) {
      const message = describeTrackingBlocker(blocker, roleLabel(section.ownerRole));
      switch (blocker.kind) {
        case 'not_recommendation':
        case 'not_member':
          throw notFound('That recommendation');
        case 'not_published':
          throw conflict('not_published', message);
        case 'superseded':
          throw conflict('followed_up', message);
        case 'not_owner':
          throw forbidden(message);
      }
    }
    const before = currentState((await histories(tx, [section.id])).history.get(section.id) ?? []);
    const after: ActionState = {
      status: command.status,
      hmicfrsView: command.hmicfrsView === undefined ? before.hmicfrsView : command.hmicfrsView,
      targetDate: command.targetDate === undefined ? before.targetDate : command.targetDate,
    };
    const note = command.note ?? '';
    const links = [...new Set(command.links ?? [])];
    const unchanged = after.status === before.status && after.hmicfrsView === before.hmicfrsView && after.targetDate === before.targetDate;
    if (unchanged && !note && links.length === 0) {
      throw invalid('Nothing to record: change the status, the target date or HMICFRS\'s view, or add a note or a link', 'nothing_to_record');
    }
    const record = await tx.tracking.append({ responseId: response.id, sectionId: section.id, ...after, note, links, by: actorOf(user) });
    return tx.audit.append({
      responseId: response.id,
      actor: actorOf(user),
      action: 'recommendation.updated',
      sectionId: section.id,
      detail: describeChange(section.title, before, after, { note, links }, recommendationUpdateHash(record)),
    });
  });

  context.sync.events.publish(response.id, { type: 'audit', event: entry });
  announceChange(context, response.id, 'tracking');
  const items = await trackedOf(store, user.id, response, [section]);
  return items[0]!;
}
