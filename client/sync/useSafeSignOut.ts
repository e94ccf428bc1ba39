import { useState } from 'react';
import { useSession } from '../auth/session';
import type { SignOutCheck } from './signOutCheck';

// The check needs Yjs and y-indexeddb, which only the response page loads otherwise.
const loadChecks = () => import('./signOutCheck');

/** A sign-out that first makes sure no edit kept in this browser is lost by it. */
export interface SafeSignOut {
  /** Checking, or signing out. */
  busy: boolean;
  /** What would be left unsaved, while the user decides; null otherwise. */
  pending: SignOutCheck | null;
  /** Checks the user's copies: signs out (deleting them) if nothing is pending, else warns. */
  start(): Promise<void>;
  /** Signs out despite the warning; the copies stay, to be sent at the next visit. */
  signOutAnyway(): Promise<void>;
  /** Stays signed in. */
  cancel(): void;
}

/** Wraps `signOut` (which ends the session and leaves the page) in the unsaved-changes check. */
export function useSafeSignOut(signOut: () => Promise<void>): SafeSignOut {
  const session = useSession();
  const userId = session.status === 'signedIn' ? session.user.id : null;
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<SignOutCheck | null>(null);

  const finish = async (deleteCopies: boolean) => {
    setPending(null);
    setBusy(true);
    if (deleteCopies && userId) {
      // Nothing in them is pending: a copy left behind is only a cache of saved text.
      await loadChecks()
        .then((checks) => checks.deleteLocalCopies(userId))
        .catch((error: unknown) => console.warn('Could not delete the copies kept in this browser', error));
    }
    await signOut();
  };

  return {
    busy,
    pending,
    async start() {
      setBusy(true);
      let check: SignOutCheck = { unsaved: 0, unchecked: 0 };
      try {
        if (userId) check = await (await loadChecks()).checkBeforeSignOut(userId);
      } catch (error) {
        // The copies could not even be listed: say so rather than delete what cannot be seen.
        console.warn('Could not check the changes kept in this browser', error);
        check = { unsaved: 0, unchecked: 1 };
      }
      if (check.unsaved > 0 || check.unchecked > 0) {
        setPending(check);
        setBusy(false);
        return;
      }
      await finish(true);
    },
    signOutAnyway: () => finish(false),
    cancel() {
      setPending(null);
    },
  };
}
