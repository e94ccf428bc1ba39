// The new-response form's values, checked as the server checks them, so that a person sees
// every problem at once, next to its field, before anything is sent.
import type { Capacity, RoleId } from '../../shared/model';
import { isCalendarDate, responseDeadline, ukToday } from '../../shared/deadline';
import { STANDARD_SECTIONS } from '../../shared/template';

/** What the form holds. */
export interface NewResponseDraft {
  title: string;
  reportTitle: string;
  /** "YYYY-MM-DD" from the date input, or "" while it is incomplete. */
  publishedOn: string;
  reportUrl: string;
  /** Titles of the optional standard sections to include. */
  optionalSections: string[];
  role: RoleId;
  capacity: Extract<Capacity, 'signatory' | 'drafter'>;
}

/** The fields that can be wrong, in the order they appear. */
export const NEW_RESPONSE_FIELDS = ['reportTitle', 'publishedOn', 'reportUrl', 'title'] as const;
export type NewResponseField = (typeof NEW_RESPONSE_FIELDS)[number];

/** The most characters a title may have (as the server allows). */
import { MAX_TITLE_CHARS } from '../../shared/limits';

/** The optional standard sections, offered as checkboxes (all ticked at first). */
export const OPTIONAL_SECTION_TITLES = STANDARD_SECTIONS.filter((section) => section.optional).map((section) => section.title);

/** A fresh form: every optional section ticked, the creator as the PCC's signatory. */
export function emptyNewResponse(): NewResponseDraft {
  return {
    title: '',
    reportTitle: '',
    publishedOn: '',
    reportUrl: '',
    optionalSections: [...OPTIONAL_SECTION_TITLES],
    role: 'pcc',
    capacity: 'signatory',
  };
}

/** Whether text is a web address the server accepts (http or https). */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The deadline for a report published on `publishedOn`, or null while the date is unusable. */
export function deadlineFor(publishedOn: string, today: string = ukToday()): string | null {
  if (!isCalendarDate(publishedOn) || publishedOn > today) return null;
  return responseDeadline(publishedOn);
}

/** What is wrong with each field, in GOV.UK's words; empty when the form can be sent. */
export function validateNewResponse(
  draft: NewResponseDraft,
  today: string = ukToday(),
): Partial<Record<NewResponseField, string>> {
  const errors: Partial<Record<NewResponseField, string>> = {};
  const title = draft.title.trim();
  if (!title) errors.title = 'Enter a title for the response';
  else if (title.length > MAX_TITLE_CHARS) errors.title = `The response title must be ${MAX_TITLE_CHARS} characters or fewer`;
  const reportTitle = draft.reportTitle.trim();
  if (!reportTitle) errors.reportTitle = 'Enter the title of the report';
  else if (reportTitle.length > MAX_TITLE_CHARS) errors.reportTitle = `The report title must be ${MAX_TITLE_CHARS} characters or fewer`;
  if (!draft.publishedOn) errors.publishedOn = 'Enter the date the report was published';
  else if (!isCalendarDate(draft.publishedOn)) errors.publishedOn = 'The date the report was published must be a real date';
  else if (draft.publishedOn > today) errors.publishedOn = 'The date the report was published must be today or in the past';
  const url = draft.reportUrl.trim();
  if (!url) errors.reportUrl = "Enter the report's web address";
  else if (!isWebAddress(url)) errors.reportUrl = 'Enter a web address starting https://, like https://www.justiceinspectorates.gov.uk/hmicfrs/';
  return errors;
}

/** The body of `POST /api/responses` for a valid draft. */
export function newResponseRequest(draft: NewResponseDraft) {
  return {
    title: draft.title.trim(),
    report: { title: draft.reportTitle.trim(), publishedOn: draft.publishedOn, url: draft.reportUrl.trim() },
    optionalSections: OPTIONAL_SECTION_TITLES.filter((title) => draft.optionalSections.includes(title)),
    role: draft.role,
    capacity: draft.capacity,
  };
}
