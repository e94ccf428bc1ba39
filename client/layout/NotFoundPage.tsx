import { Link } from '../router/Link';
import { usePageTitle } from '../ui/usePageTitle';

/** A path the app does not know. */
export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>
        <Link href="/">Go to your responses</Link>
      </p>
    </>
  );
}
