import { useId, useRef, useState } from 'react';
import type { ResponseDetail, Thread } from '../../shared/api';
import { ThreadItem } from './ThreadItem';
import { usePassageStatuses, useThreadList, useThreadsContext } from './ThreadsContext';

type Filter = 'open' | 'resolved' | 'all';

const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

function matches(thread: Thread, filter: Filter): boolean {
  return filter === 'all' || (filter === 'open') === (thread.state === 'open');
}

function emptyText(filter: Filter): string {
  switch (filter) {
    case 'open':
      return 'No open threads.';
    case 'resolved':
      return 'No resolved threads.';
    case 'all':
      return 'No threads yet.';
  }
}

/** The response's threads, open or resolved, in document order. Comment text is shown as text. */
export function ThreadsPanel({ response }: { response: ResponseDetail }) {
  const context = useThreadsContext();
  const { threads, status, error } = useThreadList();
  const passages = usePassageStatuses();
  const [filter, setFilter] = useState<Filter>('open');
  const [message, setMessage] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const filterName = useId();
  if (!context) return null;

  const order = new Map(response.sections.map((section, index) => [section.id, index]));
  const titles = new Map(response.sections.map((section) => [section.id, section.title]));
  // Sections in document order; within a section, oldest first (the store's order; sort is stable).
  const sorted = [...threads].sort((a, b) => (order.get(a.sectionId) ?? Infinity) - (order.get(b.sectionId) ?? Infinity));
  const shown = sorted.filter((thread) => matches(thread, filter));
  const counts: Record<Filter, number> = {
    open: threads.filter((thread) => thread.state === 'open').length,
    resolved: threads.filter((thread) => thread.state === 'resolved').length,
    all: threads.length,
  };

  const announce = (text: string) => {
    setMessage(text);
    // A resolved thread leaves the "Open" list with the button that had focus: keep focus nearby.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) headingRef.current?.focus();
    });
  };

  return (
    <section className="panel threads" aria-labelledby="threads-heading">
      <h2 id="threads-heading" ref={headingRef} tabIndex={-1}>
        Threads
      </h2>
      {context.access === 'published' && (
        <p className="threads__note">Threads are read-only now that the response is published</p>
      )}
      {context.access === 'read' && <p className="hint">You can read threads but not write in them.</p>}
      <fieldset className="threads-filter">
        <legend className="threads-filter__legend">Show</legend>
        {FILTERS.map(({ value, label }) => (
          <label className="threads-filter__option" key={value}>
            <input
              className="threads-filter__input"
              type="radio"
              name={filterName}
              value={value}
              checked={filter === value}
              onChange={() => setFilter(value)}
            />
            {label} ({counts[value]})
          </label>
        ))}
      </fieldset>
      <p className="hint threads__message" role="status">
        {message}
      </p>
      {error && (
        <p className="thread-error" role="alert">
          The threads could not be loaded: {error}
        </p>
      )}
      {status === 'loading' ? (
        <p>Loading threads…</p>
      ) : shown.length === 0 ? (
        <p>{emptyText(filter)}</p>
      ) : (
        <ol className="threads__list">
          {shown.map((thread) => (
            <li key={thread.id}>
              <ThreadItem
                thread={thread}
                sectionTitle={titles.get(thread.sectionId) ?? 'A removed section'}
                passage={thread.anchor ? (passages.get(thread.id) ?? 'unknown') : null}
                announce={announce}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
