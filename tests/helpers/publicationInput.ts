// PublicationInput values for renderer tests: a response, and signed-off sections with content.
import type { ContentNode } from '../../server/content/sectionContent';
import type { PublicationInput } from '../../server/publish/PublicationInput';
import type { Section } from '../../shared/model';

/** A section of a publication; prose unless `recommendation` is given. */
export interface SectionOf {
  title: string;
  content: ContentNode[];
  recommendation?: string;
  signedBy?: string;
}

/** A publication of the given sections, with plain titles unless overridden. */
export function publicationOf(sections: SectionOf[], overrides: { title?: string; reportTitle?: string; reportUrl?: string; publishedBy?: string } = {}): PublicationInput {
  return {
    response: {
      id: 'response-1',
      title: overrides.title ?? 'A response',
      report: { title: overrides.reportTitle ?? 'A report', publishedOn: '2026-11-20', url: overrides.reportUrl ?? 'https://example.org/report' },
      state: 'drafting',
      deadline: '2027-01-14',
      chiefCommentsDueOn: null,
      statutorySteps: { publishedAtUrl: null, sentToHmicfrsOn: null, sentToHomeSecretaryOn: null },
      createdAt: '2026-11-21T10:00:00.000Z',
    },
    sections: sections.map((entry, i) => {
      const section: Section & { signOff: NonNullable<Section['signOff']> } = {
        id: `section-${i}`,
        kind: entry.recommendation === undefined ? 'prose' : 'recommendation',
        title: entry.title,
        ownerRole: 'pcc',
        state: 'signed_off',
        recommendation: entry.recommendation ?? null,
        signOff: { userId: 'user-1', name: entry.signedBy ?? 'Alex Morgan', at: '2026-11-30T12:00:00.000Z', contentHash: 'ab'.repeat(32), versionId: null },
      };
      return { section, content: { type: 'doc', content: entry.content } };
    }),
    publishedAt: '2026-12-01T09:00:00.000Z',
    publishedBy: overrides.publishedBy ?? 'Alex Morgan',
  };
}

/** Content-building shorthands. */
export const text = (value: string, marks?: Array<{ type: string; attrs?: Record<string, unknown> }>): ContentNode =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
export const node = (type: string, content: ContentNode[] = [], attrs?: Record<string, unknown>): ContentNode =>
  attrs ? { type, attrs, content } : { type, content };
export const paragraph = (...content: ContentNode[]): ContentNode => node('paragraph', content);
