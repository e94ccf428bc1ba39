/** The `next` query parameter, if it is a path of this site (never another origin), else "/". */
export function safeReturnPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
  return '/';
}

/** The sign-in page's address that brings the user back to `path` afterwards. */
export function signInPathFor(path: string): string {
  return path === '/' || path.startsWith('/sign-in') ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
}
