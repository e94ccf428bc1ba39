import { useEffect, useState } from 'react';
import { responseDetailSchema } from '../../shared/schemas/responses';
import { canStartFollowUp } from '../../shared/tracking';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { Link } from '../router/Link';
import { NewResponsePage, type FollowUpOf } from '../setup/NewResponsePage';
import { responsePath } from '../setup/paths';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'refused'; source: FollowUpOf } | { status: 'ready'; source: FollowUpOf };

/** Starting a follow-up response from a published one (its administrators). */
export function FollowUpPage({ responseId }: { responseId: string }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  // The form sets the same title, and its own when it shows errors.
  usePageTitle('New follow-up response');

  useEffect(() => {
    let live = true;
    api('GET', `/api/responses/${encodeURIComponent(responseId)}`, responseDetailSchema).then(
      (response) => {
        if (!live) return;
        const source = { id: response.id, title: response.title };
        setLoad(canStartFollowUp(response.me, response) ? { status: 'ready', source } : { status: 'refused', source });
      },
      (error: unknown) => live && setLoad({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [responseId]);

  if (load.status === 'loading') return <p role="status">Loading the response…</p>;
  if (load.status === 'ready') return <NewResponsePage followUpOf={load.source} />;
  return (
    <>
      <h1>New follow-up response</h1>
      {load.status === 'failed' ? (
        <ErrorSummary errors={[load.message]} focus={false} />
      ) : (
        <p>
          A follow-up starts from a published response, and only its administrators can start one.{' '}
          <Link href={responsePath(load.source.id)}>Back to {load.source.title}</Link>
        </p>
      )}
    </>
  );
}
