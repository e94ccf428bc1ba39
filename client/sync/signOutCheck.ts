// Before signing out: do this browser's copies of the user's sections hold edits the server
// lacks? Copies open on the page are answered by their trackers when those know; the others are
// compared with the server (checkLocalCopy). Only when nothing is pending are they deleted.
import { checkLocalCopy } from './checkLocalCopy';
import { deleteLocalCopy, listLocalCopies, openCopyStates, parseLocalCopyName } from './localCopies';
import type { SaveState } from './SaveTracker';

/** How many copies are compared with the server at once. */
const CHECKS_AT_ONCE = 4;

/** What signing out now would leave unsaved. */
export interface SignOutCheck {
  /** Changes kept in this browser that the server has not stored. */
  unsaved: number;
  /** Sections whose copy could not be compared with the server (offline, say). */
  unchecked: number;
}

/** What the trackers of a copy open on the page know is pending, or null if they cannot tell. */
export function pendingFromTrackers(states: readonly SaveState[]): number | null {
  let pending = 0;
  for (const state of states) {
    // Restored content not yet acknowledged may hold uncounted deletions.
    if (state.restored !== 'none') return null;
    pending = Math.max(pending, state.unsaved + state.refused);
  }
  return pending;
}

/** Counts what the user's copies in this browser hold that the server lacks. */
export async function checkBeforeSignOut(userId: string): Promise<SignOutCheck> {
  const open = openCopyStates();
  const names = new Set(await listLocalCopies(userId));
  for (const name of open.keys()) if (parseLocalCopyName(name)?.userId === userId) names.add(name);

  const result: SignOutCheck = { unsaved: 0, unchecked: 0 };
  const toCompare: string[] = [];
  for (const name of names) {
    const states = open.get(name);
    const known = states ? pendingFromTrackers(states) : null;
    if (known === null) toCompare.push(name);
    else result.unsaved += known;
  }

  // Once the server proves out of reach, the remaining copies are not tried one by one.
  let reachable = navigator.onLine;
  const compareNext = async (): Promise<void> => {
    for (let name = toCompare.shift(); name !== undefined; name = toCompare.shift()) {
      const key = parseLocalCopyName(name);
      if (!key || !reachable) {
        result.unchecked += 1;
        continue;
      }
      const check = await checkLocalCopy(name, key);
      if (check.status === 'checked') {
        result.unsaved += check.unsaved;
      } else {
        result.unchecked += 1;
        if (check.reason === 'unreachable') reachable = false;
      }
    }
  };
  await Promise.all(Array.from({ length: CHECKS_AT_ONCE }, compareNext));
  return result;
}

/** Deletes every copy the user has in this browser (pages still showing them stop keeping them). */
export async function deleteLocalCopies(userId: string): Promise<void> {
  const names = new Set(await listLocalCopies(userId));
  for (const name of openCopyStates().keys()) if (parseLocalCopyName(name)?.userId === userId) names.add(name);
  await Promise.all([...names].map((name) => deleteLocalCopy(name)));
}
