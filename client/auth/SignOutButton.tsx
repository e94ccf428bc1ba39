import { useState } from 'react';
import { navigate } from '../router/router';
import { signOut } from './session';

/** Ends the session and shows the sign-in page. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const click = async () => {
    setBusy(true);
    try {
      await signOut();
    } finally {
      navigate('/sign-in', { replace: true });
    }
  };
  return (
    <button className="button button--secondary button--small" type="button" onClick={click} disabled={busy}>
      Sign out
    </button>
  );
}
