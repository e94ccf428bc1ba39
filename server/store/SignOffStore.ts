import type { SignOff } from '../../shared/model';

/** The record of sign-offs and reopenings. A section's current sign-off is its latest unreopened one. */
export interface SignOffStore {
  record(sectionId: string, signOff: SignOff, contentJson: string): Promise<void>;
  current(sectionId: string): Promise<SignOff | null>;
  /** The current sign-offs of several sections at once. */
  currentFor(sectionIds: string[]): Promise<Map<string, SignOff>>;
  /** The canonical content (JSON) that was signed, for the current sign-off. */
  currentContent(sectionId: string): Promise<string | null>;
  markReopened(sectionId: string, by: string, reason: string, at: string): Promise<void>;
}
