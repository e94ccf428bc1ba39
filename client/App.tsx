import { lazy, Suspense, useEffect } from 'react';
import type { User } from '../shared/api';
import { AccountPage } from './account/AccountPage';
import { InvitePage } from './auth/InvitePage';
import { safeReturnPath, signInPathFor } from './auth/safeReturnPath';
import { useSession } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { Header } from './layout/Header';
import { NotFoundPage } from './layout/NotFoundPage';
import { NotificationsPage } from './notifications/NotificationsPage';
import { OutboxPage } from './notifications/OutboxPage';
import { PreferencesPage } from './notifications/PreferencesPage';
import { DashboardPage } from './responses/DashboardPage';
import { PageCode, usePageCode } from './router/PageCode';
import { navigate, parseRoute, useLocation, type Route } from './router/router';
import { NewResponsePage } from './setup/NewResponsePage';

// The editor (TipTap, Yjs) is most of the code: load it only for a response page.
const responsePageCode = new PageCode(() => import('./sections/ResponsePage').then((module) => module.ResponsePage));
const TrackerPage = lazy(() => import('./tracking/TrackerPage').then((module) => ({ default: module.TrackerPage })));
const RecommendationPage = lazy(() => import('./tracking/RecommendationPage').then((module) => ({ default: module.RecommendationPage })));
const FollowUpPage = lazy(() => import('./tracking/FollowUpPage').then((module) => ({ default: module.FollowUpPage })));
const SetupPage = lazy(() => import('./setup/SetupPage').then((module) => ({ default: module.SetupPage })));
const MembersPage = lazy(() => import('./members/MembersPage').then((module) => ({ default: module.MembersPage })));
const ActivityPage = lazy(() => import('./activity/ActivityPage').then((module) => ({ default: module.ActivityPage })));

/** Starts loading the code of the page at `pathname` (at start-up, beside the session check). */
export function preloadPage(pathname: string): void {
  if (parseRoute(pathname).page === 'response') responsePageCode.load().catch(() => undefined);
}

/** A response page, once its code has arrived. */
function ResponseRoute({ responseId, user }: { responseId: string; user: User }) {
  const code = usePageCode(responsePageCode);
  if (code.status === 'failed') {
    return (
      <p role="alert" className="alert alert--error">
        This page could not be loaded. Check your connection and reload the page.
      </p>
    );
  }
  if (code.status === 'loading') return <p role="status">Loading the response…</p>;
  const ResponsePage = code.component;
  return <ResponsePage responseId={responseId} user={user} />;
}

/** Pages anyone may open; every other page needs a session. */
function isPublic(route: Route): boolean {
  return route.page === 'signIn' || route.page === 'invite';
}

/** The app: header, routing, and the session gate in front of the signed-in pages. */
export function App() {
  const location = useLocation();
  const pathname = location.split('?')[0] ?? '/';
  const route = parseRoute(pathname);
  const session = useSession();

  // Send signed-out people to the sign-in page, and signed-in people away from it.
  useEffect(() => {
    if (session.status === 'signedOut' && !isPublic(route)) {
      navigate(signInPathFor(location), { replace: true });
    } else if (session.status === 'signedIn' && route.page === 'signIn') {
      navigate(safeReturnPath(window.location.search), { replace: true });
    }
  }, [session.status, route.page, location]);

  const user = session.status === 'signedIn' ? session.user : null;
  let page;
  if (session.status === 'loading') {
    page = <p role="status">Loading…</p>;
  } else if (route.page === 'signIn') {
    page = user ? null : <SignInPage />;
  } else if (route.page === 'invite') {
    page = <InvitePage token={route.token} />;
  } else if (!user) {
    page = null;
  } else if (route.page === 'dashboard') {
    page = <DashboardPage />;
  } else if (route.page === 'response') {
    page = <ResponseRoute key={route.responseId} responseId={route.responseId} user={user} />;
  } else if (route.page === 'account') {
    page = <AccountPage user={user} />;
  } else if (route.page === 'notifications') {
    page = <NotificationsPage />;
  } else if (route.page === 'preferences') {
    page = <PreferencesPage />;
  } else if (route.page === 'outbox') {
    page = <OutboxPage />;
  } else if (route.page === 'newResponse') {
    page = <NewResponsePage />;
  } else if (route.page === 'setup') {
    page = (
      <Suspense fallback={<p role="status">Loading the response…</p>}>
        <SetupPage key={route.responseId} responseId={route.responseId} />
      </Suspense>
    );
  } else if (route.page === 'tracker') {
    page = (
      <Suspense fallback={<p role="status">Loading the tracker…</p>}>
        <TrackerPage />
      </Suspense>
    );
  } else if (route.page === 'recommendation') {
    page = (
      <Suspense fallback={<p role="status">Loading the recommendation…</p>}>
        <RecommendationPage key={`${route.responseId}/${route.sectionId}`} responseId={route.responseId} sectionId={route.sectionId} />
      </Suspense>
    );
  } else if (route.page === 'followUp') {
    page = (
      <Suspense fallback={<p role="status">Loading…</p>}>
        <FollowUpPage key={route.responseId} responseId={route.responseId} />
      </Suspense>
    );
  } else if (route.page === 'members') {
    page = (
      <Suspense fallback={<p role="status">Loading the response…</p>}>
        <MembersPage key={route.responseId} responseId={route.responseId} user={user} />
      </Suspense>
    );
  } else if (route.page === 'activity') {
    page = (
      <Suspense fallback={<p role="status">Loading the response…</p>}>
        <ActivityPage key={route.responseId} responseId={route.responseId} />
      </Suspense>
    );
  } else {
    page = <NotFoundPage />;
  }

  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <Header user={user} />
      <main className="main" id="main-content" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
