import type { User } from '../../shared/api';
import { SignOutButton } from '../auth/SignOutButton';
import { HeaderLinks } from '../notifications/HeaderLinks';
import { Link } from '../router/Link';

/** The banner on every page: the product's name and, when signed in, who and "Sign out". */
export function Header({ user }: { user: User | null }) {
  return (
    <header className="header">
      <div className="header__inner">
        <Link className="header__product" href="/">
          Countersign
        </Link>
        {user && (
          <div className="header__user">
            <HeaderLinks />
            <span className="header__name">{user.name}</span>
            <SignOutButton />
          </div>
        )}
      </div>
    </header>
  );
}
