import { useEffect, useRef, useState } from 'react';
import type { AuditEvent } from '../../shared/api';
import type { Section } from '../../shared/model';
import { formatDateTime } from '../format/dates';
import { useEarlierActivity } from './useEarlierActivity';

/** "section.signed_off" -> "Section signed off": the log's action codes, readable. */
export function describeAction(action: string): string {
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function entries(n: number): string {
  return n === 1 ? '1 earlier entry' : `${n} earlier entries`;
}

function ActivityItem({ event, titles }: { event: AuditEvent; titles: Map<string, string> }) {
  const sectionTitle = event.sectionId ? titles.get(event.sectionId) : undefined;
  return (
    <li className="activity__item" data-event-id={event.id} tabIndex={-1}>
      <p className="activity__what">
        {describeAction(event.action)}
        {sectionTitle ? `: ${sectionTitle}` : ''}
      </p>
      <p className="activity__meta">
        {event.actor?.name ?? 'Countersign'}, <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </p>
      {event.detail && <p className="activity__detail">{event.detail}</p>}
    </li>
  );
}

/**
 * The response's activity log, newest first: the latest page, kept live, then the earlier pages
 * the user asks for (in a list of their own, so that they are not announced as new activity).
 * Everything is rendered as text, never HTML.
 */
export function ActivityPanel({
  responseId,
  events,
  earlierBefore,
  sections,
}: {
  responseId: string;
  events: AuditEvent[];
  /** Where the earlier entries start (the live page's `nextBefore`), or null when there are none. */
  earlierBefore: number | null;
  sections: Section[];
}) {
  const titles = new Map(sections.map((section) => [section.id, section.title]));
  const earlier = useEarlierActivity(responseId, earlierBefore);
  const [status, setStatus] = useState('');
  const earlierList = useRef<HTMLOListElement>(null);
  // The entry to focus once it is drawn: the newest of those "Show earlier activity" brought.
  const [focusTarget, setFocusTarget] = useState<number | null>(null);
  const newestFirst = [...events].reverse();
  const earlierNewestFirst = [...earlier.events].reverse();

  const showEarlier = async () => {
    const page = await earlier.loadMore();
    if (page.length === 0) return;
    setStatus(`Showing ${entries(page.length)}`);
    // Reading goes on from where the list ended.
    setFocusTarget(page[page.length - 1]!.id);
  };

  useEffect(() => {
    if (focusTarget === null) return;
    const item = earlierList.current?.querySelector<HTMLElement>(`[data-event-id="${focusTarget}"]`);
    if (!item) return;
    item.focus();
    setFocusTarget(null);
  }, [focusTarget, earlier.events]);

  return (
    <section className="panel" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {newestFirst.length === 0 && earlierNewestFirst.length === 0 ? (
        <p>Nothing has happened yet.</p>
      ) : (
        <ol className="activity" aria-live="polite" aria-relevant="additions">
          {newestFirst.map((event) => (
            <ActivityItem key={event.id} event={event} titles={titles} />
          ))}
        </ol>
      )}
      {earlierNewestFirst.length > 0 && (
        <ol className="activity" aria-label="Earlier activity" ref={earlierList}>
          {earlierNewestFirst.map((event) => (
            <ActivityItem key={event.id} event={event} titles={titles} />
          ))}
        </ol>
      )}
      {earlier.error && (
        <p className="field-error" role="alert">
          {earlier.error}
        </p>
      )}
      {earlier.hasMore ? (
        <button className="button button--secondary activity__more" type="button" onClick={() => void showEarlier()} aria-disabled={earlier.loading || undefined}>
          Show earlier activity
        </button>
      ) : (
        earlierNewestFirst.length > 0 && <p className="hint">This is the start of the activity record.</p>
      )}
      <p className="visually-hidden" role="status">
        {earlier.loading ? 'Loading earlier activity' : status}
      </p>
    </section>
  );
}
