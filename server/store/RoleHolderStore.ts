import type { RoleId } from '../../shared/model';

/** Which organisation holds each role of a response (the table `response_role_holders`). */
export interface RoleHolderStore {
  /** The organisation id recorded for each role of a response. */
  list(responseId: string): Promise<Record<RoleId, string>>;
  /** Records who holds a role, unless a holder is recorded already. */
  claim(responseId: string, role: RoleId, organisationId: string): Promise<void>;
}
