import { useEffect, useId, useRef } from 'react';
import type { SignOutCheck } from './signOutCheck';

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

function sections(n: number): string {
  return n === 1 ? '1 section' : `${n} sections`;
}

/** The warning's title for a check that found something pending. */
export function signOutWarningTitle(check: SignOutCheck): string {
  return check.unsaved > 0
    ? `You have ${changes(check.unsaved)} not yet saved on this computer`
    : 'Changes on this computer could not be checked';
}

/** Asks before a sign-out that would leave edits unsaved in this browser. */
export function SignOutWarning({
  check,
  onStay,
  onSignOut,
}: {
  check: SignOutCheck;
  onStay: () => void;
  onSignOut: () => void;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="alert alert--error"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
    >
      <h2 className="alert__title" id={titleId}>
        {signOutWarningTitle(check)}
      </h2>
      {check.unchecked > 0 && (
        <p>
          What this browser keeps of {sections(check.unchecked)} could not be compared with the server: you may be
          offline.
        </p>
      )}
      <p>
        To save them, stay signed in and open the response while connected. If you sign out now, they stay in this
        browser and are sent the next time you sign in here and open the response.
      </p>
      <div className="button-group">
        <button className="button" type="button" onClick={onStay} autoFocus>
          Stay signed in
        </button>
        <button className="button button--secondary button--warning" type="button" onClick={onSignOut}>
          Sign out anyway
        </button>
      </div>
    </dialog>
  );
}
