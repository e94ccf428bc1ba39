import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/ApiError';
import { sessionEnded } from '../auth/session';
import { navigate } from '../router/router';
import { SignOutWarning } from '../sync/SignOutWarning';
import { useSafeSignOut } from '../sync/useSafeSignOut';
import { signOutEverywhere } from './accountApi';

/** Where the sign-in page says that every session has ended. */
export const SIGNED_OUT_EVERYWHERE_PATH = '/sign-in?signedOut=everywhere';

/**
 * Ends every session of the account, this one too, once the user has confirmed it (and, as the
 * header's "Sign out" does, once edits kept in this browser are known to be saved).
 */
export function SignOutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const questionRef = useRef<HTMLHeadingElement>(null);
  // Where focus goes after the confirmation opens or closes: set by the action that did it.
  const focusNext = useRef<'question' | 'trigger' | null>(null);

  const safe = useSafeSignOut(async () => {
    setBusy(true);
    setError(null);
    try {
      await signOutEverywhere();
    } catch (failure) {
      // Nothing says the other sessions ended: stay here and say so.
      setError(`You have not been signed out everywhere: ${errorMessage(failure)}`);
      setBusy(false);
      return;
    }
    sessionEnded();
    navigate(SIGNED_OUT_EVERYWHERE_PATH, { replace: true });
  });

  useEffect(() => {
    if (focusNext.current === 'question') questionRef.current?.focus();
    if (focusNext.current === 'trigger') triggerRef.current?.focus();
    focusNext.current = null;
  }, [confirming]);

  const ask = () => {
    focusNext.current = 'question';
    setConfirming(true);
  };
  const cancel = () => {
    focusNext.current = 'trigger';
    setConfirming(false);
  };

  return (
    <section aria-labelledby="sign-out-everywhere-heading">
      <h2 id="sign-out-everywhere-heading">Sign out everywhere</h2>
      <p>
        If you signed in on a computer you no longer use, or think someone else knows your password, sign out of
        Countersign on every device and browser at once. You will need to sign in again here too.
      </p>
      {error && (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {confirming ? (
        <div className="alert" role="group" aria-labelledby="sign-out-everywhere-question">
          <h3 className="alert__title" id="sign-out-everywhere-question" tabIndex={-1} ref={questionRef}>
            Sign out on every device and browser?
          </h3>
          <p>
            Everyone signed in as you, here and elsewhere, is signed out at once. Changes not yet saved in another
            browser stay in that browser, and are sent when you sign in there again.
          </p>
          <div className="button-group">
            <button className="button button--warning" type="button" onClick={() => void safe.start()} disabled={busy}>
              Yes, sign out everywhere
            </button>
            <button className="button button--secondary" type="button" onClick={cancel} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button className="button button--secondary button--warning" type="button" onClick={ask} ref={triggerRef}>
          Sign out everywhere
        </button>
      )}
      {safe.pending && <SignOutWarning check={safe.pending} onStay={safe.cancel} onSignOut={() => void safe.signOutAnyway()} />}
    </section>
  );
}
