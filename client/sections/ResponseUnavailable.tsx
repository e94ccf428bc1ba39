import { signInPathFor } from '../auth/safeReturnPath';
import { ErrorSummary } from '../ui/ErrorSummary';
import type { LiveResponse } from './useLiveResponse';

/** What a page built on a live response shows when the response could not be loaded. */
export function ResponseUnavailable({ failure }: { failure: Extract<LiveResponse, { status: 'failed' }> }) {
  return (
    <>
      <h1>{failure.code === 'not_found' ? 'Response not available' : 'The response could not be loaded'}</h1>
      <ErrorSummary errors={[failure.message]} focus={false} />
      {failure.code === 'signed_out' && (
        <p>
          <a href={signInPathFor(window.location.pathname)}>Sign in again</a>
        </p>
      )}
    </>
  );
}
