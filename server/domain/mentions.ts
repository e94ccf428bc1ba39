import type { Member } from '../../shared/api';
import type { ServerContext } from '../context';
import { invalid } from './errors';

/** The members a comment mentions, by user id: each must be a member of the response. */
export async function mentionedMembers(context: ServerContext, responseId: string, ids: string[] | undefined): Promise<Member[]> {
  if (!ids || ids.length === 0) return [];
  const members = new Map((await context.store.members.list(responseId)).map((m) => [m.userId, m]));
  const unique = [...new Set(ids)];
  if (unique.some((id) => !members.has(id))) throw invalid('mentions: you can mention members of this response only');
  return unique.map((id) => members.get(id)!);
}
