import { useId, useRef, useState } from 'react';
import type { Section } from '../../shared/model';
import { threadTitle, ThreadItem } from './ThreadItem';
import { usePassageStatuses, useThreadList, useThreadsContext } from './ThreadsContext';

/**
 * A section's threads, next to its text: beside it on wide screens, under it on narrow ones
 * (styles.css). Open threads come first; resolved ones are a button away. The comment bar
 * above already counts the open ones, so nothing shows for a section without threads.
 */
export function SectionThreadList({ section, label }: { section: Section; label: string }) {
  const context = useThreadsContext();
  const { threads } = useThreadList();
  const passages = usePassageStatuses();
  const [showResolved, setShowResolved] = useState(false);
  const [message, setMessage] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  if (!context) return null;

  // Oldest first, as the store keeps them.
  const mine = threads.filter((thread) => thread.sectionId === section.id);
  const open = mine.filter((thread) => thread.state === 'open');
  const resolved = mine.filter((thread) => thread.state === 'resolved');
  if (mine.length === 0) return null;
  const shown = showResolved ? [...open, ...resolved] : open;

  const announce = (text: string) => {
    setMessage(text);
    // A resolved thread leaves the list with the button that had focus: keep focus nearby.
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) headingRef.current?.focus();
    });
  };

  return (
    <div className="section-threads">
      <h3 className="section-threads__title" id={headingId} ref={headingRef} tabIndex={-1}>
        Threads<span className="visually-hidden"> on {label}</span>
      </h3>
      <p className="hint threads__message" role="status">
        {message}
      </p>
      {shown.length > 0 && (
        <ol className="threads__list" aria-labelledby={headingId}>
          {shown.map((thread) => (
            <li key={thread.id}>
              <ThreadItem
                thread={thread}
                title={threadTitle(thread)}
                passage={thread.anchor ? (passages.get(thread.id) ?? 'unknown') : null}
                announce={announce}
              />
            </li>
          ))}
        </ol>
      )}
      {resolved.length > 0 && (
        <button
          className="button button--link section-threads__toggle"
          type="button"
          aria-expanded={showResolved}
          onClick={() => setShowResolved((shown) => !shown)}
        >
          {showResolved ? 'Hide resolved threads' : `Show resolved threads (${resolved.length})`}
        </button>
      )}
    </div>
  );
}
