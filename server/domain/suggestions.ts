// Suggestions across roles: a member who may comment proposes a change to a section; it stays
// apart from the section's text (its own record) until a writer of the section accepts it, when
// the server makes the change through the room, credited to the suggester.
import * as Y from 'yjs';
import type { Suggestion, ThreadComment, User } from '../../shared/api';
import type { Membership } from '../../shared/model';
import { canComment, canDecideSuggestion, canSuggest } from '../../shared/permissions';
import type { ServerContext } from '../context';
import { ID_PATTERN } from '../store/ids';
import type { ResponseRecord, SectionRecord } from '../store/records';
import type { SuggestionRecord } from '../store/SuggestionStore';
import { findPassage, replacePassage } from '../suggestions/passage';
import { suggestionView } from '../suggestions/SuggestionWatch';
import { findSection, memberAccess } from './access';
import { actorOf, announceChange, recordActivity } from './activity';
import { conflict, forbidden, invalid, notFound } from './errors';
import { mentionedMembers } from './mentions';
import { notifyComment, notifySuggested, notifySuggestionDecided } from './notices';
import { announceNotifications } from './notify';

const QUOTED_CHARS = 200;

function quoted(text: string): string {
  return text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS - 1)}…` : text;
}

function describe(suggestion: SuggestionRecord): string {
  if (!suggestion.insert) return `delete "${quoted(suggestion.anchor.quote)}"`;
  if (!suggestion.anchor.quote) return `insert "${quoted(suggestion.insert)}"`;
  return `replace "${quoted(suggestion.anchor.quote)}" with "${quoted(suggestion.insert)}"`;
}

function push(context: ServerContext, responseId: string, suggestion: SuggestionRecord): Suggestion {
  const view = suggestionView(suggestion);
  context.sync.events.publish(responseId, { type: 'suggestion', suggestion: view });
  return view;
}

async function findSuggestion(context: ServerContext, response: ResponseRecord, suggestionId: string): Promise<SuggestionRecord> {
  const suggestion = ID_PATTERN.test(suggestionId) ? await context.store.suggestions.get(response.id, suggestionId) : null;
  if (!suggestion) throw notFound('That suggestion');
  return suggestion;
}

/** A suggestion, for a member who may decide on its section now. */
async function decidable(context: ServerContext, user: User, command: { responseId: string; suggestionId: string }) {
  const { response, membership } = await memberAccess(context.store, command.responseId, user.id);
  if (response.state === 'published') throw conflict('published', 'The response is published and can no longer change');
  const suggestion = await findSuggestion(context, response, command.suggestionId);
  const section = await findSection(context.store, response.id, suggestion.sectionId);
  if (!canDecideSuggestion(membership, section, response)) throw forbidden("Only the section's owning role's signatories and drafters can accept or reject its suggestions");
  return { response, membership, suggestion, section };
}

/** Every suggestion of a response, for any member. */
export async function listSuggestions(context: ServerContext, user: User, responseId: string): Promise<Suggestion[]> {
  const { response } = await memberAccess(context.store, responseId, user.id);
  return (await context.store.suggestions.list(response.id)).map(suggestionView);
}

/** Proposes a change to a passage of a section (a signed-off one too). Nothing in the section changes. */
export async function createSuggestion(
  context: ServerContext,
  user: User,
  command: { responseId: string; sectionId: string; anchor: { start: string; end: string }; insert: string },
): Promise<Suggestion> {
  const { store, sync } = context;
  const { response, membership } = await memberAccess(store, command.responseId, user.id);
  if (response.state === 'published') throw conflict('published', 'The response is published and can no longer change');
  if (!canSuggest(membership, response)) throw forbidden('Viewers can read suggestions but not make them');
  const section = await findSection(store, response.id, command.sectionId);
  const quote = await sync.rooms.withRoom(response.id, section.id, (room) => {
    const passage = findPassage(room.doc, command.anchor);
    if (passage.status === 'gone') throw invalid(`anchor: ${passage.reason}; a suggestion covers text within one paragraph of the section`);
    return passage.current;
  });
  if (quote === command.insert) throw invalid('insert: the suggestion would change nothing');
  const { created, notified } = await store.transaction(async (tx) => {
    const created = await tx.suggestions.create({
      responseId: response.id,
      sectionId: section.id,
      anchor: { ...command.anchor, quote },
      insert: command.insert,
      by: { userId: user.id, name: user.name, role: membership.role },
    });
    const notified = await notifySuggested(context, tx, { response, section, actor: user, what: describe(created) });
    return { created, notified };
  });
  await announceNotifications(context, notified);
  context.suggestions.forget(section.id);
  await recordActivity(context, { responseId: response.id, actor: actorOf(user), action: 'suggestion.made', sectionId: section.id, detail: `On "${section.title}": ${describe(created)}` });
  announceChange(context, response.id, 'suggestions');
  return push(context, response.id, created);
}

/** Accepts an open suggestion: the server makes its change through the room, credited to the suggester. */
export async function acceptSuggestion(context: ServerContext, user: User, command: { responseId: string; suggestionId: string }): Promise<Suggestion> {
  const { store, sync } = context;
  const { response, membership, suggestion, section } = await decidable(context, user, command);
  const decider = { userId: user.id, name: user.name, role: membership.role };
  await sync.rooms.withRoom(response.id, section.id, async (room) => {
    // Checked in the queue: a sign-off or another decision may have come first.
    const now = await findSection(store, response.id, section.id);
    if (now.state !== 'drafting') throw conflict('signed_off', 'This section is signed off: reopen it to accept a suggestion');
    const current = await store.suggestions.get(response.id, suggestion.id);
    if (current?.state === 'stale') throw conflict('stale', `This suggestion can no longer be accepted: ${current.staleReason ?? 'its passage changed'}`);
    if (current?.state !== 'open') throw conflict('decided', 'This suggestion has already been decided');
    const passage = findPassage(room.doc, suggestion.anchor);
    const reason = passage.status === 'gone' ? passage.reason : passage.current !== suggestion.anchor.quote ? 'The passage was changed after the suggestion was made' : null;
    if (reason) {
      await store.suggestions.decide(suggestion.id, { state: 'stale', by: null, at: new Date().toISOString(), staleReason: reason }, ['open']);
      context.suggestions.forget(section.id);
      throw conflict('stale', `This suggestion can no longer be accepted: ${reason}`);
    }
    const copy = new Y.Doc({ gc: false });
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      const there = findPassage(copy, suggestion.anchor);
      if (there.status !== 'found') throw new Error('the passage found in the room is not in its copy');
      copy.transact(() => replacePassage(there, suggestion.insert));
      const update = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(room.doc));
      await context.suggestions.holding(suggestion.id, () => room.applyChange(update, suggestion.by));
    } finally {
      copy.destroy();
    }
    const notified = await store.transaction(async (tx) => {
      await tx.suggestions.decide(suggestion.id, { state: 'accepted', by: decider, at: new Date().toISOString() }, ['open']);
      return notifySuggestionDecided(context, tx, { response, section, suggestion, actor: user, accepted: true, what: describe(suggestion) });
    });
    await announceNotifications(context, [notified]);
    context.suggestions.forget(section.id);
    // History shows both: the text credited to the suggester, and this version to the one who accepted it.
    await context.history.record(room, 'named', { name: `Accepted a suggestion by ${suggestion.by.name}`, createdBy: decider });
  });
  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: 'suggestion.accepted',
    sectionId: section.id,
    detail: `Accepted ${suggestion.by.name}'s suggestion on "${section.title}": ${describe(suggestion)}`,
  });
  announceChange(context, response.id, 'suggestions');
  return push(context, response.id, (await store.suggestions.get(response.id, suggestion.id))!);
}

/** Rejects a suggestion (an open or a stale one): the text stays as it is. */
export async function rejectSuggestion(context: ServerContext, user: User, command: { responseId: string; suggestionId: string }): Promise<Suggestion> {
  const { store } = context;
  const { response, membership, suggestion, section } = await decidable(context, user, command);
  const { decided, notified } = await store.transaction(async (tx) => {
    const decided = await tx.suggestions.decide(
      suggestion.id,
      { state: 'rejected', by: { userId: user.id, name: user.name, role: membership.role }, at: new Date().toISOString() },
      ['open', 'stale'],
    );
    const notified = decided ? await notifySuggestionDecided(context, tx, { response, section, suggestion, actor: user, accepted: false, what: describe(suggestion) }) : null;
    return { decided, notified };
  });
  if (!decided) throw conflict('decided', 'This suggestion has already been decided');
  await announceNotifications(context, [notified]);
  context.suggestions.forget(section.id);
  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: 'suggestion.rejected',
    sectionId: section.id,
    detail: `Rejected ${suggestion.by.name}'s suggestion on "${section.title}": ${describe(suggestion)}`,
  });
  announceChange(context, response.id, 'suggestions');
  return push(context, response.id, (await store.suggestions.get(response.id, suggestion.id))!);
}

/** Accepts or rejects every open suggestion of one member (in one section, if given), oldest first. */
export async function decideSuggestionsOf(
  context: ServerContext,
  user: User,
  command: { responseId: string; by: string; decision: 'accept' | 'reject'; sectionId?: string },
): Promise<{ decided: Suggestion[]; notDecided: Array<{ suggestion: Suggestion; reason: string }> }> {
  const { response, membership } = await memberAccess(context.store, command.responseId, user.id);
  const all = (await context.store.suggestions.list(response.id)).filter(
    (s) => s.by.userId === command.by && (command.decision === 'reject' ? s.state === 'open' || s.state === 'stale' : s.state === 'open') && (!command.sectionId || s.sectionId === command.sectionId),
  );
  const decided: Suggestion[] = [];
  const notDecided: Array<{ suggestion: Suggestion; reason: string }> = [];
  for (const suggestion of all) {
    const section = await findSection(context.store, response.id, suggestion.sectionId);
    if (!canDecideSuggestion(membership as Membership, section as SectionRecord, response)) continue;
    try {
      const decide = command.decision === 'accept' ? acceptSuggestion : rejectSuggestion;
      decided.push(await decide(context, user, { responseId: response.id, suggestionId: suggestion.id }));
    } catch (error) {
      notDecided.push({ suggestion: suggestionView(suggestion), reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { decided, notDecided };
}

/** Replies to a suggestion: the members it mentions, the suggester and the others who replied are told. */
export async function commentOnSuggestion(
  context: ServerContext,
  user: User,
  command: { responseId: string; suggestionId: string; body: string; mentions?: string[] },
): Promise<ThreadComment> {
  const { response, membership } = await memberAccess(context.store, command.responseId, user.id);
  if (!canComment(membership, response)) throw forbidden('Viewers can read suggestions but not reply to them');
  const suggestion = await findSuggestion(context, response, command.suggestionId);
  const mentioned = await mentionedMembers(context, response.id, command.mentions);
  const section = (await context.store.responses.getSection(response.id, suggestion.sectionId)) ?? { id: suggestion.sectionId, title: 'a removed section' };
  const { comment, notified } = await context.store.transaction(async (tx) => {
    const comment = await tx.suggestions.addComment(suggestion.id, actorOf(user), command.body);
    const thread = { id: suggestion.id, comments: suggestion.comments, createdBy: suggestion.by };
    const notified = await notifyComment(context, tx, { response, section, thread, comment, actor: user, mentioned, isReply: true, onSuggestion: true });
    return { comment, notified };
  });
  await announceNotifications(context, notified);
  push(context, response.id, (await context.store.suggestions.get(response.id, suggestion.id))!);
  return comment;
}
