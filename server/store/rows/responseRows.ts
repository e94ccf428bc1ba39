// Rows of responses and sections as both databases return them, and their records.
import { responseDeadline } from '../../../shared/deadline';
import type { ResponseState, RoleId, SectionKind, SectionState } from '../../../shared/model';
import type { ResponseRecord, SectionRecord } from '../records';

/** A row of responses. */
export interface ResponseRow {
  id: string;
  title: string;
  report_title: string;
  report_published_on: string;
  report_url: string;
  state: ResponseState;
  chief_comments_due_on: string | null;
  published_at_url: string | null;
  sent_to_hmicfrs_on: string | null;
  sent_to_home_secretary_on: string | null;
  created_at: string;
}

/** The columns of sections a record is made of. */
export interface SectionRow {
  id: string;
  kind: SectionKind;
  title: string;
  owner_role: RoleId;
  state: SectionState;
  recommendation: string | null;
}

/** The response; its deadline is derived from the report's date, not stored. */
export function toResponse(row: ResponseRow): ResponseRecord {
  return {
    id: row.id,
    title: row.title,
    report: { title: row.report_title, publishedOn: row.report_published_on, url: row.report_url },
    state: row.state,
    deadline: responseDeadline(row.report_published_on),
    chiefCommentsDueOn: row.chief_comments_due_on,
    statutorySteps: {
      publishedAtUrl: row.published_at_url,
      sentToHmicfrsOn: row.sent_to_hmicfrs_on,
      sentToHomeSecretaryOn: row.sent_to_home_secretary_on,
    },
    createdAt: row.created_at,
  };
}

/** The section record. */
export function toSection(row: SectionRow): SectionRecord {
  return { id: row.id, kind: row.kind, title: row.title, ownerRole: row.owner_role, state: row.state, recommendation: row.recommendation };
}
