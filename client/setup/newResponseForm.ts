// The new-response form's values, checked as the server checks them, so that a person sees
// every problem at once, next to its field, before anything is sent.
import type { Capacity, RoleId } from '../../shared/model';
import { isCalendarDate, responseDeadline, ukToday } from '../../shared/deadline';
import { STANDARD_SECTIONS } from '../../shared/template';
import { emptyDateParts, readDateParts, type DateField, type DateParts } from '../ui/dateParts';

/** What the form holds. */
export interface NewResponseDraft {
  title: string;
  reportTitle: string;
  /** The day, month and year fields of the report's publication date. */
  publishedOn: DateParts;
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
    publishedOn: emptyDateParts(),
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

/** What the publication date is called in messages. */
const PUBLISHED_ON_NAME = 'The date the report was published';

/** The publication date the fields hold, or null while they do not hold one. */
export function publishedOnDate(draft: Pick<NewResponseDraft, 'publishedOn'>): string | null {
  const reading = readDateParts(draft.publishedOn, PUBLISHED_ON_NAME);
  return reading.kind === 'date' ? reading.iso : null;
}

/** The deadline for a report published on `publishedOn`, or null while the date is unusable. */
export function deadlineFor(publishedOn: string | null, today: string = ukToday()): string | null {
  if (!publishedOn || !isCalendarDate(publishedOn) || publishedOn > today) return null;
  return responseDeadline(publishedOn);
}

/** Which of the publication date's fields an error is about (for marking them). */
export function publishedOnErrorFields(draft: Pick<NewResponseDraft, 'publishedOn'>): DateField[] {
  const reading = readDateParts(draft.publishedOn, PUBLISHED_ON_NAME);
  return reading.kind === 'invalid' ? reading.fields : ['day', 'month', 'year'];
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
  const publishedOn = readDateParts(draft.publishedOn, PUBLISHED_ON_NAME);
  if (publishedOn.kind === 'empty') errors.publishedOn = 'Enter the date the report was published';
  else if (publishedOn.kind === 'invalid') errors.publishedOn = publishedOn.message;
  else if (publishedOn.iso > today) errors.publishedOn = `${PUBLISHED_ON_NAME} must be today or in the past`;
  const url = draft.reportUrl.trim();
  if (!url) errors.reportUrl = "Enter the report's web address";
  else if (!isWebAddress(url)) errors.reportUrl = 'Enter a web address starting https://, like https://www.justiceinspectorates.gov.uk/hmicfrs/';
  return errors;
}

/** The body of `POST /api/responses` for a valid draft. */
export function newResponseRequest(draft: NewResponseDraft) {
  return {
    title: draft.title.trim(),
    report: { title: draft.reportTitle.trim(), publishedOn: publishedOnDate(draft) ?? '', url: draft.reportUrl.trim() },
    optionalSections: OPTIONAL_SECTION_TITLES.filter((title) => draft.optionalSections.includes(title)),
    role: draft.role,
    capacity: draft.capacity,
  };
}
