// Errors a store gives that its callers act on (anything else is the database failing).

/**
 * An update was refused because its section is signed off: stored by no one, relayed to no one.
 * With several instances, the sign-off may have been made on another one since the room let the
 * update through; the database's word is final.
 */
export class SectionLockedError extends Error {
  readonly code = 'section_locked';

  constructor(readonly sectionId: string) {
    super(`Section ${sectionId} is signed off: no update is stored for it`);
    this.name = 'SectionLockedError';
  }
}
