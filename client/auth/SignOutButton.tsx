import { navigate } from '../router/router';
import { SignOutWarning } from '../sync/SignOutWarning';
import { useSafeSignOut } from '../sync/useSafeSignOut';
import { signOut } from './session';

/** Ends the session and shows the sign-in page, warning first if edits would stay unsaved. */
export function SignOutButton() {
  const safe = useSafeSignOut(async () => {
    try {
      await signOut();
    } finally {
      navigate('/sign-in', { replace: true });
    }
  });
  return (
    <>
      <button className="button button--secondary button--small" type="button" onClick={safe.start} disabled={safe.busy}>
        Sign out
      </button>
      {safe.pending && <SignOutWarning check={safe.pending} onStay={safe.cancel} onSignOut={safe.signOutAnyway} />}
    </>
  );
}
