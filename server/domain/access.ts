// Finding what a request is about, for a member only: to anyone else a response does not exist.
import type { Membership } from '../../shared/model';
import { ID_PATTERN } from '../store/ids';
import type { ResponseRecord, SectionRecord } from '../store/records';
import type { Stores } from '../store/Store';
import { notFound } from './errors';

/** A response and the caller's membership of it; not found for non-members, so nobody learns it exists. */
export async function memberAccess(store: Stores, responseId: string, userId: string): Promise<{ response: ResponseRecord; membership: Membership }> {
  if (!ID_PATTERN.test(responseId)) throw notFound('That response');
  const [response, membership] = await Promise.all([store.responses.get(responseId), store.members.get(responseId, userId)]);
  if (!response || !membership) throw notFound('That response');
  return { response, membership };
}

/** A section of a response, or not found. */
export async function findSection(store: Stores, responseId: string, sectionId: string): Promise<SectionRecord> {
  const section = ID_PATTERN.test(sectionId) ? await store.responses.getSection(responseId, sectionId) : null;
  if (!section) throw notFound('That section');
  return section;
}
