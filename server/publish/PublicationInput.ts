import type { Section } from '../../shared/model';
import type { ContentNode } from '../content/sectionContent';
import type { ResponseRecord } from '../store/records';

/** What a publication is rendered from: the stored, signed content of every section. */
export interface PublicationInput {
  response: ResponseRecord;
  /** In document order; every section is signed off. */
  sections: Array<{ section: Section & { signOff: NonNullable<Section['signOff']> }; content: ContentNode }>;
  publishedAt: string;
  publishedBy: string;
  /** The newest entry of the response's activity record when it was rendered: the page pins it (see renderHtml's note). */
  auditHead?: { seq: number; hash: string } | null;
}

/** What a publication shows for a title or name with nothing visible in it. */
export const UNTITLED = {
  response: 'Untitled response',
  report: 'Untitled report',
  section: 'Untitled section',
  name: 'Unnamed member',
  /** The version a sign-off signed, for sign-offs made before sections had a history. */
  version: 'Not recorded',
} as const;

/** What the sign-off record shows for an organisation or identity check that sign-offs made before organisations did not record. */
export const NOT_RECORDED = 'Not recorded';

/** "2 December 2021" for an ISO date or instant, in UK time. */
export function formatUkDate(isoDateOrInstant: string): string {
  const date = isoDateOrInstant.length === 10 ? new Date(`${isoDateOrInstant}T12:00:00Z`) : new Date(isoDateOrInstant);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** "2 December 2021, 14:05" in UK time. */
export function formatUkDateTime(instant: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}

/** The sections laid out as the sample is: prose in order, recommendations gathered in one table. */
export function layoutSections(input: PublicationInput): Array<
  { kind: 'prose'; entry: PublicationInput['sections'][number] } | { kind: 'recommendations'; entries: PublicationInput['sections'] }
> {
  const blocks: ReturnType<typeof layoutSections> = [];
  const recommendations = input.sections.filter((entry) => entry.section.kind === 'recommendation');
  for (const entry of input.sections) {
    if (entry.section.kind !== 'recommendation') blocks.push({ kind: 'prose', entry });
    else if (entry === recommendations[0]) blocks.push({ kind: 'recommendations', entries: recommendations });
  }
  return blocks;
}
