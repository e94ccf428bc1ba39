import { useThreadList, useThreadsContext } from './ThreadsContext';

/** Once for the page, above the sections: threads are read-only, or could not be loaded. */
export function ThreadsNotice() {
  const context = useThreadsContext();
  const { error } = useThreadList();
  if (!context) return null;
  return (
    <>
      {context.access === 'published' && <p className="threads__note">Threads are read-only now that the response is published</p>}
      {context.access === 'read' && <p className="hint">You can read threads but not write in them.</p>}
      {error && (
        <p className="thread-error" role="alert">
          The threads could not be loaded: {error}
        </p>
      )}
    </>
  );
}
