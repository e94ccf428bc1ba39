import type { ResponseState } from '../../shared/model';

/** A response's state in words. */
export function responseStateLabel(state: ResponseState): string {
  return state === 'published' ? 'Published' : 'Drafting';
}
