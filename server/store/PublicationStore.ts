import type { Publication } from './records';

/** A publication without its files, for listing. */
export type PublicationListing = Omit<Publication, 'html' | 'docx' | 'recordJson'>;

/** Publications: written once, never changed. */
export interface PublicationStore {
  insert(publication: Publication): Promise<void>;
  get(id: string): Promise<Publication | null>;
  forResponse(responseId: string): Promise<Publication | null>;
  /** Every publication without its files, newest first. */
  list(): Promise<PublicationListing[]>;
}
