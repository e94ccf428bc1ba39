// Comment threads. They live on the server: created and changed only here, with the author
// and time taken from the session, and pushed whole to every open page of the response.
import { Router, type Request } from 'express';
import * as Y from 'yjs';
import { z } from 'zod';
import type { Thread, User } from '../../shared/api';
import { canComment } from '../../shared/permissions';
import { announceChange, recordActivity, type ServerContext } from '../context';
import { ID_PATTERN } from '../store/ids';
import type { ResponseRecord } from '../store/ResponseStore';
import { requireUser } from './authenticate';
import { conflict, forbidden, notFound, parseBody } from './errors';
import { responseForMember } from './memberAccess';

export const MAX_COMMENT_CHARS = 10_000;
const MAX_POSITION_CHARS = 1_000;
const MAX_QUOTE_CHARS = 5_000;

const body = z.string().refine((text) => text.trim().length > 0, 'must not be empty').pipe(z.string().max(MAX_COMMENT_CHARS));
const relativePosition = z
  .string()
  .max(MAX_POSITION_CHARS)
  .refine((encoded) => {
    try {
      Y.decodeRelativePosition(Buffer.from(encoded, 'base64'));
      return true;
    } catch {
      return false;
    }
  }, 'must be a Yjs relative position, base64-encoded');
const anchor = z.object({ start: relativePosition, end: relativePosition, quote: z.string().min(1).max(MAX_QUOTE_CHARS) }).strict();
// Unknown fields (an "author", a "createdAt") are dropped: the server sets those.
const createSchema = z.object({ sectionId: z.string().max(64), body, anchor: anchor.optional() });
const commentSchema = z.object({ body });

/** The thread routes under /api/responses/:responseId/threads. */
export function threadRoutes(context: ServerContext): Router {
  const router = Router();
  const { store } = context;

  function person(user: User) {
    return { userId: user.id, name: user.name };
  }

  /** The response, for a member who may comment now. */
  function commentable(req: Request<{ responseId: string }>): { user: User; response: ResponseRecord } {
    const { user } = requireUser(req);
    const { response, membership } = responseForMember(store, req.params.responseId, user.id);
    if (response.state === 'published') throw conflict('published', 'The response is published; its threads are read-only');
    if (!canComment(membership, response)) throw forbidden('Viewers can read threads but not write in them');
    return { user, response };
  }

  function findThread(response: ResponseRecord, threadId: string): Thread {
    const thread = ID_PATTERN.test(threadId) ? store.threads.get(response.id, threadId) : null;
    if (!thread) throw notFound('That thread');
    return thread;
  }

  function pushThread(responseId: string, threadId: string): Thread {
    const thread = store.threads.get(responseId, threadId)!;
    context.sync.events.publish(responseId, { type: 'thread', thread });
    return thread;
  }

  router.get('/responses/:responseId/threads', (req, res) => {
    const { user } = requireUser(req);
    const { response } = responseForMember(store, req.params.responseId, user.id);
    res.json({ threads: store.threads.list(response.id) });
  });

  router.post('/responses/:responseId/threads', (req, res) => {
    const { user, response } = commentable(req);
    const input = parseBody(createSchema, req.body);
    const section = ID_PATTERN.test(input.sectionId) ? store.responses.getSection(response.id, input.sectionId) : null;
    if (!section) throw notFound('That section');
    const created = store.threads.create({
      responseId: response.id,
      sectionId: section.id,
      anchor: input.anchor ?? null,
      author: person(user),
      body: input.body,
    });
    recordActivity(context, {
      responseId: response.id,
      actor: person(user),
      action: 'thread.opened',
      sectionId: section.id,
      detail: input.anchor ? `On "${section.title}", about: ${input.anchor.quote.slice(0, 200)}` : `On "${section.title}"`,
    });
    const thread = pushThread(response.id, created.id);
    announceChange(context, response.id, 'threads');
    res.status(201).json(thread);
  });

  router.post('/responses/:responseId/threads/:threadId/comments', (req, res) => {
    const { user, response } = commentable(req);
    const thread = findThread(response, req.params.threadId);
    const input = parseBody(commentSchema, req.body);
    const comment = store.threads.addComment(thread.id, person(user), input.body);
    pushThread(response.id, thread.id);
    res.status(201).json(comment);
  });

  for (const [verb, state, action] of [
    ['resolve', 'resolved', 'thread.resolved'],
    ['reopen', 'open', 'thread.reopened'],
  ] as const) {
    router.post(`/responses/:responseId/threads/:threadId/${verb}`, (req, res) => {
      const { user, response } = commentable(req);
      const thread = findThread(response, req.params.threadId);
      if (thread.state === state) throw conflict(`already_${state}`, `This thread is already ${state}`);
      store.threads.setState(thread.id, state, person(user));
      recordActivity(context, { responseId: response.id, actor: person(user), action, sectionId: thread.sectionId, detail: thread.comments[0]?.body.slice(0, 200) ?? '' });
      const updated = pushThread(response.id, thread.id);
      announceChange(context, response.id, 'threads');
      res.json(updated);
    });
  }

  function ownComment(req: Request<{ responseId: string; threadId: string; commentId: string }>) {
    const { user, response } = commentable(req);
    const thread = findThread(response, req.params.threadId);
    const comment = ID_PATTERN.test(req.params.commentId) ? store.threads.getComment(thread.id, req.params.commentId) : null;
    if (!comment || comment.deleted) throw notFound('That comment');
    if (comment.author.userId !== user.id) throw forbidden('Only its author can change a comment');
    return { response, thread, comment };
  }

  router.patch('/responses/:responseId/threads/:threadId/comments/:commentId', (req, res) => {
    const { response, thread, comment } = ownComment(req);
    const input = parseBody(commentSchema, req.body);
    store.threads.editComment(comment.id, input.body);
    pushThread(response.id, thread.id);
    res.json(store.threads.getComment(thread.id, comment.id));
  });

  router.delete('/responses/:responseId/threads/:threadId/comments/:commentId', (req, res) => {
    const { response, thread, comment } = ownComment(req);
    store.threads.deleteComment(comment.id);
    pushThread(response.id, thread.id);
    res.status(204).end();
  });

  return router;
}
