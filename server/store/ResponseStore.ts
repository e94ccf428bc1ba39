import type { StatutorySteps } from '../../shared/api';
import type { Report, ResponseState, RoleId, SectionState } from '../../shared/model';
import type { NewSection, ResponseRecord, SectionRecord } from './records';

/** Responses and their sections (the tables `responses` and `sections`). */
export interface ResponseStore {
  create(input: { title: string; report: Report }): Promise<ResponseRecord>;
  get(id: string): Promise<ResponseRecord | null>;
  /** Responses by id, oldest first; unknown ids are left out. */
  getMany(ids: string[]): Promise<ResponseRecord[]>;
  /** Every response in a state, oldest first (the scheduler's reminders look at those being drafted). */
  listInState(state: ResponseState): Promise<ResponseRecord[]>;
  setState(id: string, state: ResponseState): Promise<void>;
  update(id: string, changes: { title?: string; chiefCommentsDueOn?: string | null }): Promise<void>;
  setStatutorySteps(id: string, steps: StatutorySteps): Promise<void>;
  /** Adds a section at the end, or at `position` (0-based), moving later sections down. */
  addSection(responseId: string, input: NewSection, position?: number): Promise<SectionRecord>;
  /** The sections of a response in document order. */
  listSections(responseId: string): Promise<SectionRecord[]>;
  /** A section, only if it belongs to the response. */
  getSection(responseId: string, sectionId: string): Promise<SectionRecord | null>;
  updateSection(sectionId: string, changes: { title?: string; ownerRole?: RoleId; recommendation?: string }): Promise<void>;
  /** Removes a section's row (its text is the update store's). */
  deleteSection(sectionId: string): Promise<void>;
  /** Puts a response's sections in the given order (every section id exactly once). */
  reorderSections(responseId: string, sectionIds: string[]): Promise<void>;
  setSectionState(sectionId: string, state: SectionState): Promise<void>;
}
