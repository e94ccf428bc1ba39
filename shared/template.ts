// The standard sections of a PCC's response to an HMICFRS report, in document order.
import type { RoleId, SectionKind } from './model';

export interface SectionTemplate {
  kind: SectionKind;
  title: string;
  ownerRole: RoleId;
  /** Optional sections are offered but may be removed. */
  optional: boolean;
}

export const STANDARD_SECTIONS: SectionTemplate[] = [
  { kind: 'prose', title: "Police and Crime Commissioner's comments", ownerRole: 'pcc', optional: false },
  { kind: 'prose', title: 'Chief Officer comments', ownerRole: 'chief_constable', optional: false },
  { kind: 'prose', title: 'Portfolio lead comments', ownerRole: 'portfolio_lead', optional: false },
  { kind: 'area_for_improvement', title: 'Areas for improvement', ownerRole: 'chief_constable', optional: true },
  { kind: 'prose', title: "PCC's reply to the Chief Constable's comments", ownerRole: 'pcc', optional: true },
  { kind: 'prose', title: 'HMI comments', ownerRole: 'pcc', optional: true },
];
