// The section history API as the browser uses it: every answer parsed with its shared schema.
import type { AuthorshipBody, TextChange, Version, VersionDetailBody } from '../../shared/api';
import {
  authorshipBodySchema,
  restoreVersionBodySchema,
  versionDetailBodySchema,
  versionDiffBodySchema,
  versionListBodySchema,
  versionSchema,
} from '../../shared/schemas/responses';
import { api } from '../api/http';

/** Which section's history: the response and the section. */
export interface SectionRef {
  responseId: string;
  sectionId: string;
}

/** What a version is compared with: the text now, or another version. */
export type Comparison = 'current' | { versionId: string };

function sectionPath({ responseId, sectionId }: SectionRef): string {
  return `/api/responses/${encodeURIComponent(responseId)}/sections/${encodeURIComponent(sectionId)}`;
}

function versionPath(ref: SectionRef, versionId: string): string {
  return `${sectionPath(ref)}/versions/${encodeURIComponent(versionId)}`;
}

/** The section's versions, newest first. */
export async function fetchVersions(ref: SectionRef): Promise<Version[]> {
  return (await api('GET', `${sectionPath(ref)}/versions`, versionListBodySchema)).versions;
}

/** Saves the text as it is now as a version with a name (the section's writers, while it is open). */
export function saveNamedVersion(ref: SectionRef, name: string): Promise<Version> {
  return api('POST', `${sectionPath(ref)}/versions`, versionSchema, { name });
}

/** A version with its content (ProseMirror JSON) and plain text. */
export function fetchVersion(ref: SectionRef, versionId: string): Promise<VersionDetailBody> {
  return api('GET', versionPath(ref, versionId), versionDetailBodySchema);
}

/** What changed from a version to the text now, or between two versions (older to newer), in document order. */
export async function fetchDiff(ref: SectionRef, versionId: string, against: Comparison): Promise<TextChange[]> {
  const query = against === 'current' ? 'current' : encodeURIComponent(against.versionId);
  return (await api('GET', `${versionPath(ref, versionId)}/diff?against=${query}`, versionDiffBodySchema)).changes;
}

/** Restores a version as a new change; answers the version that keeps the text as it was just before. */
export async function restoreVersion(ref: SectionRef, versionId: string): Promise<Version> {
  return (await api('POST', `${versionPath(ref, versionId)}/restore`, restoreVersionBodySchema)).kept;
}

/** Who wrote each run of the text as it is now. */
export async function fetchAuthorship(ref: SectionRef): Promise<AuthorshipBody['spans']> {
  return (await api('GET', `${sectionPath(ref)}/authorship`, authorshipBodySchema)).spans;
}
