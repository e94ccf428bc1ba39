// A tiny history.pushState router: the server falls back to index.html for every page path.
import { useSyncExternalStore } from 'react';

/** The pages of the app, parsed from the location's path. */
export type Route =
  | { page: 'dashboard' }
  | { page: 'signIn' }
  | { page: 'response'; responseId: string }
  | { page: 'newResponse' }
  | { page: 'setup'; responseId: string }
  | { page: 'members'; responseId: string }
  | { page: 'activity'; responseId: string }
  | { page: 'invite'; token: string }
  | { page: 'account' }
  | { page: 'tracker' }
  | { page: 'recommendation'; responseId: string; sectionId: string }
  | { page: 'followUp'; responseId: string }
  | { page: 'notifications' }
  | { page: 'preferences' }
  | { page: 'outbox' }
  | { page: 'notFound' };

/** The pages under a response's own: `/responses/<id>/<name>`. */
const RESPONSE_SUBPAGES = ['setup', 'members', 'activity'] as const;

const NAVIGATE_EVENT = 'countersign:navigate';

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The route a path names. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'dashboard' };
  if (path === '/sign-in') return { page: 'signIn' };
  if (path === '/account') return { page: 'account' };
  if (path === '/responses/new') return { page: 'newResponse' };
  if (path === '/tracker') return { page: 'tracker' };
  const recommendation = /^\/responses\/([^/]+)\/recommendations\/([^/]+)$/.exec(path);
  if (recommendation?.[1] && recommendation[2]) {
    const [responseId, sectionId] = [decodeSegment(recommendation[1]), decodeSegment(recommendation[2])];
    if (responseId && sectionId) return { page: 'recommendation', responseId, sectionId };
  }
  const followUp = /^\/responses\/([^/]+)\/follow-up$/.exec(path);
  if (followUp?.[1]) {
    const responseId = decodeSegment(followUp[1]);
    if (responseId) return { page: 'followUp', responseId };
  }
  if (path === '/notifications') return { page: 'notifications' };
  if (path === '/preferences') return { page: 'preferences' };
  if (path === '/outbox') return { page: 'outbox' };
  const subpage = /^\/responses\/([^/]+)\/(setup|members|activity)$/.exec(path);
  if (subpage?.[1] && subpage[2]) {
    const responseId = decodeSegment(subpage[1]);
    const page = RESPONSE_SUBPAGES.find((name) => name === subpage[2]);
    if (responseId && page) return { page, responseId };
  }
  const response = /^\/responses\/([^/]+)$/.exec(path);
  if (response?.[1]) {
    const responseId = decodeSegment(response[1]);
    if (responseId) return { page: 'response', responseId };
  }
  const invite = /^\/invite\/([^/]+)$/.exec(path);
  if (invite?.[1]) {
    const token = decodeSegment(invite[1]);
    if (token) return { page: 'invite', token };
  }
  return { page: 'notFound' };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and query, re-rendering on navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

/** Goes to another page of the app without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}
