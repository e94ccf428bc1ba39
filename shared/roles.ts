import type { RoleId } from './model';

interface RoleInfo {
  label: string;
  /** Caret and badge colour; white text on it passes WCAG AA contrast. */
  color: string;
}

const KNOWN_ROLES: Record<string, RoleInfo> = {
  pcc: { label: 'Police and Crime Commissioner', color: '#1d70b8' },
  chief_constable: { label: 'Chief Constable', color: '#00703c' },
  portfolio_lead: { label: 'Portfolio lead', color: '#912b88' },
};

const OTHER_ROLE_COLOR = '#505a5f';

/** The name a person reads for a role id ("chief_constable" -> "Chief Constable"). */
export function roleLabel(role: RoleId): string {
  const known = KNOWN_ROLES[role];
  if (known) return known.label;
  const words = role.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The colour that marks a role's carets and badges. */
export function roleColor(role: RoleId): string {
  return KNOWN_ROLES[role]?.color ?? OTHER_ROLE_COLOR;
}

/** Role ids are lower-case words joined by underscores. */
export const ROLE_ID_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
