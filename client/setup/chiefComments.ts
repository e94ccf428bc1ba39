import type { ResponseDetail } from '../../shared/api';
import { canAdminister } from '../../shared/permissions';

/** The role whose comments the PCC sets a date for (Police Act 1996 s.55(4)). */
export const CHIEF_CONSTABLE_ROLE = 'chief_constable';

/** May set the date for the Chief Constable's comments: the PCC's signatory or an administrator. */
export function canSetChiefCommentsDate(response: ResponseDetail): boolean {
  if (response.state !== 'drafting') return false;
  const { me } = response;
  return (me.role === 'pcc' && me.capacity === 'signatory') || canAdminister(me);
}
