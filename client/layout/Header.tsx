import type { User } from '../../shared/api';
import { SignOutButton } from '../auth/SignOutButton';
import { HeaderLinks } from '../notifications/HeaderLinks';
import { Link } from '../router/Link';

/** The banner on every page: the product's name and, when signed in, who, "Your account" and "Sign out". */
export function Header({ user }: { user: User | null }) {
  return (
    <header className="header">
      <div className="header__inner">
        <Link className="header__product" href="/">
          Countersign
        </Link>
        {user && (
          <div className="header__user">
            <Link className="header__link" href="/tracker">
              Recommendation tracker
            </Link>
            <HeaderLinks />
            <span className="header__name">{user.name}</span>
            <Link className="header__link" href="/account">
              Your account
            </Link>
            <SignOutButton />
          </div>
        )}
      </div>
    </header>
  );
}
