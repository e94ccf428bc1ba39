import { useCallback, useState } from 'react';
import type { User } from '../../shared/api';
import { usePageTitle } from '../ui/usePageTitle';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SignOutEverywhere } from './SignOutEverywhere';

/** The signed-in user's own page: who they are, a new password, and ending every session. */
export function AccountPage({ user }: { user: User }) {
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(hasErrors ? 'Error: Your account' : 'Your account');
  const onErrorsChange = useCallback((errors: boolean) => setHasErrors(errors), []);
  return (
    <div className="narrow account">
      <h1>Your account</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Name</dt>
          <dd>{user.name}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Email address</dt>
          <dd>{user.email}</dd>
        </div>
      </dl>
      <ChangePasswordForm onErrorsChange={onErrorsChange} />
      <SignOutEverywhere />
    </div>
  );
}
