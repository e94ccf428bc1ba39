import type { RoleId } from '../../shared/model';
import { roleColor, roleLabel } from '../../shared/roles';

/**
 * A role's name (or `text` about it), white on the role's colour. React sets the colour through
 * the CSSOM, not a style attribute in markup, which a strict style-src CSP allows.
 */
export function RoleBadge({ role, id, text }: { role: RoleId; id?: string; text?: string }) {
  return (
    <span className="role-badge" id={id} style={{ backgroundColor: roleColor(role) }}>
      {text ?? roleLabel(role)}
    </span>
  );
}
