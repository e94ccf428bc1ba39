import type { Membership } from '../../shared/model';
import { ID_PATTERN } from '../store/ids';
import type { ResponseRecord } from '../store/ResponseStore';
import type { Store } from '../store/Store';
import { notFound } from './errors';

/** A response and the caller's membership of it; 404 for non-members, so nobody learns it exists. */
export function responseForMember(store: Store, responseId: string, userId: string): { response: ResponseRecord; membership: Membership } {
  if (!ID_PATTERN.test(responseId)) throw notFound('That response');
  const response = store.responses.get(responseId);
  const membership = response ? store.responses.getMembership(responseId, userId) : null;
  if (!response || !membership) throw notFound('That response');
  return { response, membership };
}
