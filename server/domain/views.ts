// The shapes the API sends (shared/api.ts), built from what the stores keep.
import type { PublicationInfo, ResponseDetail, ResponseSummary } from '../../shared/api';
import { BUILT_IN_ROLES, type Membership, type Section } from '../../shared/model';
import type { Config } from '../config';
import type { ResponseRecord, SectionRecord } from '../store/records';
import type { Stores } from '../store/Store';
import { holdersOf, organisationOfEmail, organisationViews } from './organisations';

/** Sections with their current sign-offs. */
export async function withSignOffs(store: Stores, sections: SectionRecord[]): Promise<Section[]> {
  const signed = sections.filter((section) => section.state === 'signed_off').map((section) => section.id);
  const signOffs = await store.signOffs.currentFor(signed);
  return sections.map((section) => ({ ...section, signOff: signOffs.get(section.id) ?? null }));
}

/** A response's sections, in order, with their sign-offs. */
export async function sectionsOf(store: Stores, responseId: string): Promise<Section[]> {
  return withSignOffs(store, await store.responses.listSections(responseId));
}

/** One section with its sign-off. */
export async function sectionView(store: Stores, section: SectionRecord): Promise<Section> {
  return (await withSignOffs(store, [section]))[0]!;
}

function summaryOf(response: ResponseRecord, sections: SectionRecord[], openThreads: number): ResponseSummary {
  return {
    id: response.id,
    title: response.title,
    state: response.state,
    deadline: response.deadline,
    report: response.report,
    sectionsTotal: sections.length,
    sectionsSignedOff: sections.filter((section) => section.state === 'signed_off').length,
    openThreads,
  };
}

/** A response as one line of the dashboard. */
export async function responseSummary(store: Stores, response: ResponseRecord): Promise<ResponseSummary> {
  const [sections, openThreads] = await Promise.all([store.responses.listSections(response.id), store.threads.countOpen(response.id)]);
  return summaryOf(response, sections, openThreads);
}

/** Where a publication's page and DOCX are served. */
export function publicationPaths(publicationId: string): { htmlUrl: string; docxUrl: string } {
  return { htmlUrl: `/published/${publicationId}`, docxUrl: `/published/${publicationId}.docx` };
}

/** Where a publication's files are served. */
export async function publicationInfo(store: Stores, responseId: string): Promise<PublicationInfo | null> {
  const publication = await store.publications.forResponse(responseId);
  if (!publication) return null;
  return {
    id: publication.id,
    publishedAt: publication.publishedAt,
    publishedBy: publication.publishedBy,
    ...publicationPaths(publication.id),
    htmlSha256: publication.htmlSha256,
    docxSha256: publication.docxSha256,
  };
}

/** A response as a member sees it: with the organisations, who holds each role, and each member's organisation. */
export async function responseDetail(
  store: Stores,
  response: ResponseRecord,
  me: Membership,
  config: Pick<Config, 'organisations' | 'oidcProviders'>,
): Promise<ResponseDetail> {
  const [records, openThreads, members, publication] = await Promise.all([
    store.responses.listSections(response.id),
    store.threads.countOpen(response.id),
    store.members.list(response.id),
    publicationInfo(store, response.id),
  ]);
  const roles = [...BUILT_IN_ROLES, ...records.map((section) => section.ownerRole), ...members.map((member) => member.role)];
  const holders = await holdersOf(config, store, response.id, roles);
  return {
    ...summaryOf(response, records, openThreads),
    sections: await withSignOffs(store, records),
    me,
    members: members.map((member) => ({ ...member, organisationId: organisationOfEmail(config, member.email)?.id ?? null })),
    organisations: organisationViews(config),
    roleHolders: [...holders].map(([role, holder]) => ({ role, organisationId: holder?.id ?? null })),
    chiefCommentsDueOn: response.chiefCommentsDueOn,
    publication,
    statutorySteps: response.statutorySteps,
  };
}
