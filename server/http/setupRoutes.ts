// Setting up a response: create it from a report, import recommendations, and arrange its
// sections. Administrators only (anyone signed in may create a response, and administers it).
import { Router } from 'express';
import { z } from 'zod';
import type { User } from '../../shared/api';
import { isCalendarDate, ukToday } from '../../shared/deadline';
import { SECTION_KINDS, type Section } from '../../shared/model';
import { canAdminister } from '../../shared/permissions';
import { MAX_IMPORTED_RECOMMENDATIONS, splitRecommendations } from '../../shared/recommendationImport';
import { ROLE_ID_PATTERN, roleLabel } from '../../shared/roles';
import { recommendationInsertIndex, STANDARD_SECTIONS } from '../../shared/template';
import { announceChange, recordActivity, type ServerContext } from '../context';
import type { ResponseRecord } from '../store/ResponseStore';
import { requireUser } from './authenticate';
import { conflict, forbidden, HttpError, notFound, parseBody } from './errors';
import { responseForMember } from './memberAccess';
import { responseDetail } from './responseViews';

const role = z.string().regex(ROLE_ID_PATTERN, 'must be a role id such as "chief_constable"');
const title = z.string().trim().min(1, 'is required').max(300);
const calendarDate = z.string().refine(isCalendarDate, 'must be a real date written YYYY-MM-DD');
const webAddress = z.url({ protocol: /^https?$/, error: 'must be a web address starting http:// or https://' }).max(2000);

const createSchema = z.object({
  title,
  report: z.object({
    title,
    publishedOn: calendarDate.refine((date) => date <= ukToday(), 'cannot be in the future'),
    url: webAddress,
  }),
  /** Which optional standard sections to include (all by default). */
  optionalSections: z.array(z.string()).optional(),
  /** The creator's own seat (the PCC's signatory by default). */
  role: role.optional(),
  capacity: z.enum(['signatory', 'drafter']).optional(),
});
const changeResponseSchema = z
  .object({ title: title.optional(), chiefCommentsDueOn: calendarDate.nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, 'give title or chiefCommentsDueOn');
const importSchema = z
  .object({
    /** The report's recommendations as pasted, to be split... */
    text: z.string().max(100_000).optional(),
    /** ...or already split (and corrected by the administrator after a preview). */
    recommendations: z
      .array(z.object({ text: z.string().trim().min(1).max(10_000) }))
      .max(MAX_IMPORTED_RECOMMENDATIONS)
      .optional(),
    ownerRole: role,
    preview: z.boolean(),
  })
  .refine((body) => (body.text === undefined) !== (body.recommendations === undefined), 'give either text or recommendations');
const addSectionSchema = z.object({
  kind: z.enum(SECTION_KINDS),
  title,
  ownerRole: role,
  recommendation: z.string().trim().min(1).max(10_000).optional(),
});
const changeSectionSchema = z
  .object({ title: title.optional(), ownerRole: role.optional(), recommendation: z.string().trim().min(1).max(10_000).optional() })
  .refine((body) => Object.keys(body).length > 0, 'give title, ownerRole or recommendation');
const orderSchema = z.object({ sectionIds: z.array(z.string().max(64)).max(500) });

/** POST /api/responses, PATCH /api/responses/:id, recommendations import, and section set-up. */
export function setupRoutes(context: ServerContext): Router {
  const router = Router();
  const { store } = context;

  function actor(user: User) {
    return { userId: user.id, name: user.name };
  }

  /** The response, if the caller administers it and it is still being drafted. */
  function setUpResponse(responseId: string, user: User): ResponseRecord {
    const { response, membership } = responseForMember(store, responseId, user.id);
    if (!canAdminister(membership)) throw forbidden('Only an administrator can set up this response');
    if (response.state !== 'drafting') throw conflict('published', 'The response is published and can no longer change');
    return response;
  }

  function openSection(response: ResponseRecord, sectionId: string): Section {
    const section = store.responses.getSection(response.id, sectionId);
    if (!section) throw notFound('That section');
    if (section.state !== 'drafting') throw conflict('signed_off', `"${section.title}" is signed off; reopen it first`);
    return section;
  }

  router.post('/responses', (req, res) => {
    const { user } = requireUser(req);
    const body = parseBody(createSchema, req.body);
    const optional = new Set(body.optionalSections ?? STANDARD_SECTIONS.filter((s) => s.optional).map((s) => s.title));
    const response = store.transaction(() => {
      const created = store.responses.create({ title: body.title, report: body.report });
      for (const template of STANDARD_SECTIONS) {
        if (template.optional && !optional.has(template.title)) continue;
        store.responses.addSection(created.id, { kind: template.kind, title: template.title, ownerRole: template.ownerRole });
      }
      store.responses.setMember(created.id, user.id, {
        role: body.role ?? 'pcc',
        capacity: body.capacity ?? 'signatory',
        administrator: true,
      });
      return created;
    });
    recordActivity(context, { responseId: response.id, actor: actor(user), action: 'response.created', detail: `For the report "${body.report.title}"` });
    res.status(201).json(responseDetail(store, response, store.responses.getMembership(response.id, user.id)!));
  });

  router.patch('/responses/:responseId', (req, res) => {
    const { user } = requireUser(req);
    const { response, membership } = responseForMember(store, req.params.responseId, user.id);
    if (response.state !== 'drafting') throw conflict('published', 'The response is published and can no longer change');
    const body = parseBody(changeResponseSchema, req.body);
    const due = body.chiefCommentsDueOn;
    if (due && (due < response.report.publishedOn || due > response.deadline)) {
      throw new HttpError(
        400,
        'invalid_request',
        `chiefCommentsDueOn: must fall between the report's publication (${response.report.publishedOn}) and the deadline (${response.deadline})`,
      );
    }
    // s.55(4): the PCC sets the date for the chief constable's comments.
    const isPcc = membership.role === 'pcc' && membership.capacity === 'signatory';
    if (body.title !== undefined && !canAdminister(membership)) throw forbidden('Only an administrator can rename the response');
    if (body.chiefCommentsDueOn !== undefined && !isPcc && !canAdminister(membership)) {
      throw forbidden("Only the PCC sets the date for the Chief Constable's comments");
    }
    store.responses.update(response.id, body);
    if (body.chiefCommentsDueOn !== undefined) {
      recordActivity(context, {
        responseId: response.id,
        actor: actor(user),
        action: 'chief_comments_due.set',
        detail: body.chiefCommentsDueOn ? `Chief Constable's comments due by ${body.chiefCommentsDueOn}` : "Date for the Chief Constable's comments cleared",
      });
    }
    if (body.title !== undefined) recordActivity(context, { responseId: response.id, actor: actor(user), action: 'response.renamed', detail: body.title });
    announceChange(context, response.id, 'setup');
    res.json(responseDetail(store, store.responses.get(response.id)!, membership));
  });

  router.post('/responses/:responseId/recommendations/import', (req, res) => {
    const { user } = requireUser(req);
    const response = setUpResponse(req.params.responseId, user);
    const body = parseBody(importSchema, req.body);
    const recommendations = body.recommendations ?? splitRecommendations(body.text ?? '');
    if (body.preview) {
      res.json({ recommendations });
      return;
    }
    if (recommendations.length === 0) throw new HttpError(400, 'invalid_request', 'No recommendations were found in that text');
    const current = store.responses.listSections(response.id);
    const existing = current.filter((section) => section.kind === 'recommendation').length;
    const at = recommendationInsertIndex(current);
    // Number new recommendations after the highest number in use, so no two share a title.
    const highest = Math.max(0, ...current.map((section) => Number(/^Recommendation (\d+)$/.exec(section.title)?.[1] ?? 0)));
    if (existing + recommendations.length > MAX_IMPORTED_RECOMMENDATIONS) {
      throw new HttpError(400, 'invalid_request', `A response can hold at most ${MAX_IMPORTED_RECOMMENDATIONS} recommendations`);
    }
    const sections = store.transaction(() =>
      recommendations.map((recommendation, i) =>
        store.responses.addSection(
          response.id,
          {
            kind: 'recommendation',
            title: `Recommendation ${highest + i + 1}`,
            ownerRole: body.ownerRole,
            recommendation: recommendation.text,
          },
          at + i,
        ),
      ),
    );
    recordActivity(context, {
      responseId: response.id,
      actor: actor(user),
      action: 'recommendations.imported',
      detail: `${sections.length} recommendations, owned by ${roleLabel(body.ownerRole)}`,
    });
    announceChange(context, response.id, 'setup');
    res.status(201).json({ recommendations, sections });
  });

  router.post('/responses/:responseId/sections', (req, res) => {
    const { user } = requireUser(req);
    const response = setUpResponse(req.params.responseId, user);
    const body = parseBody(addSectionSchema, req.body);
    if (body.kind === 'recommendation' && !body.recommendation) {
      throw new HttpError(400, 'invalid_request', "recommendation: a recommendation section needs the report's text");
    }
    const section = store.responses.addSection(response.id, body);
    recordActivity(context, { responseId: response.id, actor: actor(user), action: 'section.added', sectionId: section.id, detail: `${section.title} (${roleLabel(section.ownerRole)})` });
    announceChange(context, response.id, 'setup');
    res.status(201).json(section);
  });

  router.patch('/responses/:responseId/sections/:sectionId', async (req, res) => {
    const { user } = requireUser(req);
    const response = setUpResponse(req.params.responseId, user);
    const section = openSection(response, req.params.sectionId);
    const body = parseBody(changeSectionSchema, req.body);
    if (body.recommendation !== undefined && section.kind !== 'recommendation') {
      throw new HttpError(400, 'invalid_request', 'recommendation: only a recommendation section has recommendation text');
    }
    store.responses.updateSection(section.id, body);
    const changes: string[] = [];
    if (body.title !== undefined && body.title !== section.title) changes.push(`renamed "${section.title}" to "${body.title}"`);
    if (body.ownerRole !== undefined && body.ownerRole !== section.ownerRole) {
      changes.push(`owner changed from ${roleLabel(section.ownerRole)} to ${roleLabel(body.ownerRole)}`);
    }
    for (const change of changes) {
      recordActivity(context, { responseId: response.id, actor: actor(user), action: 'section.changed', sectionId: section.id, detail: change });
    }
    if (body.recommendation !== undefined && body.recommendation !== section.recommendation) {
      // The report's text is fixed once imported; a correction is on the record, old and new.
      recordActivity(context, {
        responseId: response.id,
        actor: actor(user),
        action: 'recommendation.corrected',
        sectionId: section.id,
        detail: `"${section.recommendation}" corrected to "${body.recommendation}"`,
      });
    }
    if (body.ownerRole !== undefined) await context.sync.refreshAccess(response.id, section.id);
    announceChange(context, response.id, 'setup');
    res.json(store.responses.getSection(response.id, section.id));
  });

  router.delete('/responses/:responseId/sections/:sectionId', async (req, res) => {
    const { user } = requireUser(req);
    const response = setUpResponse(req.params.responseId, user);
    const section = openSection(response, req.params.sectionId);
    await context.sync.rooms.withRoom(response.id, section.id, (room) => {
      room.discarded = true;
      store.responses.deleteSection(section.id);
      context.sync.refreshRoom(room);
    });
    recordActivity(context, { responseId: response.id, actor: actor(user), action: 'section.removed', detail: `${section.title} (${roleLabel(section.ownerRole)})` });
    announceChange(context, response.id, 'setup');
    res.status(204).end();
  });

  router.put('/responses/:responseId/sections/order', (req, res) => {
    const { user } = requireUser(req);
    const response = setUpResponse(req.params.responseId, user);
    const { sectionIds } = parseBody(orderSchema, req.body);
    const current = store.responses.listSections(response.id).map((section) => section.id);
    const same = sectionIds.length === current.length && new Set(sectionIds).size === current.length && sectionIds.every((id) => current.includes(id));
    if (!same) throw new HttpError(400, 'invalid_request', "sectionIds: give every one of the response's section ids exactly once");
    store.responses.reorderSections(response.id, sectionIds);
    recordActivity(context, { responseId: response.id, actor: actor(user), action: 'sections.reordered', detail: 'Sections reordered' });
    announceChange(context, response.id, 'setup');
    res.json({ sections: store.responses.listSections(response.id) });
  });

  return router;
}
