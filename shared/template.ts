// The standard sections of a PCC's response to an HMICFRS report, in document order.
import type { RoleId, SectionKind } from './model';

export interface SectionTemplate {
  kind: SectionKind;
  title: string;
  ownerRole: RoleId;
  /** Optional sections are offered but may be removed. */
  optional: boolean;
  /** Comes after the recommendations table (as HMI comments do in published responses). */
  afterRecommendations?: boolean;
}

export const STANDARD_SECTIONS: SectionTemplate[] = [
  { kind: 'prose', title: "Police and Crime Commissioner's comments", ownerRole: 'pcc', optional: false },
  { kind: 'prose', title: 'Chief Officer comments', ownerRole: 'chief_constable', optional: false },
  { kind: 'prose', title: 'Portfolio lead comments', ownerRole: 'portfolio_lead', optional: false },
  { kind: 'area_for_improvement', title: 'Areas for improvement', ownerRole: 'chief_constable', optional: true },
  { kind: 'prose', title: "PCC's reply to the Chief Constable's comments", ownerRole: 'pcc', optional: true },
  { kind: 'prose', title: 'HMI comments', ownerRole: 'pcc', optional: true, afterRecommendations: true },
];

/**
 * Where new recommendations go in a response's sections: after the last recommendation, or
 * before the first section that belongs after them, or at the end.
 */
export function recommendationInsertIndex(sections: Array<{ kind: SectionKind; title: string }>): number {
  const lastRecommendation = sections.map((section) => section.kind).lastIndexOf('recommendation');
  if (lastRecommendation >= 0) return lastRecommendation + 1;
  const after = new Set(STANDARD_SECTIONS.filter((t) => t.afterRecommendations).map((t) => t.title));
  const firstAfter = sections.findIndex((section) => after.has(section.title));
  return firstAfter >= 0 ? firstAfter : sections.length;
}
