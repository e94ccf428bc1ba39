// A section's history in words: why a version exists, who made it or a change, and when.
import type { HistoryPerson, TextChange, Version } from '../../shared/api';
import { roleLabel } from '../../shared/roles';
import { formatDateTime } from '../format/dates';

/** Why a version exists: "Signed off", "Reopened: <reason>", "Published", "Saved as <name>", "Automatic". */
export function versionReason(version: Pick<Version, 'kind' | 'name'>): string {
  switch (version.kind) {
    case 'signoff':
      return 'Signed off';
    case 'reopen':
      return version.name ? `Reopened: ${version.name}` : 'Reopened';
    case 'publication':
      return 'Published';
    case 'named':
      return version.name ? `Saved as ${version.name}` : 'Saved';
    case 'auto':
      // The server names the version it keeps before a restore; plain automatic ones have none.
      return version.name ? `Automatic: ${readableInstants(version.name)}` : 'Automatic';
  }
}

/** ISO instants in a name the server gave ("…a version of 2026-12-01T10:00:00.000Z") as UK readers read them. */
function readableInstants(text: string): string {
  return text.replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z\b/g, (instant) => formatDateTime(instant));
}

/** "Alex Morgan (Police and Crime Commissioner)"; who is not on record is said so. */
export function personText(person: HistoryPerson | null): string {
  if (!person) return 'Not recorded';
  return person.role ? `${person.name} (${roleLabel(person.role)})` : person.name;
}

/** A version in one line: "Signed off, 3 March 2026 14:05, by Alex Morgan (Police and Crime Commissioner)". */
export function versionSummary(version: Version): string {
  const by = version.createdBy ? `, by ${personText(version.createdBy)}` : '';
  return `${versionReason(version)}, ${formatDateTime(version.createdAt)}${by}`;
}

/** A version as an option of a list: "Signed off, 3 March 2026 14:05". */
export function versionLabel(version: Version): string {
  return `${versionReason(version)}, ${formatDateTime(version.createdAt)}`;
}

/** Who made a change and when: "Robin Shah (Police and Crime Commissioner), 3 March 2026 14:05". */
export function changeCredit(change: Exclude<TextChange, { type: 'same' }>): string {
  const when = change.at ? `, ${formatDateTime(change.at)}` : '';
  return `${personText(change.by)}${when}`;
}

/** "Inserted by Robin Shah (…), 3 March 2026 14:05". */
export function changeDescription(change: Exclude<TextChange, { type: 'same' }>): string {
  return `${change.type === 'insert' ? 'Inserted' : 'Deleted'} by ${changeCredit(change)}`;
}

/** The first characters of a hash, to show; the full value stays available beside it. */
export function shortHash(hash: string, length = 12): string {
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

/** "1 insertion and 2 deletions", "No changes". */
export function changeCount(changes: TextChange[]): string {
  const inserts = changes.filter((change) => change.type === 'insert').length;
  const deletes = changes.filter((change) => change.type === 'delete').length;
  if (inserts + deletes === 0) return 'No changes';
  const parts = [];
  if (inserts > 0) parts.push(inserts === 1 ? '1 insertion' : `${inserts} insertions`);
  if (deletes > 0) parts.push(deletes === 1 ? '1 deletion' : `${deletes} deletions`);
  return parts.join(' and ');
}
