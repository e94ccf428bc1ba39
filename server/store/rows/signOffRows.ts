// Rows of signoffs as both databases return them, and the sign-off they record.
import type { SignOff } from '../../../shared/model';

/** The columns of signoffs a sign-off is made of. */
export interface SignOffRow {
  section_id: string;
  user_id: string;
  name: string;
  at: string;
  content_hash: string;
  content_json: string;
  version_id: string | null;
  organisation: string | null;
  identity_check: string | null;
}

/** The sign-off; the optional fields are left out, not null, when not recorded. */
export function toSignOff(row: SignOffRow): SignOff {
  const signOff: SignOff = { userId: row.user_id, name: row.name, at: row.at, contentHash: row.content_hash, versionId: row.version_id };
  if (row.organisation !== null) signOff.organisation = row.organisation;
  if (row.identity_check !== null) signOff.identityCheck = row.identity_check;
  return signOff;
}

/** The columns of SignOffRow, in the same order in both dialects' SELECTs. */
export const SIGNOFF_COLUMNS = 'section_id, user_id, name, at, content_hash, content_json, version_id, organisation, identity_check';
