import type { Publication } from './records';

/** Publications: written once, never changed. */
export interface PublicationStore {
  insert(publication: Publication): Promise<void>;
  get(id: string): Promise<Publication | null>;
  forResponse(responseId: string): Promise<Publication | null>;
}
