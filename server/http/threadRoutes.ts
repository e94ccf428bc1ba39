// Comment threads: routes that parse, call the domain (server/domain/threads.ts) and answer.
import { Router } from 'express';
import { commentRequest, createThreadRequest } from '../../shared/schemas/requests';
import type { ServerContext } from '../context';
import { deleteComment, editComment, listThreads, openThread, replyToThread, setThreadState } from '../domain/threads';
import { requireUser } from './authenticate';
import { parseBody } from './errors';

export function threadRoutes(context: ServerContext): Router {
  const router = Router();

  router.get('/responses/:responseId/threads', async (req, res) => {
    res.json({ threads: await listThreads(context, requireUser(req), req.params.responseId) });
  });

  router.post('/responses/:responseId/threads', async (req, res) => {
    const user = requireUser(req);
    const body = parseBody(createThreadRequest, req.body);
    res.status(201).json(await openThread(context, user, { responseId: req.params.responseId, ...body }));
  });

  router.post('/responses/:responseId/threads/:threadId/comments', async (req, res) => {
    const user = requireUser(req);
    const { body, mentions } = parseBody(commentRequest, req.body);
    res.status(201).json(await replyToThread(context, user, { responseId: req.params.responseId, threadId: req.params.threadId, body, mentions }));
  });

  for (const [verb, state] of [
    ['resolve', 'resolved'],
    ['reopen', 'open'],
  ] as const) {
    router.post(`/responses/:responseId/threads/:threadId/${verb}`, async (req, res) => {
      res.json(await setThreadState(context, requireUser(req), { responseId: req.params.responseId, threadId: req.params.threadId, state }));
    });
  }

  router.patch('/responses/:responseId/threads/:threadId/comments/:commentId', async (req, res) => {
    const user = requireUser(req);
    const { body } = parseBody(commentRequest, req.body);
    res.json(await editComment(context, user, { ...req.params, body }));
  });

  router.delete('/responses/:responseId/threads/:threadId/comments/:commentId', async (req, res) => {
    await deleteComment(context, requireUser(req), { ...req.params });
    res.status(204).end();
  });

  return router;
}
