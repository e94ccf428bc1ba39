import type { PublicationInfo, ResponseDetail, ResponseSummary } from '../../shared/api';
import type { Membership } from '../../shared/model';
import type { ResponseRecord } from '../store/ResponseStore';
import type { Store } from '../store/Store';

/** A response as one line of the dashboard. */
export function responseSummary(store: Store, response: ResponseRecord): ResponseSummary {
  const sections = store.responses.listSections(response.id);
  return {
    id: response.id,
    title: response.title,
    state: response.state,
    deadline: response.deadline,
    report: response.report,
    sectionsTotal: sections.length,
    sectionsSignedOff: sections.filter((section) => section.state === 'signed_off').length,
    openThreads: store.threads.countOpen(response.id),
  };
}

/** Where a publication's files are served. */
export function publicationInfo(store: Store, responseId: string): PublicationInfo | null {
  const publication = store.publications.forResponse(responseId);
  if (!publication) return null;
  return {
    id: publication.id,
    publishedAt: publication.publishedAt,
    publishedBy: publication.publishedBy,
    htmlUrl: `/published/${publication.id}`,
    docxUrl: `/published/${publication.id}.docx`,
    htmlSha256: publication.htmlSha256,
    docxSha256: publication.docxSha256,
  };
}

/** A response as a member sees it. */
export function responseDetail(store: Store, response: ResponseRecord, me: Membership): ResponseDetail {
  const sections = store.responses.listSections(response.id);
  return {
    ...responseSummary(store, response),
    sections,
    me,
    members: store.responses.listMembers(response.id),
    chiefCommentsDueOn: response.chiefCommentsDueOn,
    publication: publicationInfo(store, response.id),
    statutorySteps: response.statutorySteps,
  };
}
