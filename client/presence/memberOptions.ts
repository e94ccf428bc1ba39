import type { ResponseDetail } from '../../shared/api';
import { BUILT_IN_ROLES, type Capacity, type RoleId } from '../../shared/model';

/** The roles a member can be given: the statutory ones and any this response uses. */
export function roleOptions(response: ResponseDetail): RoleId[] {
  const roles = new Set<RoleId>(BUILT_IN_ROLES);
  for (const section of response.sections) roles.add(section.ownerRole);
  for (const member of response.members) roles.add(member.role);
  return [...roles];
}

/** A capacity in words. */
export function capacityLabel(capacity: Capacity): string {
  switch (capacity) {
    case 'signatory':
      return 'Signatory';
    case 'drafter':
      return 'Drafter';
    case 'viewer':
      return 'Viewer';
  }
}
