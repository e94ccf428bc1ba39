// Comment threads. They live on the server: created and changed only here, with the author and
// time taken from the session, and pushed whole to every open page of the response.
import type { Member, Thread, ThreadAnchor, ThreadComment, User } from '../../shared/api';
import { canChangeComment, canComment } from '../../shared/permissions';
import type { ServerContext } from '../context';
import { ID_PATTERN } from '../store/ids';
import type { ResponseRecord } from '../store/records';
import { findSection, memberAccess } from './access';
import { actorOf, announceChange, recordActivity } from './activity';
import { conflict, forbidden, invalid, notFound } from './errors';
import { mentionedMembers } from './mentions';
import { notifyComment } from './notices';
import { announceNotifications } from './notify';

/** The response, for a member who may comment now. */
async function commentable(context: ServerContext, user: User, responseId: string): Promise<ResponseRecord> {
  const { response, membership } = await memberAccess(context.store, responseId, user.id);
  if (response.state === 'published') throw conflict('published', 'The response is published; its threads are read-only');
  if (!canComment(membership, response)) throw forbidden('Viewers can read threads but not write in them');
  return response;
}

async function findThread(context: ServerContext, response: ResponseRecord, threadId: string): Promise<Thread> {
  const thread = ID_PATTERN.test(threadId) ? await context.store.threads.get(response.id, threadId) : null;
  if (!thread) throw notFound('That thread');
  return thread;
}

async function pushThread(context: ServerContext, responseId: string, threadId: string): Promise<Thread> {
  const thread = (await context.store.threads.get(responseId, threadId))!;
  context.sync.events.publish(responseId, { type: 'thread', thread });
  return thread;
}

/** Every thread of a response, for any member. */
export async function listThreads(context: ServerContext, user: User, responseId: string): Promise<Thread[]> {
  const { response } = await memberAccess(context.store, responseId, user.id);
  return context.store.threads.list(response.id);
}

/** Opens a thread on a section, or on a passage of it. */
export async function openThread(
  context: ServerContext,
  user: User,
  command: { responseId: string; sectionId: string; body: string; anchor?: ThreadAnchor; mentions?: string[] },
): Promise<Thread> {
  const response = await commentable(context, user, command.responseId);
  const section = await findSection(context.store, response.id, command.sectionId);
  const mentioned = await mentionedMembers(context, response.id, command.mentions);
  const { created, notified } = await context.store.transaction(async (tx) => {
    const created = await tx.threads.create({
      responseId: response.id,
      sectionId: section.id,
      anchor: command.anchor ?? null,
      author: actorOf(user),
      body: command.body,
    });
    const comment = created.comments[0]!;
    const notified = await notifyComment(context, tx, { response, section, thread: created, comment, actor: user, mentioned, isReply: false });
    return { created, notified };
  });
  await announceNotifications(context, notified);
  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: 'thread.opened',
    sectionId: section.id,
    detail: command.anchor ? `On "${section.title}", about: ${command.anchor.quote.slice(0, 200)}` : `On "${section.title}"`,
  });
  const thread = await pushThread(context, response.id, created.id);
  announceChange(context, response.id, 'threads');
  return thread;
}

/** Adds a reply to a thread: the members it mentions and the others in the thread are told. */
export async function replyToThread(
  context: ServerContext,
  user: User,
  command: { responseId: string; threadId: string; body: string; mentions?: string[] },
): Promise<ThreadComment> {
  const response = await commentable(context, user, command.responseId);
  const thread = await findThread(context, response, command.threadId);
  const mentioned = await mentionedMembers(context, response.id, command.mentions);
  const section = (await context.store.responses.getSection(response.id, thread.sectionId)) ?? { id: thread.sectionId, title: 'a removed section' };
  const { comment, notified } = await context.store.transaction(async (tx) => {
    const comment = await tx.threads.addComment(thread.id, actorOf(user), command.body);
    const notified = await notifyComment(context, tx, { response, section, thread, comment, actor: user, mentioned, isReply: true });
    return { comment, notified };
  });
  await pushThread(context, response.id, thread.id);
  await announceNotifications(context, notified);
  return comment;
}

/** Resolves or reopens a thread. */
export async function setThreadState(
  context: ServerContext,
  user: User,
  command: { responseId: string; threadId: string; state: 'open' | 'resolved' },
): Promise<Thread> {
  const response = await commentable(context, user, command.responseId);
  const thread = await findThread(context, response, command.threadId);
  if (thread.state === command.state) throw conflict(`already_${command.state}`, `This thread is already ${command.state}`);
  await context.store.threads.setState(thread.id, command.state, actorOf(user));
  await recordActivity(context, {
    responseId: response.id,
    actor: actorOf(user),
    action: command.state === 'resolved' ? 'thread.resolved' : 'thread.reopened',
    sectionId: thread.sectionId,
    detail: thread.comments[0]?.body.slice(0, 200) ?? '',
  });
  const updated = await pushThread(context, response.id, thread.id);
  announceChange(context, response.id, 'threads');
  return updated;
}

/** A comment the caller may change (their own, not deleted). */
async function ownComment(context: ServerContext, user: User, command: { responseId: string; threadId: string; commentId: string }) {
  const { response, membership } = await memberAccess(context.store, command.responseId, user.id);
  if (response.state === 'published') throw conflict('published', 'The response is published; its threads are read-only');
  if (!canComment(membership, response)) throw forbidden('Viewers can read threads but not write in them');
  const thread = await findThread(context, response, command.threadId);
  const comment = ID_PATTERN.test(command.commentId) ? await context.store.threads.getComment(thread.id, command.commentId) : null;
  if (!comment || comment.deleted) throw notFound('That comment');
  if (!canChangeComment(membership, response, comment, user.id)) throw forbidden('Only its author can change a comment');
  return { response, thread, comment };
}

/** Edits one's own comment. */
export async function editComment(
  context: ServerContext,
  user: User,
  command: { responseId: string; threadId: string; commentId: string; body: string },
): Promise<ThreadComment> {
  const { response, thread, comment } = await ownComment(context, user, command);
  await context.store.threads.editComment(comment.id, command.body);
  await pushThread(context, response.id, thread.id);
  return (await context.store.threads.getComment(thread.id, comment.id))!;
}

/** Deletes one's own comment (it keeps its place in the thread). */
export async function deleteComment(context: ServerContext, user: User, command: { responseId: string; threadId: string; commentId: string }): Promise<void> {
  const { response, thread, comment } = await ownComment(context, user, command);
  await context.store.threads.deleteComment(comment.id);
  await pushThread(context, response.id, thread.id);
}
